// Who is calling: a bearer token or the dashboard's session cookie, resolved once per
// request by the auth hook; routes declare the role they need (viewer reads, editor writes).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RudderError } from '@rudder/shared/errors';
import type { Principal, Role, TokenStore } from '../auth/tokens.js';

export const SESSION_COOKIE = 'rudder_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** `public` needs no token; otherwise the least role. Default: viewer for GET/HEAD, editor otherwise. */
    auth?: 'public' | Role;
  }
}

export function registerAuth(app: FastifyInstance, tokens: TokenStore) {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (req) => {
    const needed = req.routeOptions.config.auth ?? (req.method === 'GET' || req.method === 'HEAD' ? 'viewer' : 'editor');
    if (needed === 'public') return;
    req.principal = tokens.authenticate(bearer(req) ?? cookie(req, SESSION_COOKIE) ?? '');
    if (!req.principal) throw new RudderError('Unauthorized', 'Unauthorized');
    if (needed === 'editor' && req.principal.role !== 'editor') {
      throw new RudderError(
        'Forbidden',
        `${req.method} ${req.url.split('?')[0]} is forbidden: User "${req.principal.name}" (role ${req.principal.role}) cannot write; an editor token is needed`,
      );
    }
  });
}

function bearer(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return m?.[1];
}

export function cookie(req: { headers: { cookie?: string | undefined } }, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Who made a change, for revisions: the token's name and, for kubectl, its command. */
export function actorOf(req: FastifyRequest): string {
  const who = req.principal?.name ?? 'anonymous';
  const command = req.headers['kubectl-command'];
  return typeof command === 'string' && command ? `${who} (${command})` : who;
}
