// Read-only core kinds for kubectl (kubectl-api.md §4): pods, services, namespaces and
// events in v1, deployments in apps/v1, all derived from the registry (core-views.ts).
// GET, LIST (selectors, Tables) and watch; writes answer 405, since kubectl would send
// them as strategic merge patches and the registry, not kubectl, owns these objects.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RudderError } from '@rudder/shared/errors';
import type { Registry } from '../../registry/registry.js';
import type { LogStore } from '../../telemetry/logs.js';
import { streamLogs } from '../rudder/log-stream.js';
import type { ResourceStore } from '../../store/resource-store.js';
import {
  type CoreInputs,
  type CoreObject,
  DEPLOYMENT_TABLE,
  deploymentsOf,
  NAMESPACE_TABLE,
  namespacesOf,
  POD_TABLE,
  podsOf,
  SERVICE_TABLE,
  servicesOf,
} from './core-views.js';
import { matchesFields, matchesRequirements, parseFieldSelector, parseLabelSelector } from './selectors.js';
import { column, type KubeList, sendList, sendObject, type TableSpec } from './tables.js';
import { isWatch, openWatchStream, type WatchHub } from './watch.js';

export interface CoreRoutesOptions {
  registry: Registry;
  store: ResourceStore;
  /** `host:port` of the ingress gateway (the `istio-ingressgateway` Service's hostname). */
  gatewayAddress: string;
  now: () => Date;
  hub: WatchHub;
  /** The proxies' access-log lines: `kubectl logs <pod> -c istio-proxy`. */
  logs?: LogStore;
}

interface CoreKind {
  plural: string;
  kind: string;
  apiVersion: string;
  /** Path prefix of the group/version: `/api/v1` or `/apis/apps/v1`. */
  base: string;
  table: TableSpec<CoreObject>;
  objects(inputs: CoreInputs): CoreObject[];
}

export const CORE_KINDS: readonly CoreKind[] = [
  { plural: 'pods', kind: 'Pod', apiVersion: 'v1', base: '/api/v1', table: POD_TABLE, objects: podsOf },
  { plural: 'services', kind: 'Service', apiVersion: 'v1', base: '/api/v1', table: SERVICE_TABLE, objects: servicesOf },
  { plural: 'deployments', kind: 'Deployment', apiVersion: 'apps/v1', base: '/apis/apps/v1', table: DEPLOYMENT_TABLE, objects: deploymentsOf },
];

const EVENT_TABLE: TableSpec<CoreObject> = {
  columns: ['Last Seen', 'Type', 'Reason', 'Object', 'Message'].map((n) => column(n, 'string', n)),
  cells: () => [],
};

type Req = FastifyRequest<{ Params: { namespace?: string; name?: string }; Querystring: Record<string, string | undefined> }>;

export async function coreRoutes(app: FastifyInstance, opts: CoreRoutesOptions) {
  const seen = new Map<string, string>();
  const firstSeen = (kind: string, namespace: string, name: string) => {
    const key = `${kind}/${namespace}/${name}`;
    if (!seen.has(key)) seen.set(key, opts.now().toISOString());
    return seen.get(key) as string;
  };
  const inputs = (): CoreInputs => ({
    registry: opts.registry.state(),
    gatewayAddress: opts.gatewayAddress,
    resourceVersion: String(opts.store.currentVersion()),
    firstSeen,
    resourceNamespaces: [...new Set(opts.store.list().map((r) => r.metadata.namespace))],
  });

  for (const k of CORE_KINDS) {
    const select = (req: Req) => {
      const labels = parseLabelSelector(req.query.labelSelector);
      const fields = parseFieldSelector(req.query.fieldSelector);
      const { namespace } = req.params;
      return () =>
        k.objects(inputs()).filter(
          (o) =>
            (!namespace || o.metadata.namespace === namespace) &&
            matchesRequirements(labels, o.metadata.labels) &&
            matchesFields(fields, { name: o.metadata.name, namespace: o.metadata.namespace ?? '' }),
        );
    };
    const list = (req: Req, reply: FastifyReply) => {
      const objects = select(req);
      if (isWatch(req.query)) return watchCore(req, reply, k, objects, opts);
      const body: KubeList<CoreObject> = { apiVersion: k.apiVersion, kind: `${k.kind}List`, metadata: { resourceVersion: String(opts.store.currentVersion()) }, items: objects() };
      return sendList(req, reply, body, k.table, opts.now());
    };
    const collection = `${k.base}/namespaces/:namespace/${k.plural}`;
    app.get(`${k.base}/${k.plural}`, list);
    app.get(collection, list);
    app.get(`${collection}/:name`, (req: Req, reply) => {
      const found = k.objects(inputs()).find((o) => o.metadata.namespace === req.params.namespace && o.metadata.name === req.params.name);
      if (!found) throw notFound(k.plural, req.params.name ?? '', k.apiVersion.includes('/') ? k.apiVersion.split('/')[0] : undefined);
      return sendObject(req, reply, found, k.table, opts.now());
    });
    const readOnly = async () => {
      throw new RudderError(
        'MethodNotAllowed',
        `${k.plural} are read-only in Rudder: they mirror its registry (register services, workloads and instances through /rudder/v1/registry)`,
      );
    };
    app.route({ method: 'POST', url: collection, onRequest: readOnly, handler: async () => undefined });
    app.route({ method: ['PUT', 'PATCH', 'DELETE'], url: `${collection}/:name`, onRequest: readOnly, handler: async () => undefined });
  }

  app.get('/api/v1/namespaces', (req: Req, reply) => {
    if (isWatch(req.query)) return watchCore(req, reply, { kind: 'Namespace', apiVersion: 'v1', table: NAMESPACE_TABLE }, () => namespacesOf(inputs()), opts);
    const body = { apiVersion: 'v1', kind: 'NamespaceList', metadata: { resourceVersion: String(opts.store.currentVersion()) }, items: namespacesOf(inputs()) };
    return sendList(req, reply, body, NAMESPACE_TABLE, opts.now());
  });
  app.get('/api/v1/namespaces/:namespace', (req: Req, reply) => {
    const found = namespacesOf(inputs()).find((n) => n.metadata.name === req.params.namespace);
    if (!found) throw notFound('namespaces', req.params.namespace ?? '');
    return sendObject(req, reply, found, NAMESPACE_TABLE, opts.now());
  });

  // `kubectl describe` lists events of the object: Rudder records none (kubectl prints `Events: <none>`).
  const events = (req: Req, reply: FastifyReply) =>
    sendList(req, reply, { apiVersion: 'v1', kind: 'EventList', metadata: { resourceVersion: String(opts.store.currentVersion()) }, items: [] }, EVENT_TABLE, opts.now());
  app.get('/api/v1/events', events);
  app.get('/api/v1/namespaces/:namespace/events', events);

  // `kubectl logs <pod> -c istio-proxy [-f] [--tail N] [--since 5m] [--timestamps]`: the sidecar's
  // access log, one JSON line per request as Istio prints it. The app's own output is not kept.
  app.get('/api/v1/namespaces/:namespace/pods/:name/log', (req: Req, reply) => {
    const { namespace = 'default', name = '' } = req.params;
    const pod = podsOf(inputs()).find((p) => p.metadata.namespace === namespace && p.metadata.name === name);
    if (!pod) throw notFound('pods', name);
    const containers: string[] = pod.spec.containers.map((c: { name: string }) => c.name);
    const container = req.query.container ?? (containers.length === 1 ? containers[0] : undefined);
    if (container === undefined) {
      throw new RudderError('BadRequest', `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`);
    }
    if (!containers.includes(container)) throw new RudderError('BadRequest', `container ${container} is not valid for pod ${name}`);
    if (container !== 'istio-proxy' || !opts.logs) {
      throw new RudderError('BadRequest', `Rudder keeps no output of the application container ${container}; the sidecar's access log is in container istio-proxy (kubectl logs ${name} -c istio-proxy)`);
    }
    const tail = req.query.tailLines !== undefined ? Number(req.query.tailLines) : undefined;
    const since = req.query.sinceSeconds !== undefined ? Number(req.query.sinceSeconds) : undefined;
    const sinceTime = req.query.sinceTime !== undefined ? Date.parse(req.query.sinceTime) : undefined;
    const sinceMs = since !== undefined && Number.isFinite(since) ? opts.now().getTime() - since * 1000 : sinceTime !== undefined && Number.isFinite(sinceTime) ? sinceTime : undefined;
    const timestamps = req.query.timestamps === 'true';
    streamLogs(reply, {
      store: opts.logs,
      query: { namespace, instance: name, ...(tail !== undefined && tail >= 0 ? { tail } : {}), ...(sinceMs !== undefined ? { sinceMs } : {}) },
      follow: req.query.follow === 'true',
      hub: opts.hub,
      contentType: 'text/plain',
      format: (l) => `${timestamps ? `${new Date(l.at).toISOString()} ` : ''}${l.line}\n`,
    });
  });
}

const notFound = (plural: string, name: string, group?: string) =>
  new RudderError('NotFound', `${plural}${group ? `.${group}` : ''} ${JSON.stringify(name)} not found`, [], { name, kind: plural, ...(group ? { group } : {}) });

/**
 * A watch on a registry-derived kind: the registry keeps no change log, so a watch
 * starts from the current state (sent as ADDED only for resourceVersion absent or 0)
 * and then diffs the view at every registry change.
 */
function watchCore(req: Req, reply: FastifyReply, k: Pick<CoreKind, 'kind' | 'apiVersion' | 'table'>, objects: () => CoreObject[], opts: CoreRoutesOptions) {
  const rv = req.query.resourceVersion;
  const stream = openWatchStream(req, reply, { spec: k.table, hub: opts.hub, now: opts.now, apiVersion: k.apiVersion, kind: k.kind });
  const key = (o: CoreObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  // resourceVersion moves with every write; only a change of the object itself is an event.
  const body = (o: CoreObject) => JSON.stringify({ ...o, metadata: { ...o.metadata, resourceVersion: '' } });
  let last = new Map(objects().map((o) => [key(o), o]));
  if (!rv || rv === '0') for (const o of last.values()) stream.send('ADDED', o);
  stream.onEnd(
    opts.registry.onChange(() => {
      const next = new Map(objects().map((o) => [key(o), o]));
      for (const [k2, o] of next) {
        const before = last.get(k2);
        if (!before) stream.send('ADDED', o);
        else if (body(before) !== body(o)) stream.send('MODIFIED', o);
      }
      for (const [k2, o] of last) if (!next.has(k2)) stream.send('DELETED', o);
      last = next;
    }),
  );
}
