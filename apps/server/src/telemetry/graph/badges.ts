// Node badges (kiali-graph.md §5, kiali models/virtual_service.go, destination_rule.go):
// from config, a VirtualService routing to the node's service (fault injection, mirroring —
// `mirror` and `mirrors` —, routing, timeout, traffic shifting, and retries, which Kiali lacks)
// and a circuit breaker (a DestinationRule with connectionPool or outlierDetection, top level,
// per port, or in the subset matching the node's version); from live state, endpoints ejected
// by some caller's outlier detection and pool overflows (UO) in the last interval. Service
// nodes for a ServiceEntry's hosts are marked (Kiali's isServiceEntry, kiali-graph.md §1). Pure.
import type { Resource } from '@rudder/shared/kinds';
import type { DestinationView, GraphNode, NodeBadges, VsFeatures } from '@rudder/shared/protocol';
import { qualifyHost } from '@rudder/shared/routing';
import type { BuiltGraph } from './build.js';

export interface BadgeInputs {
  resources: readonly Resource[];
  destinations: readonly DestinationView[];
}

type Spec = Record<string, unknown>;
type Policy = { connectionPool?: unknown; outlierDetection?: unknown; portLevelSettings?: Policy[] } | undefined;
interface DrEntry {
  name: string;
  top: { connectionPool: boolean; outlierDetection: boolean };
  subsets: { labels: Record<string, string>; connectionPool: boolean; outlierDetection: boolean }[];
}

const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

function cbOf(p: Policy): { connectionPool: boolean; outlierDetection: boolean } {
  const ports = arr<Policy>(p?.portLevelSettings);
  return {
    connectionPool: Boolean(p?.connectionPool) || ports.some((x) => Boolean(x?.connectionPool)),
    outlierDetection: Boolean(p?.outlierDetection) || ports.some((x) => Boolean(x?.outlierDetection)),
  };
}

function vsFeatures(r: Resource): VsFeatures {
  const http = arr<Spec>((r.spec as Spec).http);
  const routes = http.map((h) => arr<Spec>(h.route));
  return {
    name: r.metadata.name,
    namespace: r.metadata.namespace ?? 'default',
    faultInjection: http.some((h) => h.fault !== undefined),
    mirroring: http.some((h) => h.mirror !== undefined || arr(h.mirrors).length > 0),
    requestRouting: routes.some((d) => d.length >= 1),
    requestTimeout: http.some((h) => h.timeout !== undefined),
    trafficShifting: routes.some((d) => d.length > 1),
    retries: http.some((h) => h.retries !== undefined && (h.retries as { attempts?: number }).attempts !== 0),
  };
}

type ServiceEntryRef = NonNullable<GraphNode['isServiceEntry']>;

/** The ServiceEntry declaring `host`: exact, else the longest matching `*.` wildcard (Istio's host matching). */
function serviceEntryFor(entries: readonly ServiceEntryRef[], host: string): ServiceEntryRef | undefined {
  let best: { se: ServiceEntryRef; length: number } | undefined;
  for (const se of entries) {
    for (const h of se.hosts) {
      if (h === host) return se;
      if (h.startsWith('*') && host.endsWith(h.slice(1)) && h.length > (best?.length ?? 0)) best = { se, length: h.length };
    }
  }
  return best?.se;
}

function indexConfig(resources: readonly Resource[]) {
  const vs = new Map<string, VsFeatures>();
  const dr = new Map<string, DrEntry>();
  const serviceEntries: ServiceEntryRef[] = [];
  for (const r of resources) {
    const ns = r.metadata.namespace ?? 'default';
    if (r.kind === 'ServiceEntry') {
      const spec = r.spec as { hosts?: string[]; location?: string };
      const location = spec.location === 'MESH_INTERNAL' ? 'MESH_INTERNAL' : 'MESH_EXTERNAL';
      serviceEntries.push({ name: r.metadata.name, namespace: ns, location, hosts: arr<string>(spec.hosts) });
    } else if (r.kind === 'VirtualService') {
      const features = vsFeatures(r);
      for (const h of arr<Spec>((r.spec as Spec).http)) {
        for (const d of arr<{ destination?: { host?: string } }>(h.route)) {
          const host = d.destination?.host;
          if (host) {
            const q = qualifyHost(host, ns);
            if (!vs.has(q)) vs.set(q, features);
          }
        }
      }
    } else if (r.kind === 'DestinationRule') {
      const spec = r.spec as Spec;
      const host = typeof spec.host === 'string' ? qualifyHost(spec.host, ns) : undefined;
      if (!host || dr.has(host)) continue;
      dr.set(host, {
        name: `${ns}/${r.metadata.name}`,
        top: cbOf(spec.trafficPolicy as Policy),
        subsets: arr<{ labels?: Record<string, string>; trafficPolicy?: Policy }>(spec.subsets).map((s) => ({ labels: s.labels ?? {}, ...cbOf(s.trafficPolicy) })),
      });
    }
  }
  return { vs, dr, serviceEntries };
}

function circuitBreaker(entry: DrEntry | undefined, node: GraphNode): NodeBadges['circuitBreaker'] {
  if (!entry) return undefined;
  const labels: Record<string, string> = { ...(node.app ? { app: node.app } : {}), ...(node.version ? { version: node.version } : {}) };
  const matching = node.nodeType === 'service' ? entry.subsets : entry.subsets.filter((s) => Object.entries(s.labels).every(([k, v]) => labels[k] === v));
  const connectionPool = entry.top.connectionPool || matching.some((s) => s.connectionPool);
  const outlierDetection = entry.top.outlierDetection || matching.some((s) => s.outlierDetection);
  return connectionPool || outlierDetection ? { destinationRule: entry.name, connectionPool, outlierDetection } : undefined;
}

/** The graph with each node's badges filled in. */
export function applyBadges(built: BuiltGraph, inputs: BadgeInputs): BuiltGraph {
  const { vs, dr, serviceEntries } = indexConfig(inputs.resources);
  // Live state: ejected endpoints per workload (`ns/name`), overflows per host and per workload.
  const ejected = new Map<string, Set<string>>();
  const overflowByHost = new Map<string, number>();
  const overflowByWorkload = new Map<string, number>();
  for (const view of inputs.destinations) {
    const ns = view.host.split('.')[1] ?? 'default';
    for (const e of view.endpoints) {
      if (!e.workload) continue;
      const key = `${ns}/${e.workload}`;
      if (e.ejected) (ejected.get(key) ?? ejected.set(key, new Set()).get(key))?.add(`${e.address}:${e.port}`);
      if (view.pool.overflowsInInterval > 0) overflowByWorkload.set(key, (overflowByWorkload.get(key) ?? 0) + view.pool.overflowsInInterval);
    }
    if (view.pool.overflowsInInterval > 0) overflowByHost.set(view.host, (overflowByHost.get(view.host) ?? 0) + view.pool.overflowsInInterval);
  }
  const nodes = built.graph.nodes.map((node) => {
    if (node.nodeType === 'unknown') return node;
    const hosts = [...(built.services.get(node.id) ?? [])];
    const workloads = [...(built.workloads.get(node.id) ?? [])];
    const badges: NodeBadges = {};
    const virtualService = hosts.map((h) => vs.get(h)).find(Boolean);
    if (virtualService) badges.virtualService = virtualService;
    const cb = hosts.map((h) => circuitBreaker(dr.get(h), node)).find(Boolean);
    if (cb) badges.circuitBreaker = cb;
    const ejectedCount = workloads.reduce((n, w) => n + (ejected.get(w)?.size ?? 0), 0);
    if (ejectedCount > 0) badges.ejectedEndpoints = ejectedCount;
    const overflows = node.nodeType === 'service' ? hosts.reduce((n, h) => n + (overflowByHost.get(h) ?? 0), 0) : workloads.reduce((n, w) => n + (overflowByWorkload.get(w) ?? 0), 0);
    if (overflows > 0) badges.poolOverflows = overflows;
    const se = node.nodeType === 'service' ? hosts.map((h) => serviceEntryFor(serviceEntries, h)).find(Boolean) : undefined;
    return { ...node, badges, ...(se ? { isServiceEntry: se } : {}) };
  });
  return { ...built, graph: { ...built.graph, nodes } };
}
