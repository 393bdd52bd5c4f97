// buildServer(deps): the Fastify application with every route family as a plugin, the
// auth hook and the one error handler. main.ts parses arguments and listens; tests call
// buildServer with a temporary data dir.
import Fastify, { type FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { DEFAULT_MESH_SETTINGS, type MeshSettings } from '@rudder/shared/protocol';
import type { SemanticValidator } from './api/admit.js';
import { registerBodyParsers } from './api/content.js';
import { collectRoutes, docsRoutes } from './api/docs.js';
import { resourceRoutes } from './api/kube/resources.js';
import { openApiRoutes } from './api/openapi.js';
import { registerAuth } from './api/principal.js';
import { accessRoutes } from './api/rudder/access.js';
import { applyRoutes } from './api/rudder/apply.js';
import { registryRoutes } from './api/rudder/registry.js';
import { revisionRoutes } from './api/rudder/revisions.js';
import { handleError } from './api/status.js';
import type { TokenStore } from './auth/tokens.js';
import { createConfigPush } from './push/config-push.js';
import { createRegistry } from './registry/registry.js';
import { resolveServices } from './registry/resolve.js';
import type { Db } from './store/db.js';
import { createResourceStore } from './store/resource-store.js';
import { createTokenStore } from './auth/tokens.js';

export interface ServerDeps {
  db: Db;
  tokens?: TokenStore;
  validators?: readonly SemanticValidator[];
  mesh?: MeshSettings;
  now?: () => Date;
  logger?: boolean;
  /** Milliseconds between health checks of registered instances. */
  healthIntervalMs?: number;
  pushDebounceMs?: number;
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const now = deps.now ?? (() => new Date());
  const store = createResourceStore({ db: deps.db, now });
  const registry = createRegistry(deps.db, () => now().getTime());
  const tokens = deps.tokens ?? createTokenStore(deps.db);
  const validators = deps.validators ?? [];
  const mesh = deps.mesh ?? DEFAULT_MESH_SETTINGS;

  const resolved = () => resolveServices(registry.state(), store.list());
  const push = createConfigPush({
    inputs: () => ({
      version: String(store.currentVersion()),
      resources: store.list(),
      services: resolved(),
      workloads: registry.state().workloads,
      mesh,
    }),
    authorize: (req: IncomingMessage) => Boolean(tokens.authenticate(bearerOf(req))),
    ...(deps.pushDebounceMs !== undefined ? { debounceMs: deps.pushDebounceMs } : {}),
    now,
  });
  store.subscribe(() => push.schedule());
  registry.onChange(() => {
    store.bumpVersion();
    push.schedule();
  });

  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: 3 * 1024 * 1024, forceCloseConnections: true });
  const routes = collectRoutes(app);
  registerBodyParsers(app);
  registerAuth(app, tokens);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((_req, reply) =>
    handleError(Object.assign(new Error('not found'), { statusCode: 404, code: 'NOT_FOUND', name: 'NotFound' }), _req, reply),
  );

  await app.register(resourceRoutes, { store, validators });
  await app.register(applyRoutes, { store, validators });
  await app.register(revisionRoutes, { store, validators });
  await app.register(registryRoutes, { registry, resolved });
  await app.register(accessRoutes, { tokens, proxies: () => push.proxies(), ready: () => deps.db.open });
  await app.register(openApiRoutes);
  await app.register(docsRoutes, { routes });
  // Until the dashboard is served here, the root shows the API documentation.
  app.get('/', { config: { auth: 'public' } }, (_req, reply) => reply.redirect('/rudder/v1/docs'));

  app.server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/ws/config') push.handleUpgrade(req, socket, head);
    else socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });

  const healthTimer = setInterval(() => registry.refreshHealth(), deps.healthIntervalMs ?? 1000);
  healthTimer.unref();
  app.addHook('onClose', async () => {
    clearInterval(healthTimer);
    push.close();
  });
  return app;
}

function bearerOf(req: IncomingMessage): string {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m?.[1] ?? '';
}
