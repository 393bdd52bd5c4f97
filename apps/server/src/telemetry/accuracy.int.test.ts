// Accuracy (issue 13 acceptance, server half): known requests with a known split, known
// failures and known latencies, sent as batches from two proxies over /ws/telemetry; then the
// graph API's counts in a window that starts after a earlier, unrelated batch, and /metrics
// as deltas between two scrapes, equal what was sent exactly; shares and error rates match
// to rounding; percentiles land within one bucket of the exact ones; 300 ms lands in le=500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketIndex, type Graph } from '@rudder/shared/protocol';
import { type Harness, startHarness } from '../testing/harness.js';
import { batch, eventually, openSocket, type Req } from '../testing/telemetry.js';
import type WebSocket from 'ws';

let h: Harness;
let ws: WebSocket;

/** mulberry32: a seeded generator, so the test is the same every run. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPLIT = { 'reviews-v1': 1000, 'reviews-v2': 600, 'reviews-v3': 400 } as const;
const FAILURES = { 'reviews-v3': 37 } as const;
const random = seeded(13);
const latencies: number[] = [];
const requests: Req[] = [];
for (const [to, n] of Object.entries(SPLIT)) {
  for (let i = 0; i < n; i++) {
    const failed = i < (FAILURES[to as keyof typeof FAILURES] ?? 0);
    const ms = to === 'reviews-v2' && i < 50 ? 300 : Math.round((2 + random() * random() * 200) * 10) / 10;
    if (!failed) latencies.push(ms);
    requests.push({ from: 'productpage-v1', to, service: 'reviews', code: failed ? 503 : 200, flags: failed ? 'UF,URX' : '-', ms });
    requests.push({ reporter: 'destination', from: 'productpage-v1', to, service: 'reviews', code: failed ? 503 : 200, ms });
  }
}
// Every v1 request was mirrored to v2: the copies are their own edge kind.
for (let i = 0; i < SPLIT['reviews-v1']; i++) requests.push({ from: 'productpage-v1', to: 'reviews-v2', service: 'reviews', mirrored: true });
for (let i = 0; i < 2000; i++) requests.push({ from: 'istio-ingressgateway', to: 'productpage-v1', service: 'productpage' });

async function sendAll(list: Req[], proxy: string, end: number) {
  const stats = async () => (await h.call('GET', '/rudder/v1/telemetry/stats')).json.batches as number;
  const before = await stats();
  ws.send(JSON.stringify(batch(list, { proxy }, end)));
  await eventually(async () => ((await stats()) > before ? true : undefined));
}

const scrape = async () => (await h.call('GET', '/metrics')).text;
/** Sum of istio_requests_total series whose labels contain every `label="value"` given. */
function counter(text: string, labels: Record<string, string>): number {
  return text
    .split('\n')
    .filter((l) => l.startsWith('istio_requests_total{') && Object.entries(labels).every(([k, v]) => l.includes(`,${k}="${v}"`) || l.includes(`{${k}="${v}"`)))
    .reduce((n, l) => n + Number(l.split(' ').at(-1)), 0);
}

let before: string;
let windowStart: number;

beforeAll(async () => {
  h = await startHarness();
  ws = await openSocket(h.url, '/ws/telemetry', h.tokens.editor);
  const now = Date.now();
  // Traffic before the test's window: in /metrics (taken as the baseline), not in the window.
  await sendAll([{ from: 'productpage-v1', to: 'reviews-v1', service: 'reviews' }], 'earlier', now - 20_000);
  before = await scrape();
  windowStart = now - 12_000;
  // Ten one-second batches from two proxies, in order, all inside the window.
  const chunks = 10;
  for (let c = 0; c < chunks; c++) {
    const part = requests.filter((_, i) => i % chunks === c);
    await sendAll(part.filter((r) => r.from === 'istio-ingressgateway'), 'gateway', windowStart + 1000 + c * 1000);
    await sendAll(part.filter((r) => r.from !== 'istio-ingressgateway'), 'productpage-v1-1', windowStart + 1500 + c * 1000);
  }
});
afterAll(async () => {
  ws.close();
  await h.close();
});

describe('accuracy of the graph API (reporter=source)', () => {
  let g: Graph;
  beforeAll(async () => {
    g = (await h.call('GET', `/rudder/v1/graph?type=workload&since=${windowStart}&until=${Date.now() + 1000}`)).json;
  });
  const edge = (target: string, mirror = false) => g.edges.find((e) => e.source === 'svc_Kubernetes_default_reviews' && e.target === `wl_Kubernetes_default_${target}` && e.isMirror === mirror);

  it('counts exactly what was sent, without mirror copies or the earlier batch', () => {
    for (const [to, n] of Object.entries(SPLIT)) expect(edge(to)?.rates.requests).toBe(n);
    expect(edge('reviews-v2', true)?.rates.requests).toBe(SPLIT['reviews-v1']);
    expect(g.edges.find((e) => e.source === 'wl_Kubernetes_istio-system_istio-ingressgateway')?.rates.requests).toBe(2000);
    expect(g.nodes.find((n) => n.id === 'wl_Kubernetes_default_productpage-v1')?.httpOut.requests).toBe(2000);
  });

  it('matches shares and error rates to rounding', () => {
    expect(edge('reviews-v1')?.httpPercentReq).toBe(50);
    expect(edge('reviews-v2')?.httpPercentReq).toBe(30);
    expect(edge('reviews-v3')?.httpPercentReq).toBe(20);
    expect(edge('reviews-v3')?.httpPercentErr).toBe(Math.round((37 / 400) * 1000) / 10);
    expect(edge('reviews-v3')?.responses['503']?.flags).toEqual({ 'UF,URX': 100 });
    expect(edge('reviews-v3')?.healthStatus).toBe('Degraded');
  });
});

describe('accuracy of /metrics (deltas between two scrapes)', () => {
  it('has exactly the requests sent, per destination and code, and 300 ms in le="500"', async () => {
    const after = await scrape();
    const delta = (labels: Record<string, string>) => counter(after, labels) - counter(before, labels);
    expect(delta({ reporter: 'source', destination_workload: 'reviews-v1' })).toBe(1000);
    expect(delta({ reporter: 'source', destination_workload: 'reviews-v2' })).toBe(600);
    expect(delta({ reporter: 'source', destination_workload: 'reviews-v3', response_code: '503' })).toBe(37);
    expect(delta({ reporter: 'destination', destination_workload: 'reviews-v3' })).toBe(400);
    expect(delta({ reporter: 'source', source_workload: 'istio-ingressgateway' })).toBe(2000);
    const bucket = (text: string, le: string) =>
      text
        .split('\n')
        .filter((l) => l.startsWith('istio_request_duration_milliseconds_bucket{reporter="source"') && l.includes('destination_workload="reviews-v2"') && l.includes(`le="${le}"`))
        .reduce((n, l) => n + Number(l.split(' ').at(-1)), 0);
    // 50 requests took 300 ms: in le=500, not in le=250.
    expect(bucket(after, '500') - bucket(after, '250')).toBeGreaterThanOrEqual(50);
  });
});

describe('accuracy of latency percentiles', () => {
  it('lands p50, p95 and p99 within one bucket of the exact values', async () => {
    const { total } = (await h.call('GET', `/rudder/v1/metrics?service=reviews&since=${windowStart}&until=${Date.now() + 1000}&step=60s`)).json;
    const sorted = [...requests.filter((r) => r.reporter !== 'destination' && r.service === 'reviews' && !r.mirrored).map((r) => r.ms ?? 0)].sort((a, b) => a - b);
    for (const [q, estimate] of [[0.5, total.p50], [0.95, total.p95], [0.99, total.p99]] as const) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1] as number;
      expect(Math.abs(bucketIndex(estimate) - bucketIndex(exact))).toBeLessThanOrEqual(1);
    }
    expect(total.requests).toBe(2000);
    expect(latencies.length).toBe(2000 - 37);
  });
});
