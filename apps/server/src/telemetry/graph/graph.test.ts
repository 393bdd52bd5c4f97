// The graph as Kiali builds it (kiali-graph.md §1-§5), from known windowed rows: node
// identity per graph type, injected service nodes, the reduced service graph, rates, shares
// without mirror copies, p95, health with Kiali's default tolerances, and badges.
import { describe, expect, it } from 'vitest';
import type { Resource } from '@rudder/shared/kinds';
import { type DestinationView, type Graph, HISTOGRAM_SIZE, type WorkloadIdentity } from '@rudder/shared/protocol';
import type { WindowRow } from '../series.js';
import { applyBadges } from './badges.js';
import { buildGraph } from './build.js';
import { requestHealth, workloadHealth } from './health.js';

const id = (workload: string, namespace = 'default'): WorkloadIdentity => {
  const [app = workload, version = 'unknown'] = workload.split('-');
  return { workload, namespace, app, version };
};
const GATEWAY: WorkloadIdentity = { workload: 'istio-ingressgateway', namespace: 'istio-system', app: 'istio-ingressgateway', version: 'unknown' };
const UNKNOWN: WorkloadIdentity = { workload: 'unknown', namespace: 'unknown', app: 'unknown', version: 'unknown' };

function row(source: WorkloadIdentity, destination: WorkloadIdentity | undefined, service: string, codes: [number, number, string?][], extra: { reporter?: 'source' | 'destination'; mirrored?: boolean; ms?: number } = {}): WindowRow {
  const requests = codes.reduce((n, [, k]) => n + k, 0);
  const duration = new Array<number>(HISTOGRAM_SIZE).fill(0);
  duration[extra.ms === 300 ? 8 : 3] = requests;
  return {
    key: {
      reporter: extra.reporter ?? 'source',
      source,
      destination: destination ?? UNKNOWN,
      destinationService: service === 'unknown' ? 'unknown' : `${service}.default.svc.cluster.local`,
      destinationServiceName: service,
      destinationServiceNamespace: service === 'unknown' ? 'unknown' : 'default',
      mirrored: extra.mirrored ?? false,
    },
    requests,
    duration,
    durationSum: 0,
    requestBytes: requests * 10,
    responseBytes: 0,
    codes: codes.map(([code, n, flags]) => ({ code, flags: flags ?? '-', requests: n })),
  };
}

const ROWS: WindowRow[] = [
  row(GATEWAY, id('productpage-v1'), 'productpage', [[200, 100]]),
  row(GATEWAY, id('productpage-v1'), 'productpage', [[200, 100]], { reporter: 'destination' }),
  row(GATEWAY, undefined, 'unknown', [[404, 2, 'NR']]),
  row(UNKNOWN, id('productpage-v1'), 'productpage', [[200, 5]], { reporter: 'destination' }),
  row(id('productpage-v1'), id('reviews-v1'), 'reviews', [[200, 40]]),
  row(id('productpage-v1'), id('reviews-v2'), 'reviews', [[200, 27], [500, 3]], { ms: 300 }),
  row(id('productpage-v1'), id('reviews-v3'), 'reviews', [[200, 30]]),
  row(id('productpage-v1'), id('reviews-v2'), 'reviews', [[200, 40]], { mirrored: true }),
  row(id('reviews-v2'), id('ratings-v1'), 'ratings', [[200, 30]]),
  row(id('reviews-v3'), id('ratings-v1'), 'ratings', [[200, 30]]),
];

const build = (graphType: Graph['graphType'], injectServiceNodes = true) => buildGraph({ rows: ROWS, graphType, durationS: 10, timestamp: 0, injectServiceNodes }).graph;
const node = (g: Graph, nodeId: string) => g.nodes.find((n) => n.id === nodeId);
const edge = (g: Graph, from: string, to: string, mirror = false) => g.edges.find((e) => e.source === from && e.target === to && e.isMirror === mirror);

describe('workload graph with service nodes', () => {
  const g = build('workload');
  it('has the gateway as a root, the unknown caller, and a terminal unknown service', () => {
    expect(node(g, 'wl_Kubernetes_istio-system_istio-ingressgateway')).toMatchObject({ isGateway: true, isRoot: true, nodeType: 'workload' });
    expect(node(g, 'Kubernetes_unknown_source')).toMatchObject({ nodeType: 'unknown', isRoot: true });
    expect(edge(g, 'wl_Kubernetes_istio-system_istio-ingressgateway', 'svc_Kubernetes_unknown_unknown')?.responses['404']?.flags).toEqual({ NR: 100 });
  });

  it('counts each request once, from the source reporter (destination rows only for unknown callers)', () => {
    expect(edge(g, 'wl_Kubernetes_istio-system_istio-ingressgateway', 'svc_Kubernetes_default_productpage')?.rates.requests).toBe(100);
    expect(edge(g, 'Kubernetes_unknown_source', 'svc_Kubernetes_default_productpage')?.rates.requests).toBe(5);
    expect(node(g, 'wl_Kubernetes_default_productpage-v1')?.httpIn.requests).toBe(105);
    expect(edge(g, 'svc_Kubernetes_default_productpage', 'wl_Kubernetes_default_productpage-v1')?.rates.http).toBe(10.5);
  });

  it('splits the service\'s traffic by workload; mirror copies are their own edge and out of the split', () => {
    const split = ['v1', 'v2', 'v3'].map((v) => edge(g, 'svc_Kubernetes_default_reviews', `wl_Kubernetes_default_reviews-${v}`)?.httpPercentReq);
    expect(split).toEqual([40, 30, 30]);
    const mirror = edge(g, 'svc_Kubernetes_default_reviews', 'wl_Kubernetes_default_reviews-v2', true);
    expect(mirror?.rates.requests).toBe(40);
    expect(mirror?.httpPercentReq).toBeUndefined();
    expect(node(g, 'wl_Kubernetes_default_productpage-v1')?.httpOut.requests).toBe(100);
    expect(node(g, 'wl_Kubernetes_default_reviews-v2')?.isMirrorTarget).toBe(true);
  });

  it('carries error %, code mix, p95 on svc→workload edges only, and health', () => {
    const v2 = edge(g, 'svc_Kubernetes_default_reviews', 'wl_Kubernetes_default_reviews-v2');
    expect(v2?.httpPercentErr).toBe(10);
    expect(v2?.responses).toMatchObject({ '200': { percent: 90 }, '500': { percent: 10, hosts: { 'reviews.default.svc.cluster.local': 100 } } });
    expect(v2?.responseTime).toBeCloseTo(487.5);
    expect(v2?.healthStatus).toBe('Failure');
    expect(edge(g, 'wl_Kubernetes_default_productpage-v1', 'svc_Kubernetes_default_reviews')?.responseTime).toBeUndefined();
    expect(edge(g, 'svc_Kubernetes_default_reviews', 'wl_Kubernetes_default_reviews-v1')?.healthStatus).toBe('Healthy');
    expect(node(g, 'wl_Kubernetes_default_reviews-v2')?.healthStatus).toBe('Degraded'); // 3 of 70 inbound incl. mirror copies
    expect(node(g, 'wl_Kubernetes_default_productpage-v1')?.healthStatus).toBe('Degraded'); // 3 % of its outbound are 5xx
  });

  it('without service nodes links workloads directly', () => {
    const direct = build('workload', false);
    expect(edge(direct, 'wl_Kubernetes_default_productpage-v1', 'wl_Kubernetes_default_reviews-v1')?.httpPercentReq).toBe(40);
    expect(direct.nodes.some((n) => n.id === 'svc_Kubernetes_default_reviews')).toBe(false);
  });
});

describe('app and versioned-app graphs', () => {
  it('folds versions into one app node, or keeps one node per version', () => {
    const app = build('app');
    expect(node(app, 'app_Kubernetes_default_reviews')?.httpIn.requests).toBe(140);
    expect(app.nodes.filter((n) => n.app === 'reviews')).toHaveLength(1);
    const vapp = build('versionedApp');
    expect(['v1', 'v2', 'v3'].map((v) => node(vapp, `vapp_Kubernetes_default_reviews_${v}`)?.version)).toEqual(['v1', 'v2', 'v3']);
    expect(edge(vapp, 'vapp_Kubernetes_default_reviews_v3', 'svc_Kubernetes_default_ratings')?.rates.requests).toBe(30);
  });
});

describe('service graph', () => {
  it('keeps service nodes and roots; edges go service to service', () => {
    const g = build('service');
    expect(g.nodes.filter((n) => n.nodeType === 'workload').map((n) => n.workload)).toEqual(['istio-ingressgateway']);
    expect(edge(g, 'svc_Kubernetes_default_productpage', 'svc_Kubernetes_default_reviews')?.rates.requests).toBe(100);
    expect(edge(g, 'svc_Kubernetes_default_reviews', 'svc_Kubernetes_default_ratings')?.rates.requests).toBe(60);
  });
});

describe('health (Kiali default tolerances)', () => {
  it('applies 5xx, 4xx and no-response thresholds', () => {
    const h = (codes: [number, number][]) => requestHealth(codes.map(([code, requests]) => ({ code, requests })));
    expect(h([])).toBe('NA');
    expect(h([[200, 100]])).toBe('Healthy');
    expect(h([[200, 999], [503, 1]])).toBe('Degraded');
    expect(h([[200, 90], [503, 10]])).toBe('Failure');
    expect(h([[200, 95], [404, 5]])).toBe('Healthy');
    expect(h([[200, 90], [404, 10]])).toBe('Degraded');
    expect(h([[200, 80], [404, 20]])).toBe('Failure');
    expect(h([[200, 95], [0, 5]])).toBe('Degraded');
    expect([workloadHealth(0, 0), workloadHealth(2, 0), workloadHealth(2, 1), workloadHealth(2, 2)]).toEqual(['NotReady', 'Failure', 'Degraded', 'Healthy']);
  });
});

describe('badges', () => {
  const vs = {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'reviews', namespace: 'default' },
    spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 90 }, { destination: { host: 'reviews', subset: 'v2' }, weight: 10 }], mirrors: [{ destination: { host: 'reviews', subset: 'v3' } }], retries: { attempts: 3 }, timeout: '1s' }] },
  } as unknown as Resource;
  const dr = {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'reviews', namespace: 'default' },
    spec: { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' }, trafficPolicy: { outlierDetection: { consecutive5xxErrors: 1 } } }] },
  } as unknown as Resource;
  const live: DestinationView = {
    caller: id('productpage-v1'),
    cluster: 'reviews.default.svc.cluster.local|9080|v2|x',
    host: 'reviews.default.svc.cluster.local',
    subset: 'v2',
    endpoints: [{ address: '127.0.0.1', port: 1, workload: 'reviews-v2', healthy: false, ejected: true, ejectedUntil: 5, ejections: 1, active: 0 }],
    pool: { activeRequests: 0, pendingRequests: 0, connections: 0, maxConnections: 1, maxPendingRequests: 1, maxRequests: 1, overflows: 4, overflowsInInterval: 2 },
  };
  const badged = (type: Graph['graphType']) =>
    applyBadges(buildGraph({ rows: ROWS, graphType: type, durationS: 10, timestamp: 0 }), { resources: [vs, dr], destinations: [live] }).graph;

  it('puts VirtualService features (mirrors and retries included) and the circuit breaker on the service node', () => {
    const svc = node(badged('workload'), 'svc_Kubernetes_default_reviews');
    expect(svc?.badges.virtualService).toMatchObject({ name: 'reviews', mirroring: true, retries: true, requestTimeout: true, trafficShifting: true, faultInjection: false });
    expect(svc?.badges.circuitBreaker).toEqual({ destinationRule: 'default/reviews', connectionPool: false, outlierDetection: true });
    expect(svc?.badges.poolOverflows).toBe(2);
  });

  it('marks service nodes for ServiceEntry hosts, exact or by wildcard (Kiali isServiceEntry), and no others', () => {
    const external = (host: string): WindowRow => {
      const r = row(id('reviews-v2'), undefined, host, [[200, 3]]);
      return { ...r, key: { ...r.key, destinationService: host, destinationServiceName: host, destinationServiceNamespace: 'default' } };
    };
    const se = (name: string, hosts: string[], location?: string) =>
      ({ apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name, namespace: 'default' }, spec: { hosts, ...(location ? { location } : {}), resolution: 'DNS' } }) as unknown as Resource;
    const g = applyBadges(buildGraph({ rows: [...ROWS, external('api.example.com'), external('www.wiki.org')], graphType: 'versionedApp', durationS: 10, timestamp: 0 }), {
      resources: [se('example', ['api.example.com']), se('wiki', ['*.wiki.org'], 'MESH_INTERNAL')],
      destinations: [],
    }).graph;
    expect(node(g, 'svc_Kubernetes_default_api.example.com')?.isServiceEntry).toEqual({ name: 'example', namespace: 'default', location: 'MESH_EXTERNAL', hosts: ['api.example.com'] });
    expect(node(g, 'svc_Kubernetes_default_www.wiki.org')?.isServiceEntry?.location).toBe('MESH_INTERNAL');
    expect(node(g, 'svc_Kubernetes_default_reviews')?.isServiceEntry).toBeUndefined();
  });

  it('gives a versioned node the circuit breaker of its own subset only, and live ejections', () => {
    const g = badged('versionedApp');
    expect(node(g, 'vapp_Kubernetes_default_reviews_v2')?.badges).toMatchObject({ circuitBreaker: { outlierDetection: true }, ejectedEndpoints: 1, poolOverflows: 2 });
    expect(node(g, 'vapp_Kubernetes_default_reviews_v1')?.badges.circuitBreaker).toBeUndefined();
    expect(node(g, 'vapp_Kubernetes_default_reviews_v1')?.badges.virtualService?.name).toBe('reviews');
  });
});

describe('idle edges (Kiali "Idle Edges")', () => {
  it('draws an edge that carried nothing in the window at 0 rps with no health, beside busy ones', () => {
    const idle: WindowRow = { ...row(id('productpage-v1'), id('details-v1'), 'details', []), requests: 0 };
    const g = buildGraph({ rows: [...ROWS, idle], graphType: 'versionedApp', durationS: 10, timestamp: 0 }).graph;
    const e = edge(g, 'svc_Kubernetes_default_details', 'vapp_Kubernetes_default_details_v1');
    expect(e?.rates.http).toBe(0);
    expect(e?.healthStatus).toBe('NA');
    expect(e?.responseTime).toBeUndefined();
    expect(e?.responses).toEqual({});
    const into = edge(g, 'vapp_Kubernetes_default_productpage_v1', 'svc_Kubernetes_default_details');
    expect(into?.httpPercentReq).toBe(0);
    expect(node(g, 'vapp_Kubernetes_default_details_v1')?.healthStatus).toBe('NA');
  });
});
