// The server's telemetry over real sockets: batches sent over /ws/telemetry (token-checked)
// and read back from the graph, metrics, endpoints, logs (also through the pod log path
// kubectl uses) and traces APIs, Prometheus' /metrics, and /ws/live frames.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph, LiveFrame, Span } from '@rudder/shared/protocol';
import { type Harness, startHarness } from '../testing/harness.js';
import { batch, eventually, openSocket, peer } from '../testing/telemetry.js';
import type WebSocket from 'ws';

let h: Harness;
let ws: WebSocket;

const stats = async () => (await h.call('GET', '/rudder/v1/telemetry/stats')).json as { batches: number };
async function send(b: ReturnType<typeof batch>) {
  const before = (await stats()).batches;
  ws.send(JSON.stringify(b));
  await eventually(async () => ((await stats()).batches > before ? true : undefined));
}

beforeAll(async () => {
  h = await startHarness();
  ws = await openSocket(h.url, '/ws/telemetry', h.tokens.editor);
});
afterAll(async () => {
  ws.close();
  await h.close();
});

describe('/ws/telemetry', () => {
  it('needs an editor token', async () => {
    await expect(openSocket(h.url, '/ws/telemetry')).rejects.toThrow('401');
    await expect(openSocket(h.url, '/ws/telemetry', h.tokens.viewer)).rejects.toThrow('401');
  });

  it('answers a malformed message with an error frame and keeps the connection', async () => {
    const reply = new Promise<string>((resolve) => ws.once('message', (d) => resolve(d.toString())));
    ws.send('{"type":"nonsense"}');
    expect(JSON.parse(await reply)).toMatchObject({ type: 'error' });
    expect(ws.readyState).toBe(ws.OPEN);
  });
});

describe('graph, metrics and /metrics from known batches', () => {
  beforeAll(async () => {
    await send(
      batch([
        ...Array.from({ length: 10 }, () => ({ from: 'istio-ingressgateway', to: 'productpage-v1', service: 'productpage', ms: 40 })),
        ...Array.from({ length: 6 }, () => ({ from: 'productpage-v1', to: 'reviews-v1', service: 'reviews' })),
        ...Array.from({ length: 3 }, () => ({ from: 'productpage-v1', to: 'reviews-v2', service: 'reviews', ms: 300 })),
        { from: 'productpage-v1', to: 'reviews-v2', service: 'reviews', code: 503, flags: 'UO', ms: 0.3 },
        ...Array.from({ length: 4 }, () => ({ from: 'productpage-v1', to: 'reviews-v3', service: 'reviews', mirrored: true })),
        ...Array.from({ length: 10 }, () => ({ reporter: 'destination' as const, from: 'istio-ingressgateway', to: 'productpage-v1', service: 'productpage' })),
      ]),
    );
  });

  it('builds the versioned-app graph with exact counts, shares without mirror copies, and health', async () => {
    const g = (await h.call('GET', '/rudder/v1/graph?type=versionedApp&duration=60s')).json as Graph;
    const edge = (s: string, t: string, mirror = false) => g.edges.find((e) => e.source === s && e.target === t && e.isMirror === mirror);
    expect(edge('app_Kubernetes_istio-system_istio-ingressgateway', 'svc_Kubernetes_default_productpage')?.rates.requests).toBe(10);
    const toV2 = edge('svc_Kubernetes_default_reviews', 'vapp_Kubernetes_default_reviews_v2');
    expect(toV2?.rates.requests).toBe(4);
    expect(toV2?.httpPercentReq).toBe(40);
    expect(toV2?.httpPercentErr).toBe(25);
    expect(toV2?.responses['503']?.flags).toEqual({ UO: 100 });
    expect(toV2?.healthStatus).toBe('Failure');
    expect(edge('svc_Kubernetes_default_reviews', 'vapp_Kubernetes_default_reviews_v3', true)?.rates.requests).toBe(4);
    expect(g.nodes.find((n) => n.id === 'app_Kubernetes_istio-system_istio-ingressgateway')).toMatchObject({ isRoot: true, isGateway: true });
    expect((await h.call('GET', '/rudder/v1/graph?type=bogus')).status).toBe(400);
  });

  it('adds idle edges on demand (Kiali includeIdleEdges): known edges with nothing in the window, at 0 requests', async () => {
    const until = Date.now() - 120_000;
    const quiet = (await h.call('GET', `/rudder/v1/graph?type=versionedApp&duration=60s&until=${until}`)).json as Graph;
    expect(quiet.edges).toEqual([]);
    const idle = (await h.call('GET', `/rudder/v1/graph?type=versionedApp&duration=60s&until=${until}&includeIdleEdges=true`)).json as Graph;
    const toV2 = idle.edges.find((e) => e.source === 'svc_Kubernetes_default_reviews' && e.target === 'vapp_Kubernetes_default_reviews_v2');
    expect(toV2?.rates.requests).toBe(0);
    expect(toV2?.healthStatus).toBe('NA');
    const bad = await h.call('GET', '/rudder/v1/graph?includeIdleEdges=maybe');
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('includeIdleEdges');
  });

  it('answers range queries: rate, error rates, percentiles, throughput', async () => {
    const res = await h.call('GET', '/rudder/v1/metrics?workload=reviews-v2&duration=60s&step=60s');
    expect(res.status).toBe(200);
    const { total } = res.json;
    expect(total.requests).toBe(4);
    expect(total.errorRate5xx).toBe(25);
    expect(total.errorRateNon2xx).toBe(25);
    expect(total.p99).toBeGreaterThan(250);
    expect(total.p99).toBeLessThanOrEqual(500);
    expect(total.responseThroughput).toBeCloseTo(400 / 60);
    const service = (await h.call('GET', '/rudder/v1/metrics?service=reviews&duration=60s')).json;
    expect(service.total.requests).toBe(10);
    const outbound = (await h.call('GET', '/rudder/v1/metrics?workload=productpage-v1&direction=outbound&mirrored=include&duration=60s')).json;
    expect(outbound.total.requests).toBe(14);
  });

  it('exposes cumulative Istio counters on /metrics, without sender-side mirror copies', async () => {
    const text = (await h.call('GET', '/metrics')).text;
    const value = (re: RegExp) => Number(text.split('\n').find((l) => re.test(l))?.split(' ').at(-1));
    expect(value(/^istio_requests_total\{reporter="source",source_workload="productpage-v1",.*destination_workload="reviews-v2",.*response_code="503",.*response_flags="UO"/)).toBe(1);
    expect(text).not.toMatch(/reporter="source"[^}]*destination_workload="reviews-v3"/);
    await send(batch([{ from: 'productpage-v1', to: 'reviews-v2', service: 'reviews', code: 503, flags: 'UO' }]));
    const again = (await h.call('GET', '/metrics')).text;
    expect(again).toMatch(/istio_requests_total\{reporter="source",source_workload="productpage-v1",[^}]*destination_workload="reviews-v2",[^}]*response_code="503"[^}]*\} 2\n/);
    expect((await h.call('GET', '/metrics', { as: 'anonymous' })).status).toBe(401);
  });
});

describe('endpoints and logs', () => {
  beforeAll(async () => {
    await h.call('PUT', '/rudder/v1/registry/workloads/default/reviews-v2', { body: { name: 'reviews-v2', labels: { app: 'reviews', version: 'v2' } } });
    await h.call('PUT', '/rudder/v1/registry/instances/default/reviews-v2-1', {
      body: { name: 'reviews-v2-1', workload: 'reviews-v2', address: '127.0.0.1', port: 9082, proxy: 'sidecar-reviews-v2-1' },
    });
    await send(
      batch([], {
        destinations: [
          {
            caller: peer('productpage-v1'),
            instance: 'productpage-v1-1',
            cluster: 'reviews.default.svc.cluster.local|9080|v2|abc',
            host: 'reviews.default.svc.cluster.local',
            subset: 'v2',
            endpoints: [{ address: '127.0.0.1', port: 9082, name: 'reviews-v2-1', workload: 'reviews-v2', healthy: false, ejected: true, ejectedUntil: Date.now() + 30_000, ejections: 1, active: 0 }],
            pool: { activeRequests: 0, pendingRequests: 0, connections: 1, maxConnections: 1, maxPendingRequests: 1, maxRequests: 1, overflows: 3, overflowsInInterval: 3 },
          },
        ],
        logs: [{ workload: peer('reviews-v2'), instance: 'reviews-v2-1', lines: ['{"response_code":200,"path":"/reviews/0"}', '{"response_code":503,"path":"/reviews/1"}'] }],
      }),
    );
  });

  it('serves the endpoint state as each caller reported it', async () => {
    const { items } = (await h.call('GET', '/rudder/v1/endpoints?workload=reviews-v2')).json;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ caller: { workload: 'productpage-v1' }, instance: 'productpage-v1-1', subset: 'v2', pool: { overflowsInInterval: 3 } });
    expect(items[0].endpoints[0]).toMatchObject({ name: 'reviews-v2-1', ejected: true, ejections: 1 });
    expect((await h.call('GET', '/rudder/v1/endpoints?workload=ratings-v1')).json.items).toEqual([]);
    const g = (await h.call('GET', '/rudder/v1/graph?type=workload&duration=60s')).json as Graph;
    expect(g.nodes.find((n) => n.id === 'wl_Kubernetes_default_reviews-v2')?.badges).toMatchObject({ ejectedEndpoints: 1, poolOverflows: 3 });
  });

  it('serves log lines as NDJSON, and as raw lines on the pod log path kubectl reads', async () => {
    const res = await h.call('GET', '/rudder/v1/logs?workload=reviews-v2&instance=reviews-v2-1&tail=1');
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = res.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ instance: 'reviews-v2-1', entry: { response_code: 503, path: '/reviews/1' } })]);
    const pod = await h.call('GET', '/api/v1/namespaces/default/pods/reviews-v2-1/log?container=istio-proxy');
    expect(pod.status).toBe(200);
    expect(pod.text).toBe('{"response_code":200,"path":"/reviews/0"}\n{"response_code":503,"path":"/reviews/1"}\n');
    const app = await h.call('GET', '/api/v1/namespaces/default/pods/reviews-v2-1/log?container=reviews');
    expect(app.status).toBe(400);
    expect(app.json.message).toContain('-c istio-proxy');
  });

  it('follows new lines', async () => {
    const controller = new AbortController();
    const res = await fetch(`${h.url}/rudder/v1/logs?instance=reviews-v2-1&follow=true&tail=0`, { headers: { authorization: `Bearer ${h.tokens.viewer}` }, signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    ws.send(JSON.stringify(batch([], { logs: [{ workload: peer('reviews-v2'), instance: 'reviews-v2-1', lines: ['{"path":"/followed"}'] }] })));
    const { value } = await reader.read();
    expect(JSON.parse(new TextDecoder().decode(value)).entry).toEqual({ path: '/followed' });
    controller.abort();
  });
});

describe('traces', () => {
  const traceId = 'a'.repeat(32);
  const span = (id: string, parentId: string | undefined, local: string, kind: 'CLIENT' | 'SERVER', start: number, durationMs: number, code = 200): Span => ({
    traceId,
    id,
    ...(parentId ? { parentId } : {}),
    name: `${local.split('-')[0]}.default.svc.cluster.local:9080/*`,
    kind,
    start,
    durationMs,
    reporter: kind === 'CLIENT' ? 'source' : 'destination',
    local: peer(local),
    source: peer('istio-ingressgateway'),
    destination: peer(local),
    destinationService: 'productpage.default.svc.cluster.local',
    method: 'GET',
    url: 'http://productpage:9080/productpage',
    responseCode: code,
    responseFlags: '-',
    requestId: 'req-1',
    error: code >= 500,
  });

  beforeAll(async () => {
    const t = Date.now() - 500;
    await send(
      batch([], {
        spans: [
          span('1000000000000001', undefined, 'istio-ingressgateway', 'CLIENT', t, 120),
          span('1000000000000002', '1000000000000001', 'productpage-v1', 'SERVER', t + 1, 118),
          span('1000000000000003', '1000000000000002', 'productpage-v1', 'CLIENT', t + 5, 100, 503),
          span('1000000000000004', '1000000000000003', 'reviews-v2', 'SERVER', t + 6, 98, 503),
        ],
      }),
    );
  });

  it('keeps spans in <data-dir>/traces.db and searches them', async () => {
    expect(existsSync(join(h.dataDir, 'traces.db'))).toBe(true);
    const found = (await h.call('GET', '/rudder/v1/traces?service=reviews&errors=true&minDuration=50ms&duration=5m')).json.items;
    expect(found).toEqual([expect.objectContaining({ traceId, spans: 4, errors: 2, root: 'istio-ingressgateway.istio-system: istio.default.svc.cluster.local:9080/*' })]);
    expect((await h.call('GET', '/rudder/v1/traces?service=ratings')).json.items).toEqual([]);
    expect((await h.call('GET', '/rudder/v1/traces?minDuration=1s')).json.items).toEqual([]);
  });

  it('returns one trace as a span tree, and as Zipkin v2 JSON', async () => {
    const { roots } = (await h.call('GET', `/rudder/v1/traces/${traceId}`)).json;
    expect(roots).toHaveLength(1);
    const chain: string[] = [];
    for (let n = roots[0]; n; n = n.children[0]) chain.push(`${n.service}/${n.kind}`);
    expect(chain).toEqual(['istio-ingressgateway.istio-system/CLIENT', 'productpage.default/SERVER', 'productpage.default/CLIENT', 'reviews.default/SERVER']);
    const zipkin = (await h.call('GET', `/rudder/v1/traces/${traceId}/zipkin`)).json;
    expect(zipkin[1]).toMatchObject({ traceId, id: '1000000000000002', parentId: '1000000000000001', kind: 'SERVER', localEndpoint: { serviceName: 'productpage.default' }, duration: 118_000 });
    expect(zipkin[3].tags).toMatchObject({ 'http.status_code': '503', error: 'true' });
    expect((await h.call('GET', `/rudder/v1/traces/${'b'.repeat(32)}`)).status).toBe(404);
  });
});

describe('/ws/live', () => {
  it('sends the whole graph first, then patches', async () => {
    await expect(openSocket(h.url, '/ws/live?type=workload')).rejects.toThrow('401');
    const frames: LiveFrame[] = [];
    const live = await openSocket(h.url, '/ws/live?type=workload&duration=60s', h.tokens.viewer, (text) => frames.push(JSON.parse(text)));
    try {
      const first = await eventually(() => frames[0]);
      expect(first.type).toBe('graph');
      await send(batch([{ from: 'reviews-v2', to: 'ratings-v1', service: 'ratings' }]));
      const patch = await eventually(() => frames.find((f) => f.type === 'patch'), 4000);
      expect(patch.type === 'patch' && patch.upsertNodes.some((n) => n.id === 'wl_Kubernetes_default_ratings-v1')).toBe(true);
    } finally {
      live.close();
    }
  });
});
