// Telemetry end to end (issue 13's acceptance) through the real gateway, sidecars and
// server: exact request counts in the graph and /metrics, ejections in the endpoints
// API, and one trace per productpage request with its spans in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './testing/system.js';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
}, 60_000);
afterAll(() => system?.close());

const api = async (path: string) => {
  const res = await fetch(`${system.serverUrl}${path}`, { headers: { authorization: `Bearer ${system.token}` } });
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return path === '/metrics' ? await res.text() : ((await res.json()) as any);
};
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const apply = async (id: string) => {
  expect((await system.control('POST', `/scenarios/${id}/apply`)).status).toBe(200);
  await wait(300);
};
async function pages(n: number, concurrency: number, path = '/productpage', headers: Record<string, string> = {}) {
  for (let i = 0; i < n; i += concurrency) {
    await Promise.all(Array.from({ length: Math.min(concurrency, n - i) }, () => fetch(`${system.gatewayUrl}${path}`, { headers }).then((r) => r.text())));
  }
}

/** The cumulative istio_requests_total of one source→destination pair as the source reported it. */
function counter(metrics: string, source: string, destination: string): number {
  let total = 0;
  for (const line of metrics.split('\n')) {
    if (!line.startsWith('istio_requests_total{')) continue;
    if (!line.includes('reporter="source"') || !line.includes(`source_workload="${source}"`) || !line.includes(`destination_workload="${destination}"`)) continue;
    total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

describe('telemetry through the sandbox', () => {
  it('counts exactly what was sent, in the graph and as /metrics deltas, with the 6.1 split', async () => {
    await apply('6.1');
    await wait(1500);
    const before = await api('/metrics');
    const since = new Date().toISOString();
    await pages(400, 10);
    await wait(2500);
    const after = await api('/metrics');
    expect(counter(after, 'istio-ingressgateway', 'productpage-v1') - counter(before, 'istio-ingressgateway', 'productpage-v1')).toBe(400);
    const reviews = ['reviews-v1', 'reviews-v2', 'reviews-v3'].map((w) => counter(after, 'productpage-v1', w) - counter(before, 'productpage-v1', w));
    expect(reviews.reduce((a, b) => a + b, 0)).toBe(400);
    expect(Math.abs((100 * (reviews[2] ?? 0)) / 400 - 80)).toBeLessThanOrEqual(6);

    const graph = await api(`/rudder/v1/graph?type=workload&injectServiceNodes=false&since=${encodeURIComponent(since)}`);
    const node = (workload: string) => graph.nodes.find((n: any) => n.workload === workload)?.id;
    const edge = (from: string, to: string) => graph.edges.find((e: any) => e.source === node(from) && e.target === node(to) && !e.isMirror);
    expect(edge('istio-ingressgateway', 'productpage-v1')?.rates.requests).toBe(400);
    // With service nodes, the reviews service's outbound split is the VirtualService's 10/10/80 (Kiali's edge %).
    const withServices = await api(`/rudder/v1/graph?type=workload&since=${encodeURIComponent(since)}`);
    const service = withServices.nodes.find((n: any) => n.nodeType === 'service' && n.service === 'reviews')?.id;
    const shares = ['reviews-v1', 'reviews-v2', 'reviews-v3'].map((w) => {
      const target = withServices.nodes.find((n: any) => n.workload === w)?.id;
      return withServices.edges.find((e: any) => e.source === service && e.target === target)?.httpPercentReq ?? 0;
    });
    expect(Math.abs((shares[2] ?? 0) - 80)).toBeLessThanOrEqual(6);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
  }, 60_000);

  it('shows a failing ratings instance ejected within 2 s, and healthy again after its ejection time', async () => {
    await system.control('POST', '/scenarios/reset');
    await system.sandbox.client.apply(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: reviews, subset: v2}}]}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ratings}
spec:
  host: ratings
  trafficPolicy:
    loadBalancer: {simple: ROUND_ROBIN}
    outlierDetection: {consecutive5xxErrors: 1, interval: 500ms, baseEjectionTime: 3s, maxEjectionPercent: 100}
  subsets: [{name: v1, labels: {version: v1}}]
`);
    await system.sandbox.waitForConfig(await system.sandbox.client.currentVersion());
    expect((await system.control('PUT', '/faults/ratings-v1-1', { errorRate: 1 })).status).toBe(200);
    const started = Date.now();
    await pages(6, 1);
    const ejected = async () => {
      const views = (await api('/rudder/v1/endpoints?workload=ratings-v1')).items as any[];
      return views.flatMap((v) => v.endpoints).some((e: any) => e.name === 'ratings-v1-1' && e.ejected);
    };
    let seen = false;
    while (!seen && Date.now() - started < 4000) {
      seen = await ejected();
      if (!seen) await wait(200);
    }
    expect(seen).toBe(true);
    await system.control('PUT', '/faults/ratings-v1-1', { errorRate: 0 });
    await wait(4500);
    await pages(2, 1);
    await wait(1500);
    expect(await ejected()).toBe(false);
  }, 30_000);

  it('records one trace per productpage request: gateway → productpage → reviews → ratings, parents before children', async () => {
    // 6.4 sends /productpage/v2 to reviews v2, which calls ratings: four hops.
    await apply('6.4');
    const since = new Date().toISOString();
    await fetch(`${system.gatewayUrl}/productpage/v2`).then((r) => r.text());
    await wait(2500);
    const found = await api(`/rudder/v1/traces?service=productpage&since=${encodeURIComponent(since)}`);
    expect(found.items.length).toBeGreaterThanOrEqual(1);
    const trace = await api(`/rudder/v1/traces/${found.items[0].traceId}`);
    // The span tree, flattened.
    const spans: any[] = [];
    const walk = (n: any) => {
      spans.push(n);
      for (const c of n.children ?? []) walk(c);
    };
    for (const root of trace.roots ?? []) walk(root);
    const byId = new Map(spans.map((s) => [s.id, s]));
    expect(spans.length).toBeGreaterThanOrEqual(4);
    const depthOf = (s: any): number => (s.parentId && byId.has(s.parentId) ? 1 + depthOf(byId.get(s.parentId)) : 0);
    const first = (workload: string) => spans.filter((s) => s.local.workload === workload).sort((a, b) => depthOf(a) - depthOf(b))[0];
    const gateway = first('istio-ingressgateway');
    const productpage = first('productpage-v1');
    expect(gateway).toBeDefined();
    expect(productpage).toBeDefined();
    expect(depthOf(productpage)).toBeGreaterThan(depthOf(gateway));
    const reviews = spans.find((s) => String(s.local.workload).startsWith('reviews-'));
    expect(reviews && depthOf(reviews)).toBeGreaterThan(depthOf(productpage));
    const ratings = spans.find((s) => String(s.local.workload).startsWith('ratings-'));
    expect(ratings && depthOf(ratings)).toBeGreaterThan(depthOf(reviews));
    for (const s of spans) if (s.parentId && byId.has(s.parentId)) expect(s.start).toBeGreaterThanOrEqual(byId.get(s.parentId).start - 5);
  }, 30_000);
});
