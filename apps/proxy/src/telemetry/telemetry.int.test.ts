// Telemetry from a real gateway and a real sidecar inbound listener, over real HTTP, to a
// fake /ws/telemetry server started here: exact per-edge counts for both reporters, Envoy's
// buckets, Istio's label set on /stats/prometheus, spans in parent/child order, mirror
// copies as their own edge, live endpoint state, and bounded queueing while the server is away.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { type EdgeAggregate, ISTIO_LABEL_NAMES, type ResolvedService, type TelemetryBatch } from '@rudder/shared/protocol';
import { startAdmin } from '../admin/admin.js';
import { createProxyRuntime, type ProxyRuntime } from '../runtime.js';
import { gatewayYaml, snapshotOf, startGateway, type TestGateway } from '../testing/mesh.js';
import { startUpstream, type Upstream } from '../testing/upstreams.js';
import { startTelemetryClient, type TelemetryClient } from './client.js';

interface FakeServer {
  url: string;
  batches: TelemetryBatch[];
  authorizations: string[];
  close(): Promise<void>;
}

async function startFakeServer(port = 0): Promise<FakeServer> {
  const http: Server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });
  const batches: TelemetryBatch[] = [];
  const authorizations: string[] = [];
  http.on('upgrade', (req: IncomingMessage, socket, head) => {
    authorizations.push(String(req.headers.authorization));
    if (req.url !== '/ws/telemetry') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => ws.on('message', (data) => batches.push(JSON.parse(data.toString()))));
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    batches,
    authorizations,
    close: () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

const reviewsV1 = { workload: 'reviews-v1', namespace: 'default', app: 'reviews', version: 'v1' };
const reviewsV2 = { workload: 'reviews-v2', namespace: 'default', app: 'reviews', version: 'v2' };

let gw: TestGateway;
let fake: FakeServer;
let client: TelemetryClient;
let apps: Upstream[];
const sidecars: { runtime: ProxyRuntime; server: Server; port: number }[] = [];

async function startSidecar(instance: string, self: typeof reviewsV1, app: Upstream) {
  const runtime = createProxyRuntime({ instance, traceSampling: 100 });
  const server = createServer(runtime.inboundHandler({ self, appAddress: '127.0.0.1', appPort: app.port }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sidecar = { runtime, server, port: (server.address() as AddressInfo).port };
  sidecars.push(sidecar);
  return sidecar;
}

function reviewsService(): ResolvedService {
  return {
    host: 'reviews.default.svc.cluster.local',
    namespace: 'default',
    name: 'reviews',
    ports: [{ name: 'http', port: 9080 }],
    source: 'Kubernetes',
    endpoints: sidecars.map((s, i) => ({
      address: '127.0.0.1',
      port: s.port,
      labels: { app: 'reviews', version: `v${i + 1}` },
      source: 'Instance',
      name: `reviews-v${i + 1}-1`,
      namespace: 'default',
      workload: `reviews-v${i + 1}`,
      health: 'Healthy',
    })),
  };
}

const SUBSETS = `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
  trafficPolicy: {outlierDetection: {consecutive5xxErrors: 100, interval: 1s, baseEjectionTime: 30s}}
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
`;

/** The same config for the gateway and every sidecar (as the sandbox's config clients do). */
function install(yaml: string) {
  gw.install(yaml, [reviewsService()]);
  for (const s of sidecars) s.runtime.tables.install(snapshotOf(yaml, [reviewsService()]));
}

/** Flushes and waits until the fake server got a batch with the predicate true. */
async function flushUntil(predicate: (all: TelemetryBatch[]) => boolean, timeoutMs = 5000): Promise<TelemetryBatch[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    client.flush();
    await new Promise((r) => setTimeout(r, 50));
    if (predicate(fake.batches)) return fake.batches;
    if (Date.now() > deadline) throw new Error(`telemetry did not arrive: ${JSON.stringify(fake.batches).slice(0, 500)}`);
  }
}

const edges = (batches: TelemetryBatch[]) => batches.flatMap((b) => b.edges);
const total = (list: EdgeAggregate[], f: (e: EdgeAggregate) => boolean) => list.filter(f).reduce((n, e) => n + e.requests, 0);

beforeAll(async () => {
  fake = await startFakeServer();
  gw = await startGateway({ traceSampling: 100 });
  apps = await Promise.all([startUpstream('reviews-v1'), startUpstream('reviews-v2')]);
  await startSidecar('reviews-v1-1', reviewsV1, apps[0] as Upstream);
  await startSidecar('reviews-v2-1', reviewsV2, apps[1] as Upstream);
  client = startTelemetryClient({
    server: fake.url,
    token: 't0ken',
    proxyId: 'test-proxy',
    sources: () => [gw.runtime.telemetry, ...sidecars.map((s) => s.runtime.telemetry)],
    intervalMs: 60_000,
  });
});
afterAll(async () => {
  client.close();
  await gw.close();
  for (const s of sidecars) {
    s.runtime.close();
    s.server.closeAllConnections();
    s.server.close();
  }
  await Promise.all(apps.map((a) => a.close()));
  await fake.close();
});

describe('telemetry batches', () => {
  it('counts every request once per reporter, exactly, with codes and the bucket of a 300 ms delay', async () => {
    install(
      gatewayYaml(`  - route:
    - {destination: {host: reviews, subset: v1}, weight: 50}
    - {destination: {host: reviews, subset: v2}, weight: 50}
`) + SUBSETS,
    );
    (apps[1] as Upstream).behave((n) => (n % 4 === 0 ? { status: 500 } : {}));
    fake.batches.length = 0;
    const answers = await Promise.all(Array.from({ length: 40 }, () => fetch(`${gw.url}/reviews/1`).then((r) => r.status)));
    (apps[1] as Upstream).behave({});
    (apps[0] as Upstream).behave({ delayMs: 300 });
    const slow = await Promise.all(Array.from({ length: 2 }, () => fetch(`${gw.url}/reviews/slow`)));
    (apps[0] as Upstream).behave({});
    (apps[1] as Upstream).behave({});
    const sent = answers.length + slow.length;
    const batches = await flushUntil((all) => total(edges(all), (e) => e.reporter === 'source') >= sent && total(edges(all), (e) => e.reporter === 'destination') >= sent);
    const all = edges(batches);
    expect(fake.authorizations[0]).toBe('Bearer t0ken');
    const source = all.filter((e) => e.reporter === 'source');
    expect(total(source, () => true)).toBe(sent);
    const errors = answers.filter((s) => s === 500).length;
    expect(total(source, (e) => e.responseCode === 500)).toBe(errors);
    expect(total(all, (e) => e.reporter === 'destination')).toBe(sent);
    for (const e of source) {
      expect(e.source.workload).toBe('istio-ingressgateway');
      expect(e.destinationService).toBe('reviews.default.svc.cluster.local');
      expect(e.destinationServiceName).toBe('reviews');
      expect(['reviews-v1', 'reviews-v2']).toContain(e.destination.workload);
    }
    // The slow requests went to whichever subset; at least the v1 ones sit in le=500 (index 8).
    const slowIn500 = source.reduce((n, e) => n + (e.duration.counts[8] ?? 0), 0);
    const v1Slow = (apps[0] as Upstream).requests.filter((r) => r.url === '/reviews/slow').length;
    expect(slowIn500).toBeGreaterThanOrEqual(v1Slow);
    const dest = all.filter((e) => e.reporter === 'destination');
    expect(dest.every((e) => e.source.workload === 'istio-ingressgateway' && e.destinationService === 'reviews.default.svc.cluster.local')).toBe(true);
    const logs = batches.flatMap((b) => b.logs);
    expect(logs.some((l) => l.instance === 'reviews-v1-1' && l.lines.length > 0)).toBe(true);
    expect(JSON.parse(logs.find((l) => l.instance === 'reviews-v2-1')?.lines[0] ?? '{}').listener).toBe('inbound');
  });

  it('exposes Istio\'s metrics with exactly Istio\'s label set on /stats/prometheus', async () => {
    const admin = await startAdmin({ runtime: gw.runtime }, '127.0.0.1', 0);
    try {
      const text = await (await fetch(`http://127.0.0.1:${(admin.address() as AddressInfo).port}/stats/prometheus`)).text();
      const line = text.split('\n').find((l) => l.startsWith('istio_requests_total{'));
      expect(line).toBeDefined();
      const names = [...(line as string).matchAll(/(\w+)="/g)].map((m) => m[1]);
      expect(names).toEqual([...ISTIO_LABEL_NAMES]);
      expect(line).toContain('reporter="source"');
      expect(line).toContain('connection_security_policy="unknown"');
      expect(line).toContain('grpc_response_status=""');
      expect(line).toContain('request_protocol="http"');
      expect(text).toContain('# TYPE istio_request_duration_milliseconds histogram');
      expect(text).toMatch(/istio_request_duration_milliseconds_bucket\{[^}]*le="500"\} \d+/);
      expect(text).toContain('istio_response_bytes_sum{');
    } finally {
      admin.close();
    }
  });

  it('records one span per hop: the gateway CLIENT span is the parent of the sidecar SERVER span', async () => {
    fake.batches.length = 0;
    await fetch(`${gw.url}/reviews/traced`);
    const batches = await flushUntil((all) => all.flatMap((b) => b.spans).filter((s) => s.url.endsWith('/reviews/traced')).length >= 2);
    const spans = batches.flatMap((b) => b.spans).filter((s) => s.url.endsWith('/reviews/traced'));
    const outer = spans.find((s) => s.kind === 'CLIENT');
    const inner = spans.find((s) => s.kind === 'SERVER');
    expect(outer?.parentId).toBeUndefined();
    expect(inner?.traceId).toBe(outer?.traceId);
    expect(inner?.parentId).toBe(outer?.id);
    expect(outer?.name).toBe('reviews.default.svc.cluster.local:9080/*');
    const app = apps.flatMap((a) => a.requests).find((r) => r.url === '/reviews/traced');
    expect(app?.headers.traceparent).toBe(`00-${outer?.traceId}-${inner?.id}-01`);
  });

  it('reports mirror copies as their own edge on both sides, never as requests of the original edge', async () => {
    install(
      gatewayYaml(`  - route: [{destination: {host: reviews, subset: v1}}]
    mirror: {host: reviews, subset: v2}
`) + SUBSETS,
    );
    fake.batches.length = 0;
    for (let i = 0; i < 5; i++) await fetch(`${gw.url}/reviews/m`);
    const batches = await flushUntil((all) => total(edges(all), (e) => e.mirrored) >= 10 && total(edges(all), (e) => !e.mirrored) >= 10);
    const all = edges(batches);
    expect(total(all, (e) => e.reporter === 'source' && !e.mirrored)).toBe(5);
    expect(total(all, (e) => e.reporter === 'source' && !e.mirrored && e.destination.workload === 'reviews-v1')).toBe(5);
    expect(total(all, (e) => e.reporter === 'source' && e.mirrored && e.destination.workload === 'reviews-v2')).toBe(5);
    expect(total(all, (e) => e.reporter === 'destination' && e.mirrored && e.destination.workload === 'reviews-v2')).toBe(5);
    expect(all.find((e) => e.reporter === 'destination' && e.mirrored)?.destinationService).toBe('reviews.default.svc.cluster.local');
  });

  it('sends the live endpoint state as the gateway sees it', async () => {
    const batches = await flushUntil((all) => all.some((b) => b.destinations.length > 0));
    const view = batches.flatMap((b) => b.destinations).find((d) => d.subset === 'v1');
    expect(view?.caller.workload).toBe('istio-ingressgateway');
    expect(view?.host).toBe('reviews.default.svc.cluster.local');
    expect(view?.endpoints.map((e) => [e.workload, e.healthy, e.ejected])).toEqual([['reviews-v1', true, false]]);
  });
});

describe('while the server is away', () => {
  it('keeps at most maxQueued batches, drops the oldest, counts them, and delivers the rest later', async () => {
    const probe = await startFakeServer();
    const url = probe.url;
    await probe.close();
    const runtime = createProxyRuntime();
    const ctx = gw.runtime.telemetry; // a recorder with traffic: flush() moves its data
    let n = 0;
    const away = startTelemetryClient({
      server: url,
      token: 't',
      proxyId: 'away',
      sources: () => [{ ...ctx, flush: () => ({ edges: [], spans: [], destinations: [], logs: [{ workload: reviewsV1, lines: [String(++n)] }] }) }],
      intervalMs: 60_000,
      maxQueued: 3,
      minBackoffMs: 50,
      maxBackoffMs: 100,
    });
    try {
      for (let i = 0; i < 5; i++) away.flush();
      expect(away.state().queued).toBe(3);
      expect(away.state().dropped.batches).toBe(2);
      const port = Number(new URL(url).port);
      const back = await startFakeServer(port);
      try {
        const deadline = Date.now() + 5000;
        while (back.batches.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        expect(back.batches.map((b) => b.logs[0]?.lines[0])).toEqual(['3', '4', '5']);
        expect(back.batches.at(-1)?.dropped.batches).toBe(2);
      } finally {
        await back.close();
      }
    } finally {
      away.close();
      runtime.close();
    }
  });
});
