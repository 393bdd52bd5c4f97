// POST /rudder/v1/kubeconfig {role, name?}: mints a token of that role and answers a
// kubeconfig YAML for the HTTPS listener (CA inline, context namespace default), so a
// viewer can be handed read-only kubectl access (issue 14; kubectl-api.md §1).
import type { FastifyInstance } from 'fastify';
import type { Server as HttpsServer } from 'node:https';
import { RudderError } from '@rudder/shared/errors';
import type { Role, TokenStore } from '../../auth/tokens.js';
import { kubeconfigYaml, kubeServerUrl } from '../../tls/kubeconfig.js';
import { singleDocument } from '../content.js';

export interface KubeconfigRoutesOptions {
  tokens: TokenStore;
  tls: { ca: string } | undefined;
  /** The address kubeconfigs name. */
  host: string;
  server: () => HttpsServer | null;
}

export async function kubeconfigRoutes(app: FastifyInstance, { tokens, tls, host, server }: KubeconfigRoutesOptions) {
  app.post('/rudder/v1/kubeconfig', (req, reply) => {
    const body = (req.body === undefined ? {} : singleDocument(req.body)) as { role?: unknown; name?: unknown };
    const role = (body.role ?? 'viewer') as Role;
    if (role !== 'viewer' && role !== 'editor') {
      throw new RudderError('Invalid', 'role: Unsupported value', [
        { field: 'role', reason: 'FieldValueNotSupported', message: `Unsupported value: ${JSON.stringify(body.role)}: supported values: "viewer", "editor"` },
      ]);
    }
    if (body.name !== undefined && (typeof body.name !== 'string' || body.name === '')) {
      throw new RudderError('Invalid', 'name: Invalid value', [{ field: 'name', reason: 'FieldValueInvalid', message: 'Invalid value: must be a non-empty string' }]);
    }
    const address = server()?.address();
    if (!tls || !address || typeof address !== 'object') {
      throw new RudderError('NotFound', 'the kubectl (HTTPS) listener is not running on this server: start it with --kube-port');
    }
    const token = tokens.createToken(typeof body.name === 'string' ? body.name : `kubectl-${role}`, role);
    const yaml = kubeconfigYaml({ server: kubeServerUrl(host, address.port), caPem: tls.ca, token, user: `rudder-${role}` });
    return reply.type('application/yaml').send(yaml);
  });
}
