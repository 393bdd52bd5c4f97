// POST /rudder/v1/simulate: "what would happen to this request?" — the same compiler and
// matcher the proxies run (shared/routing), over the stored config or the stored config
// plus proposed changes (YAML or JSON documents that are validated but not stored), so an
// operator sees exactly what a change will do before applying it.
import type { FastifyInstance } from 'fastify';
import { kindByName, type Resource } from '@rudder/shared/kinds';
import { RudderError } from '@rudder/shared/errors';
import { type ConfigSnapshot, DEFAULT_MESH_SETTINGS, type MeshSettings, type RegistryState, type ResolvedService } from '@rudder/shared/protocol';
import { compileRouteTable, explainRules, type ListenerContext, matchRoute, resolveDestination, RouteCompileError, type RouteRequest, type RouteTable } from '@rudder/shared/routing';
import { parseYamlDocuments } from '@rudder/shared/yaml';
import type { ResourceStore } from '../../store/resource-store.js';
import { admit, type SemanticValidator } from '../admit.js';
import { singleDocument } from '../content.js';

export interface SimulateOptions {
  store: ResourceStore;
  validators: readonly SemanticValidator[];
  registry: () => RegistryState;
  resolve: (registry: RegistryState, resources: readonly Resource[]) => ResolvedService[];
  mesh?: MeshSettings;
}

interface SimulateRequest {
  /** `gateway` (the ingress gateway), or the calling workload (`productpage-v1`). */
  from?: string;
  namespace?: string;
  host?: string;
  port?: number;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  /** Proposed documents (YAML text or objects) applied on top of the stored config. */
  proposed?: string | unknown[];
}

export async function simulateRoutes(app: FastifyInstance, opts: SimulateOptions) {
  // A simulation changes nothing: viewers may run it.
  app.post('/rudder/v1/simulate', { config: { auth: 'viewer' } }, (req) => {
    const body = singleDocument(req.body) as SimulateRequest;
    if (typeof body.host !== 'string' || body.host === '') {
      throw new RudderError('Invalid', 'host: Required value', [{ field: 'host', reason: 'FieldValueRequired', message: 'Required value: the Host the request is sent to' }]);
    }
    const resources = withProposed(opts, body.proposed);
    const registry = opts.registry();
    const snapshot: ConfigSnapshot = {
      version: 'simulation',
      resources,
      services: opts.resolve(registry, resources),
      workloads: registry.workloads,
      mesh: opts.mesh ?? DEFAULT_MESH_SETTINGS,
    };
    let table: RouteTable;
    try {
      table = compileRouteTable(snapshot);
    } catch (error) {
      if (error instanceof RouteCompileError) throw new RudderError('Invalid', error.message);
      throw error;
    }
    const listener = listenerOf(body, registry);
    const headers = Object.fromEntries(Object.entries(body.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const request: RouteRequest = {
      listener,
      host: body.port ? `${body.host}:${body.port}` : body.host,
      ...(body.port ? { port: body.port } : {}),
      method: body.method ?? 'GET',
      path: body.path ?? '/',
      headers,
    };
    const match = matchRoute(table, request);
    const described = describe(table, match, listener, body);
    if (match.kind === 'route' || (match.kind === 'no-route' && match.virtualService)) {
      // Why each earlier rule (or, with no match, every rule) did not take the request.
      const vs = match.virtualService as NonNullable<typeof match.virtualService>;
      const upTo = match.kind === 'route' ? vs.rules.indexOf(match.rule) : vs.rules.length - 1;
      return { ...described, rules: explainRules(vs.rules, request, upTo) };
    }
    return described;
  });
}

function withProposed(opts: SimulateOptions, proposed: SimulateRequest['proposed']): Resource[] {
  const current = opts.store.list();
  if (proposed === undefined) return current;
  const docs = typeof proposed === 'string' ? parseYamlDocuments(proposed) : proposed;
  const byKey = new Map(current.map((r) => [`${r.kind}/${r.metadata.namespace}/${r.metadata.name}`, r]));
  docs.forEach((doc, index) => {
    const def = kindByName(String((doc as { kind?: unknown }).kind));
    if (!def) throw new RudderError('Invalid', `proposed[${index}].kind: not an Istio networking kind`);
    const namespace = ((doc as { metadata?: { namespace?: string } }).metadata?.namespace as string | undefined) ?? 'default';
    try {
      const { resource } = admit(def, doc, { namespace, mode: 'Strict', validators: opts.validators });
      // A proposed object is newer than anything stored: it sorts last where creation order matters.
      resource.metadata.creationTimestamp = new Date().toISOString();
      byKey.set(`${resource.kind}/${namespace}/${resource.metadata.name}`, resource);
    } catch (error) {
      if (error instanceof RudderError) {
        throw new RudderError(error.code, `proposed[${index}]: ${error.message}`, error.problems.map((p) => ({ ...p, field: `proposed[${index}].${p.field}` })));
      }
      throw error;
    }
  });
  return [...byKey.values()];
}

function listenerOf(body: SimulateRequest, registry: RegistryState): ListenerContext {
  if (!body.from || body.from === 'gateway') return { kind: 'gateway', labels: { istio: 'ingressgateway' }, namespace: 'istio-system' };
  const namespace = body.namespace ?? 'default';
  const workload = registry.workloads.find((w) => w.name === body.from && w.namespace === namespace);
  if (!workload) throw new RudderError('NotFound', `workload ${namespace}/${body.from} is not registered; use "gateway" or a registered workload`);
  return { kind: 'sidecar', namespace, labels: workload.labels };
}

function describe(table: RouteTable, match: ReturnType<typeof matchRoute>, listener: ListenerContext, body: SimulateRequest) {
  if (match.kind === 'no-route') {
    const vs = match.virtualService ? { virtualService: `${match.virtualService.namespace}/${match.virtualService.name}` } : {};
    return { result: 'no-route', status: match.status, responseFlag: match.responseFlag, reason: match.reason, ...vs };
  }
  if (match.kind === 'passthrough') return { result: 'passthrough', host: match.host };
  const client = listener.kind === 'sidecar' ? { namespace: listener.namespace } : {};
  const destination = (host: string, subset: string | undefined, port: number | undefined, weight: number) => {
    const resolved = resolveDestination(table, host, subset, port, { ...(body.port ? { listenerPort: body.port } : {}), client });
    return {
      host,
      ...(subset ? { subset } : {}),
      weight,
      ...(resolved
        ? {
            port: resolved.port,
            endpoints: resolved.endpoints.map((e) => ({ name: e.name, workload: e.workload, address: `${e.address}:${e.port}`, health: e.health })),
            policy: resolved.policy,
            destinationRule: resolved.destinationRule?.names,
          }
        : { error: 'no cluster: the host is unknown or the subset is defined by no DestinationRule (Envoy answers 503 NC)' }),
    };
  };
  if (match.kind === 'default') return { result: 'default-route', destinations: [destination(match.service.host, undefined, body.port, 100)] };
  const { rule } = match;
  const spec = rule.spec;
  return {
    result: 'route',
    virtualService: `${match.virtualService.namespace}/${match.virtualService.name}`,
    ruleIndex: rule.ruleIndex,
    ...(rule.name ? { ruleName: rule.name } : {}),
    ...(match.match ? { matchIndex: match.match.index } : {}),
    ...(rule.delegate ? { delegate: rule.delegate } : {}),
    actions: {
      ...(spec.redirect ? { redirect: spec.redirect } : {}),
      ...(spec.directResponse ? { directResponse: spec.directResponse } : {}),
      ...(spec.rewrite ? { rewrite: spec.rewrite } : {}),
      ...(spec.fault ? { fault: spec.fault } : {}),
      ...(spec.timeout ? { timeout: spec.timeout } : {}),
      ...(spec.retries ? { retries: spec.retries } : {}),
      ...(spec.headers ? { headers: spec.headers } : {}),
      ...(spec.corsPolicy ? { corsPolicy: spec.corsPolicy } : {}),
      ...(rule.mirrors.length ? { mirrors: rule.mirrors } : {}),
    },
    destinations: rule.destinations.map((d) => destination(d.host, d.subset, d.port, rule.totalWeight > 0 ? Math.round((1000 * d.weight) / rule.totalWeight) / 10 : 0)),
  };
}
