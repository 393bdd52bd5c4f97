// Connection pools and outlier detection at the gateway over real HTTP: http2MaxRequests on
// HTTP/1.1, connect timeouts that are real (and event-loop stalls that are not), no healthy
// upstream, healthy panic, and ejection time growing with the ejection count (istio.io
// DestinationRule ConnectionPoolSettings, OutlierDetection; Envoy circuit_breaking, outlier).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBlackhole } from './testing/blackhole.js';
import { send, sendMany, tally } from './testing/client.js';
import { gatewayYaml, service, startGateway, type TestGateway } from './testing/mesh.js';
import { startUpstream, type Upstream } from './testing/upstreams.js';

let gw: TestGateway;
let a: Upstream;
let b: Upstream;
let c: Upstream;

beforeAll(async () => {
  gw = await startGateway({ sweepMs: 20 });
  [a, b, c] = await Promise.all([startUpstream('a'), startUpstream('b'), startUpstream('c')]);
});
afterAll(async () => {
  await gw.close();
  await Promise.all([a, b, c].map((u) => u.close()));
});
afterEach(() => {
  for (const u of [a, b, c]) {
    u.behave({});
    u.requests.length = 0;
  }
});

type Endpointish = Pick<Upstream, 'name' | 'port'>;
/** reviews over `endpoints` (labelled version v1), routed whole; `policy` is the DestinationRule trafficPolicy (YAML flow). */
function install(endpoints: Endpointish[], policy: string, extra = '') {
  gw.install(
    `${gatewayYaml(`  - route: [{destination: {host: reviews${extra ? ', subset: empty' : ''}}}]\n    retries: {attempts: 0}\n`)}---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
  trafficPolicy: ${policy}
${extra}`,
    [service('reviews', endpoints.map((e) => ({ upstream: e as Upstream, labels: { version: 'v1' } })))],
  );
}
const get = () => send(gw.url, { path: '/reviews/1' });
const flags = (n: number) => gw.runtime.accessLog.recent(n).map((l) => l.response_flags);

describe('connectionPool (istio.io ConnectionPoolSettings; Envoy circuit breaking)', () => {
  it('http.idleTimeout closes pooled upstream connections idle that long (Envoy common_http_protocol_options.idle_timeout)', async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    install([a], '{connectionPool: {http: {idleTimeout: 150ms}, tcp: {tcpKeepalive: {time: 30s}}}}');
    expect((await get()).status).toBe(200);
    expect(a.openConnections()).toBe(1);
    await sleep(600);
    expect(a.openConnections()).toBe(0);
    // Without it, the pool keeps the socket for reuse (Rudder's default 4 s idle).
    install([a], '{loadBalancer: {simple: ROUND_ROBIN}}');
    expect((await get()).status).toBe(200);
    await sleep(600);
    expect(a.openConnections()).toBe(1);
  });

  it('http2MaxRequests limits concurrent HTTP/1.1 requests too: the rest get 503 UO with x-envoy-overloaded', async () => {
    a.behave({ delayMs: 300 });
    install([a], '{connectionPool: {http: {http2MaxRequests: 1}}}');
    const answers = await Promise.all(Array.from({ length: 3 }, get));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 503, 503]);
    expect(answers.filter((r) => r.status === 503).every((r) => r.headers['x-envoy-overloaded'] === 'true')).toBe(true);
    expect(flags(3).filter((f) => f === 'UO')).toHaveLength(2);
  });

  it("the tutorial's 6.13 DestinationRule (maxConnections 2, http2MaxRequests 1, maxRequestsPerConnection 1) under 2 clients mixes 200 and 503", async () => {
    a.behave({ delayMs: 20 });
    install([a], '{connectionPool: {tcp: {maxConnections: 2, connectTimeout: 30ms}, http: {http2MaxRequests: 1, maxRequestsPerConnection: 1}}}');
    const counts = tally(await sendMany(40, 2, get));
    expect(counts.a).toBeGreaterThan(0);
    expect(counts['503']).toBeGreaterThan(0);
    expect(flags(40).filter((f) => f !== '-' && f !== 'UO')).toEqual([]);
  });

  it('connectTimeout gives 503 UF when the connect really does not complete', async () => {
    const hole = await startBlackhole();
    if (!hole) return; // python3 missing: nothing on loopback drops SYNs
    try {
      install([{ name: 'hole', port: hole.port }], '{connectionPool: {tcp: {connectTimeout: 30ms}}}');
      const started = performance.now();
      const res = await get();
      expect([res.status, flags(1)[0]]).toEqual([503, 'UF']);
      expect(performance.now() - started).toBeGreaterThanOrEqual(29);
    } finally {
      hole.close();
    }
  });

  it('istio.io circuit-breaking task (maxConnections 1, http1MaxPendingRequests 1): a request arriving while another waits for its connection gets 503 UO at once', async () => {
    // The first request's connection never comes up (a blackhole), so it stays pending for the
    // whole connectTimeout; Envoy counts it against http1MaxPendingRequests all that time.
    const hole = await startBlackhole();
    if (!hole) return; // python3 missing: nothing on loopback drops SYNs
    try {
      install([{ name: 'hole', port: hole.port }], '{connectionPool: {tcp: {maxConnections: 1, connectTimeout: 500ms}, http: {http1MaxPendingRequests: 1, maxRequestsPerConnection: 1}}}');
      const first = get();
      await new Promise((r) => setTimeout(r, 50));
      const started = performance.now();
      const second = await get();
      expect([second.status, second.headers['x-envoy-overloaded'], flags(1)[0]]).toEqual([503, 'true', 'UO']);
      expect(performance.now() - started).toBeLessThan(250);
      expect([(await first).status, flags(1)[0]]).toEqual([503, 'UF']);
      expect(gw.runtime.states.all().map((st) => st.admission.state().pendingRequests)).toEqual([0]);
    } finally {
      hole.close();
    }
  });

  it('a 50 ms event-loop stall during connects with a 30 ms connectTimeout gives no UF (DESIGN.md: yield before UF)', async () => {
    // One request per connection, so every request connects. Every 30 ms the loop stalls 50 ms in
    // its check phase (as a slow handler would): the next iteration runs expired timers before
    // it polls, so a connect timer fires before the loop has seen its connect complete.
    install([a, b], '{connectionPool: {tcp: {connectTimeout: 30ms}, http: {maxRequestsPerConnection: 1}}}');
    const busy = () => {
      const until = performance.now() + 50;
      while (performance.now() < until) {
        // the event loop cannot see the connect complete
      }
    };
    const stall = setInterval(() => setImmediate(busy), 30);
    try {
      const answers = await sendMany(60, 6, get);
      expect(answers.map((r) => r.status)).toEqual(Array(60).fill(200));
    } finally {
      clearInterval(stall);
    }
    expect(flags(60).filter((f) => f !== '-')).toEqual([]);
  });
});

describe('outlier detection (istio.io OutlierDetection; Envoy arch_overview outlier)', () => {
  it('no healthy upstream gives 503 UH: a subset without endpoints, or every host ejected', async () => {
    install([a], '{}', '  subsets: [{name: empty, labels: {version: none}}]\n');
    const empty = await get();
    expect([empty.status, empty.body, flags(1)[0]]).toEqual([503, 'no healthy upstream', 'UH']);
    a.behave({ status: 500 });
    b.behave({ status: 500 });
    install([a, b], '{outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 100}}');
    await get();
    await get();
    await get();
    const res = await get();
    expect([res.status, res.body, flags(1)[0]]).toEqual([503, 'no healthy upstream', 'UH']);
  });

  it('minHealthPercent: below it the balancer panics and uses ejected hosts too', async () => {
    a.behave({ status: 500 });
    b.behave({ status: 500 });
    const outlier = 'consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 100';
    install([a, b, c], `{loadBalancer: {simple: ROUND_ROBIN}, outlierDetection: {${outlier}}}`);
    await sendMany(6, 1, get);
    expect(tally(await sendMany(30, 1, get))).toEqual({ c: 30 });
    install([a, b, c], `{loadBalancer: {simple: ROUND_ROBIN}, outlierDetection: {${outlier}, minHealthPercent: 50}}`);
    await sendMany(6, 1, get);
    const counts = tally(await sendMany(30, 1, get));
    expect(counts).toEqual({ a: 10, b: 10, c: 10 });
  });

  it('baseEjectionTime × ejection count: a host failing again at once stays out twice as long', async () => {
    a.behave({ status: 500 });
    install([a, b], '{loadBalancer: {simple: ROUND_ROBIN}, outlierDetection: {consecutive5xxErrors: 1, interval: 200ms, baseEjectionTime: 400ms, maxEjectionPercent: 100}}');
    const hits: number[] = [];
    const started = performance.now();
    while (performance.now() - started < 2300) {
      const before = a.requests.length;
      await get();
      if (a.requests.length > before) hits.push(performance.now());
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(hits.length).toBeGreaterThanOrEqual(3);
    const [first = 0, second = 0, third = 0] = hits;
    expect(second - first).toBeGreaterThanOrEqual(380);
    expect(second - first).toBeLessThan(720);
    expect(third - second).toBeGreaterThanOrEqual(780);
    expect(third - second).toBeLessThan(1250);
  });
});
