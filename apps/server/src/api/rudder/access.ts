// Tokens, the dashboard sign-in link, connected proxies and health probes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RudderError } from '@rudder/shared/errors';
import type { ProxyStatus } from '@rudder/shared/protocol';
import type { Role, TokenStore } from '../../auth/tokens.js';
import { SESSION_COOKIE } from '../principal.js';
import { singleDocument } from '../content.js';

export interface AccessRoutesOptions {
  tokens: TokenStore;
  proxies: () => ProxyStatus[];
  /** Whether the server can serve (the store opened, migrations ran). */
  ready: () => boolean;
}

export async function accessRoutes(app: FastifyInstance, { tokens, proxies, ready }: AccessRoutesOptions) {
  app.get('/healthz', { config: { auth: 'public' } }, (_req, reply) => reply.type('text/plain').send('ok'));
  app.get('/readyz', { config: { auth: 'public' } }, (_req, reply) =>
    ready() ? reply.type('text/plain').send('ok') : reply.code(503).type('text/plain').send('not ready'),
  );

  app.get('/rudder/v1/proxies', () => ({ items: proxies() }));
  // Name and role only: the principal's id is the token's hash, for the server alone.
  app.get('/rudder/v1/whoami', (req) => ({ name: req.principal?.name, role: req.principal?.role }));

  app.post('/rudder/v1/tokens', (req) => {
    const body = singleDocument(req.body) as { name?: unknown; role?: unknown };
    const role = body.role as Role;
    if (typeof body.name !== 'string' || body.name === '') {
      throw new RudderError('Invalid', 'name: Required value', [{ field: 'name', reason: 'FieldValueRequired', message: 'Required value' }]);
    }
    if (role !== 'viewer' && role !== 'editor') {
      throw new RudderError('Invalid', 'role: Unsupported value', [
        { field: 'role', reason: 'FieldValueNotSupported', message: `Unsupported value: ${JSON.stringify(body.role)}: supported values: "viewer", "editor"` },
      ]);
    }
    return { name: body.name, role, token: tokens.createToken(body.name, role) };
  });

  // The one-time link printed at start: trades its code for an HttpOnly SameSite session cookie.
  app.get('/login', { config: { auth: 'public' } }, (req: FastifyRequest<{ Querystring: { code?: string } }>, reply) => {
    const session = req.query.code ? tokens.redeemLoginCode(req.query.code) : undefined;
    if (!session) {
      return reply
        .code(401)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><title>Rudder</title><p>This sign-in link is not valid (each link works once). Restarting Rudder prints a new one.</p>');
    }
    reply.header('Set-Cookie', `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/; Max-Age=2592000`);
    return reply.redirect('/');
  });
}
