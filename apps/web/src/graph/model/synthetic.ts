// A synthetic mesh for the dashboard benchmark (`/graph?bench=200x400`): `nodes` workloads
// in layers, `edges` calls from one layer to the next, rates and errors that drift with
// `tick` while the structure stays fixed, as live updates do; a few of the calls are
// mirrored copies. Deterministic. Pure.
import type { Graph, GraphEdge, GraphNode } from '@rudder/shared/protocol';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const rates = (rps: number, err: number) => ({ requests: rps * 60, http: rps, http3xx: 0, http4xx: 0, http5xx: rps * err, httpNoResponse: 0 });

export function syntheticGraph(nodeCount: number, edgeCount: number, tick = 0): Graph {
  const layers = Math.max(2, Math.round(Math.sqrt(nodeCount / 4)));
  const ids = Array.from({ length: nodeCount }, (_, i) => `wl_Kubernetes_bench_svc-${i}`);
  const layerOf = (i: number) => Math.floor((i * layers) / nodeCount);
  const byLayer: number[][] = Array.from({ length: layers }, () => []);
  for (let i = 0; i < ids.length; i++) byLayer[layerOf(i)]?.push(i);
  const r = rng(42);
  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  for (let k = 0; edges.length < edgeCount && k < edgeCount * 20; k++) {
    const l = Math.floor(r() * (layers - 1));
    const from = byLayer[l] as number[];
    const to = byLayer[l + 1] as number[];
    const s = from[Math.floor(r() * from.length)];
    const t = to[Math.floor(r() * to.length)];
    if (s === undefined || t === undefined) continue;
    const id = `${ids[s]}->${ids[t]}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const base = 0.5 + r() * 20;
    const rps = base * (1 + 0.3 * Math.sin(tick / 3 + edges.length));
    const err = edges.length % 17 === 0 ? 0.12 : edges.length % 7 === 0 ? 0.02 : 0;
    edges.push({
      id,
      source: ids[s] as string,
      target: ids[t] as string,
      protocol: 'http',
      // A few mirrored copies, drawn dashed, as 6.9's mirroring shows them.
      isMirror: edges.length % 29 === 5,
      rates: rates(rps, err),
      httpPercentErr: err * 100,
      responseTime: 5 + r() * 400,
      throughput: 0,
      responses: { '200': { percent: 100 - err * 100, flags: { '-': 100 }, hosts: {} } },
      healthStatus: err >= 0.1 ? 'Failure' : err > 0 ? 'Degraded' : 'Healthy',
    });
  }
  const hasIn = new Set(edges.map((e) => e.target));
  const nodes: GraphNode[] = ids.map((id, i) => ({
    id,
    nodeType: 'workload',
    cluster: 'Kubernetes',
    namespace: 'bench',
    workload: `svc-${i}`,
    app: `svc-${i}`,
    ...(hasIn.has(id) ? {} : { isRoot: true }),
    httpIn: rates(1, 0),
    httpOut: rates(1, 0),
    healthStatus: 'Healthy',
    badges: i % 23 === 0 ? { circuitBreaker: { destinationRule: `dr-${i}`, connectionPool: true, outlierDetection: false } } : {},
  }));
  return { timestamp: Date.now(), duration: 60, graphType: 'workload', nodes, edges };
}
