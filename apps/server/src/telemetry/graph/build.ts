// Builds the traffic graph from windowed edge rows as Kiali does (kiali-graph.md §1-§4):
// node identity per graph type, injected service nodes (src→svc→workload; a terminal service
// node where no workload answered), the service graph reduced to services and roots, edge
// rates by code class, share of the source's outbound requests, error %, p95 (not on edges
// into injected services), code/flag/host mix, and health with Kiali's tolerances. Mirror
// copies are their own edges and never count in a source's outbound share. Pure.
import type { Graph, GraphEdge, GraphNode, GraphType, HealthStatus, HttpRates } from '@rudder/shared/protocol';
import { quantile } from '../histogram.js';
import type { EdgeIdentity, WindowRow } from '../series.js';
import { codeLabel, requestHealth, worse } from './health.js';
import { type NodeRef, serviceNode, UNKNOWN_SOURCE, workloadNode } from './nodes.js';

export interface GraphInput {
  rows: readonly WindowRow[];
  graphType: GraphType;
  durationS: number;
  timestamp: number;
  /** Kiali's "Service Nodes" (default on); the service graph always has them. */
  injectServiceNodes?: boolean;
  /** Only traffic with an end in these namespaces (empty: all). */
  namespaces?: readonly string[];
  /** Pod status of a workload (Kiali's workload health), when known. */
  workloadStatus?: (namespace: string, workload: string) => HealthStatus | undefined;
}

export interface BuiltGraph {
  graph: Graph;
  /** Service hosts each node serves or fronts, and the workloads (`ns/name`) behind it: for badges. */
  services: Map<string, Set<string>>;
  workloads: Map<string, Set<string>>;
}

/** Kiali de-duplicates reporters; Rudder reads the source's view, plus the destination's for unknown callers. */
export const inGraphView = (k: EdgeIdentity): boolean => k.reporter === 'source' || k.source.workload === 'unknown';

interface EdgeAcc {
  source: NodeRef;
  target: NodeRef;
  isMirror: boolean;
  requests: number;
  codes: Map<number, Map<string, number>>;
  hosts: Map<number, Map<string, number>>;
  duration?: number[];
  requestBytes: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const bump = <K>(m: Map<K, number>, k: K, n: number) => m.set(k, (m.get(k) ?? 0) + n);
function getOr<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) {
    v = make();
    m.set(k, v);
  }
  return v;
}

function rates(codes: Iterable<[number, number]>, durationS: number): HttpRates {
  const r: HttpRates = { requests: 0, http: 0, http3xx: 0, http4xx: 0, http5xx: 0, httpNoResponse: 0 };
  for (const [code, n] of codes) {
    r.requests += n;
    if (code === 0) r.httpNoResponse += n;
    else if (code >= 500) r.http5xx += n;
    else if (code >= 400) r.http4xx += n;
    else if (code >= 300) r.http3xx += n;
  }
  const per = (n: number) => n / durationS;
  return { requests: r.requests, http: per(r.requests), http3xx: per(r.http3xx), http4xx: per(r.http4xx), http5xx: per(r.http5xx), httpNoResponse: per(r.httpNoResponse) };
}

export function buildGraph(input: GraphInput): BuiltGraph {
  const { graphType, durationS } = input;
  const inject = graphType === 'service' || input.injectServiceNodes !== false;
  const namespaces = input.namespaces?.length ? new Set(input.namespaces) : undefined;
  const rows = input.rows.filter(
    (r) => inGraphView(r.key) && (!namespaces || namespaces.has(r.key.source.namespace) || namespaces.has(r.key.destination.namespace) || namespaces.has(r.key.destinationServiceNamespace)),
  );
  const nodes = new Map<string, NodeRef>();
  const edges = new Map<string, EdgeAcc>();
  const services = new Map<string, Set<string>>();
  const workloads = new Map<string, Set<string>>();
  const note = (m: Map<string, Set<string>>, id: string, v: string) => getOr(m, id, () => new Set<string>()).add(v);

  // Service graph: a calling workload becomes the service that fronts it (most traffic), else stays a root.
  const fronting = new Map<string, { name: string; namespace: string; host: string; n: number }>();
  if (graphType === 'service') {
    for (const r of rows) {
      const d = r.key.destination;
      if (d.workload === 'unknown' || r.key.mirrored || r.key.destinationServiceName === 'unknown') continue;
      const k = `${d.namespace}/${d.workload}`;
      if ((fronting.get(k)?.n ?? -1) < r.requests) {
        fronting.set(k, { name: r.key.destinationServiceName, namespace: r.key.destinationServiceNamespace, host: r.key.destinationService, n: r.requests });
      }
    }
  }

  const addEdge = (source: NodeRef, target: NodeRef, row: WindowRow, measureRt: boolean) => {
    nodes.set(source.id, { ...nodes.get(source.id), ...source });
    nodes.set(target.id, { ...nodes.get(target.id), ...target });
    const id = `${source.id}->${target.id}${row.key.mirrored ? '~mirror' : ''}`;
    let e = edges.get(id);
    if (!e) {
      e = { source, target, isMirror: row.key.mirrored, requests: 0, codes: new Map(), hosts: new Map(), requestBytes: 0 };
      edges.set(id, e);
    }
    e.requests += row.requests;
    e.requestBytes += row.requestBytes;
    for (const c of row.codes) {
      bump(getOr(e.codes, c.code, () => new Map<string, number>()), c.flags, c.requests);
      bump(getOr(e.hosts, c.code, () => new Map<string, number>()), row.key.destinationService, c.requests);
    }
    if (measureRt) {
      e.duration ??= new Array<number>(row.duration.length).fill(0);
      for (let i = 0; i < row.duration.length; i++) e.duration[i] = (e.duration[i] as number) + (row.duration[i] as number);
    }
  };

  for (const r of rows) {
    const k = r.key;
    const svcKnown = k.destinationServiceName !== 'unknown';
    const svc = serviceNode(svcKnown ? k.destinationServiceName : 'unknown', svcKnown ? k.destinationServiceNamespace : k.destination.namespace);
    const dstKnown = k.destination.workload !== 'unknown';
    const dst = dstKnown ? workloadNode(k.destination, graphType === 'service' ? 'workload' : graphType) : undefined;
    if (dst) note(workloads, dst.id, `${k.destination.namespace}/${k.destination.workload}`);
    if (svcKnown) {
      note(services, svc.id, k.destinationService);
      if (dst) note(services, dst.id, k.destinationService);
      if (dst) note(workloads, svc.id, `${k.destination.namespace}/${k.destination.workload}`);
    }
    if (graphType === 'service') {
      const front = fronting.get(`${k.source.namespace}/${k.source.workload}`);
      const src = front ? serviceNode(front.name, front.namespace) : workloadNode(k.source, 'workload');
      addEdge(src, svc, r, true);
      continue;
    }
    const src = workloadNode(k.source, graphType);
    note(workloads, src.id, `${k.source.namespace}/${k.source.workload}`);
    if (!dst) addEdge(src, svc, r, true);
    else if (inject && svcKnown) {
      addEdge(src, svc, r, false);
      addEdge(svc, dst, r, true);
    } else addEdge(src, dst, r, true);
  }

  // Node traffic: inbound from every edge (mirror copies are real requests there), outbound without mirrors.
  const inCodes = new Map<string, Map<number, number>>();
  const outCodes = new Map<string, Map<number, number>>();
  const mirrorTargets = new Set<string>();
  const hasIn = new Set<string>();
  for (const e of edges.values()) {
    hasIn.add(e.target.id);
    if (e.isMirror) mirrorTargets.add(e.target.id);
    const into = getOr(inCodes, e.target.id, () => new Map<number, number>());
    const out = e.isMirror ? undefined : getOr(outCodes, e.source.id, () => new Map<number, number>());
    for (const [code, flags] of e.codes) {
      const n = [...flags.values()].reduce((a, b) => a + b, 0);
      bump(into, code, n);
      if (out) bump(out, code, n);
    }
  }
  const health = (m: Map<number, number> | undefined) => requestHealth([...(m ?? new Map()).entries()].map(([code, requests]) => ({ code, requests })));

  const graphNodes: GraphNode[] = [...nodes.values()].map((n) => {
    let status = worse(health(inCodes.get(n.id)), health(outCodes.get(n.id)));
    if (n.nodeType === 'workload' && n.workload && input.workloadStatus) {
      const pods = input.workloadStatus(n.namespace, n.workload);
      if (pods) status = worse(status, pods);
    }
    return {
      ...n,
      ...(hasIn.has(n.id) ? {} : { isRoot: true }),
      ...(mirrorTargets.has(n.id) ? { isMirrorTarget: true } : {}),
      httpIn: rates(inCodes.get(n.id) ?? [], durationS),
      httpOut: rates(outCodes.get(n.id) ?? [], durationS),
      healthStatus: status,
      badges: {},
    };
  });
  const outOf = new Map(graphNodes.map((n) => [n.id, n.httpOut.requests]));

  const graphEdges: GraphEdge[] = [...edges.entries()].map(([id, e]) => {
    const totals = [...e.codes.entries()].map(([code, flags]) => [code, [...flags.values()].reduce((a, b) => a + b, 0)] as [number, number]);
    const r = rates(totals, durationS);
    const responses: GraphEdge['responses'] = {};
    for (const [code, n] of totals) {
      const pct = (m: Map<string, number>) => Object.fromEntries([...m].map(([k, v]) => [k, round1((v / n) * 100)]));
      responses[codeLabel(code)] = { percent: round1((n / e.requests) * 100), flags: pct(e.codes.get(code) ?? new Map()), hosts: pct(e.hosts.get(code) ?? new Map()) };
    }
    const sourceOut = outOf.get(e.source.id) ?? 0;
    const p95 = e.duration ? quantile(0.95, e.duration) : undefined;
    return {
      id,
      source: e.source.id,
      target: e.target.id,
      protocol: 'http',
      isMirror: e.isMirror,
      rates: r,
      httpPercentErr: e.requests ? round1((totals.reduce((n, [code, k]) => n + (code === 0 || code >= 400 ? k : 0), 0) / e.requests) * 100) : 0,
      ...(!e.isMirror && sourceOut > 0 ? { httpPercentReq: round1((e.requests / sourceOut) * 100) } : {}),
      ...(p95 !== undefined ? { responseTime: Math.round(p95 * 100) / 100 } : {}),
      throughput: e.requestBytes / durationS,
      responses,
      healthStatus: requestHealth(totals.map(([code, requests]) => ({ code, requests }))),
    };
  });

  return {
    graph: { timestamp: input.timestamp, duration: durationS, graphType, nodes: graphNodes, edges: graphEdges },
    services,
    workloads,
  };
}

export { UNKNOWN_SOURCE };
