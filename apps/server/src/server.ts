// buildServer(deps): the Fastify application with every route family as a plugin, the
// auth hook and the one error handler. With `tls`, the same application (one store, one
// registry, one config push) is also served over HTTPS for kubectl (`app.kubeServer`).
// main.ts parses arguments and listens; tests call buildServer with a temporary data dir.
import { validateIstio } from '@rudder/shared/validation';
import Fastify, { type FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { DEFAULT_MESH_SETTINGS, type MeshSettings } from '@rudder/shared/protocol';
import type { SemanticValidator } from './api/admit.js';
import { registerBodyParsers } from './api/content.js';
import { collectRoutes, docsRoutes } from './api/docs.js';
import { coreRoutes } from './api/kube/core.js';
import { discoveryRoutes } from './api/kube/discovery.js';
import { resourceRoutes } from './api/kube/resources.js';
import { createWatchHub } from './api/kube/watch.js';
import { openApiRoutes } from './api/openapi.js';
import { registerAuth } from './api/principal.js';
import { accessRoutes } from './api/rudder/access.js';
import { applyRoutes } from './api/rudder/apply.js';
import { deleteRoutes } from './api/rudder/delete.js';
import { kubeconfigRoutes } from './api/rudder/kubeconfig.js';
import { registryRoutes } from './api/rudder/registry.js';
import { revisionRoutes } from './api/rudder/revisions.js';
import { validationRoutes } from './api/rudder/validations.js';
import { sandboxRoutes } from './api/rudder/sandbox.js';
import { loadRoutes } from './api/rudder/load.js';
import { simulateRoutes } from './api/rudder/simulate.js';
import { webRoutes } from './api/web.js';
import { handleError } from './api/status.js';
import type { TokenStore } from './auth/tokens.js';
import { createConfigPush } from './push/config-push.js';
import { createRegistry } from './registry/registry.js';
import { resolveServices } from './registry/resolve.js';
import type { Db } from './store/db.js';
import { createResourceStore } from './store/resource-store.js';
import { createValidationService } from './validations/service.js';
import { createTokenStore } from './auth/tokens.js';
import { join } from 'node:path';
import { telemetryRoutes, graphParamsOf } from './api/rudder/telemetry.js';
import { traceRoutes } from './api/rudder/traces.js';
import { createLiveGraph } from './live/live-graph.js';
import { cookie as cookieOf, SESSION_COOKIE } from './api/principal.js';
import { workloadHealth } from './telemetry/graph/health.js';
import { queryGraph } from './telemetry/graph/query.js';
import { createTelemetryIngest } from './telemetry/ingest.js';
import { createTelemetry, type TelemetryOptions } from './telemetry/telemetry.js';

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
  /** Serve the API over HTTPS too (kubectl sends tokens only over TLS): PEM key, certificate and CA. */
  tls?: { key: string; cert: string; ca: string };
  /** The address kubeconfigs name for the HTTPS listener (default 127.0.0.1). */
  kubeHost?: string;
  /** `host:port` of the ingress gateway, the `istio-ingressgateway` Service's hostname (default 127.0.0.1:8080). */
  gatewayAddress?: string;
  /** The data dir: spans go to `<dataDir>/traces.db` (in memory without one). */
  dataDir?: string;
  telemetry?: TelemetryOptions;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The HTTPS listener for kubectl when `tls` was given; the caller listens on it. */
    kubeServer: HttpsServer | null;
  }
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const now = deps.now ?? (() => new Date());
  const store = createResourceStore({ db: deps.db, now });
  const registry = createRegistry(deps.db, () => now().getTime());
  const tokens = deps.tokens ?? createTokenStore(deps.db);
  // Istio's webhook rules run on every write unless a caller passes its own list.
  const validators = deps.validators ?? [validateIstio];
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

  const hub = createWatchHub();
  // Telemetry (DESIGN.md data flow 4): ingest over /ws/telemetry, graph frames over /ws/live.
  const telemetry = createTelemetry({
    ...(deps.dataDir ? { traceFile: join(deps.dataDir, 'traces.db') } : {}),
    ...deps.telemetry,
  });
  const ingest = createTelemetryIngest({
    authorize: (req) => tokens.authenticate(bearerOf(req))?.role === 'editor',
    ingest: (batch) => telemetry.ingest(batch),
  });
  const workloadStatus = (namespace: string, workload: string) => {
    const state = registry.state();
    if (!state.workloads.some((w) => w.namespace === namespace && w.name === workload)) return undefined;
    const instances = state.instances.filter((i) => i.namespace === namespace && i.workload === workload);
    return workloadHealth(instances.length, instances.filter((i) => i.health === 'Healthy').length);
  };
  const graphSources = { telemetry, resources: () => store.list(), workloadStatus };
  const live = createLiveGraph({
    authorize: (req) => Boolean(tokens.authenticate(bearerOf(req) || (cookieOf(req, SESSION_COOKIE) ?? ''))),
    params: (query) => graphParamsOf(query, telemetry.now()),
    keyOf: (p) => `${p.graphType}|${p.toMs - p.fromMs}|${p.namespaces?.join(',') ?? ''}|${p.injectServiceNodes ?? ''}|${p.includeIdleEdges ?? ''}`,
    // The window slides: the same duration, ending now.
    graph: (p) => queryGraph(graphSources, { ...p, toMs: telemetry.now(), fromMs: telemetry.now() - (p.toMs - p.fromMs) }),
  });
  const kubeServer = deps.tls ? createHttpsServer({ key: deps.tls.key, cert: deps.tls.cert }, app.routing) : null;
  app.decorate('kubeServer', kubeServer);
  await app.register(discoveryRoutes);
  // Kiali's cross-resource checks: /rudder/v1/validations, and Warning headers on Kubernetes API writes.
  const validations = createValidationService({ store, registry, resolve: resolveServices, mesh, proxies: () => push.proxies().map((p) => p.identity) });
  await app.register(resourceRoutes, { store, validators: [...validators, validations.admissionWarnings], hub, now });
  await app.register(validationRoutes, { validations });
  await app.register(coreRoutes, { registry, store, hub, now, gatewayAddress: deps.gatewayAddress ?? '127.0.0.1:8080', logs: telemetry.logs });
  await app.register(kubeconfigRoutes, { tokens, tls: deps.tls, host: deps.kubeHost ?? '127.0.0.1', server: () => kubeServer });
  await app.register(applyRoutes, { store, validators });
  await app.register(deleteRoutes, { store });
  await app.register(revisionRoutes, { store, validators });
  await app.register(registryRoutes, { registry, resolved });
  await app.register(accessRoutes, { tokens, proxies: () => push.proxies(), ready: () => deps.db.open });
  await app.register(openApiRoutes);
  await app.register(telemetryRoutes, { ...graphSources, hub });
  await app.register(traceRoutes, { traces: telemetry.traces, now: telemetry.now });
  await app.register(sandboxRoutes);
  await app.register(loadRoutes, { db: deps.db });
  await app.register(simulateRoutes, { store, validators, registry: () => registry.state(), resolve: resolveServices, mesh });
  await app.register(docsRoutes, { routes });
  // The dashboard (apps/web/dist) at `/` and its routes; it signs in through /login.
  await app.register(webRoutes);

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/ws/config') push.handleUpgrade(req, socket, head);
    else if (path === '/ws/telemetry') ingest.handleUpgrade(req, socket, head);
    else if (path === '/ws/live') live.handleUpgrade(req, socket, head);
    else socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  };
  app.server.on('upgrade', upgrade);
  kubeServer?.on('upgrade', upgrade);

  const healthTimer = setInterval(() => registry.refreshHealth(), deps.healthIntervalMs ?? 1000);
  healthTimer.unref();
  // Watches end cleanly (kubectl get -w exits 0) before the listeners close.
  app.addHook('preClose', async () => {
    await hub.closeAll();
    if (kubeServer?.listening) {
      kubeServer.closeAllConnections();
      await new Promise((resolve) => kubeServer.close(resolve));
    }
  });
  app.addHook('onClose', async () => {
    clearInterval(healthTimer);
    push.close();
    live.close();
    ingest.close();
    telemetry.close();
  });
  return app;
}

/** Starts the HTTPS listener of an app built with `tls`; resolves to its port (useful with port 0). */
export function listenKube(app: FastifyInstance, host: string, port: number): Promise<number> {
  const server = app.kubeServer;
  if (!server) return Promise.reject(new Error('the server was built without tls'));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function bearerOf(req: IncomingMessage): string {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m?.[1] ?? '';
}
