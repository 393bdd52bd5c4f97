// The data plane end to end at the gateway, with real upstream servers on 127.0.0.1 and
// real HTTP. Each test names the Istio/Envoy behaviour it proves.
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gatewayYaml, service, startGateway, type TestGateway } from './testing/mesh.js';
import { startUpstream, type Upstream } from './testing/upstreams.js';

let gw: TestGateway;
let v1: Upstream;
let v2: Upstream;
let v3: Upstream;

beforeAll(async () => {
  gw = await startGateway();
  [v1, v2, v3] = await Promise.all([startUpstream('reviews-v1'), startUpstream('reviews-v2'), startUpstream('reviews-v3')]);
});
afterAll(async () => {
  await gw.close();
  await Promise.all([v1, v2, v3].map((u) => u.close()));
});
afterEach(() => {
  for (const u of [v1, v2, v3]) {
    u.behave({});
    u.requests.length = 0;
  }
});

const reviews = () =>
  service('reviews', [
    { upstream: v1, labels: { version: 'v1' } },
    { upstream: v2, labels: { version: 'v2' } },
    { upstream: v3, labels: { version: 'v3' } },
  ]);

const SUBSETS = `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
  - {name: v3, labels: {version: v3}}
`;

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(gw.url + path, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, upstream: res.headers.get('x-upstream') };
};

/** fetch cannot set Host; node:http can. */
const getWithHost = (path: string, host: string) =>
  new Promise<{ status: number; upstream: string | undefined }>((resolve, reject) => {
    const req = request(`${gw.url}${path}`, { headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, upstream: res.headers['x-upstream'] as string | undefined }));
    });
    req.on('error', reject);
    req.end();
  });

describe('routing (istio.io VirtualService HTTPRoute)', () => {
  it('splits traffic by weight: 10/10/80 over 2000 requests within ±3 points', async () => {
    gw.install(
      gatewayYaml(`  - route:
    - {destination: {host: reviews, subset: v1}, weight: 10}
    - {destination: {host: reviews, subset: v2}, weight: 10}
    - {destination: {host: reviews, subset: v3}, weight: 80}
`) + SUBSETS,
      [reviews()],
    );
    const counts: Record<string, number> = {};
    for (let batch = 0; batch < 40; batch++) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => get('/reviews/1')));
      for (const a of answers) counts[a.upstream ?? a.status] = (counts[a.upstream ?? a.status] ?? 0) + 1;
    }
    expect(Math.abs((counts['reviews-v1'] ?? 0) / 20 - 10)).toBeLessThanOrEqual(3);
    expect(Math.abs((counts['reviews-v2'] ?? 0) / 20 - 10)).toBeLessThanOrEqual(3);
    expect(Math.abs((counts['reviews-v3'] ?? 0) / 20 - 80)).toBeLessThanOrEqual(3);
  });

  it('matches headers, first match wins, and a lone destination takes everything', async () => {
    gw.install(
      gatewayYaml(`  - match: [{headers: {end-user: {exact: jason}}}]
    route: [{destination: {host: reviews, subset: v2}}]
  - route: [{destination: {host: reviews, subset: v1}}]
`) + SUBSETS,
      [reviews()],
    );
    expect((await get('/reviews/1', { 'end-user': 'jason' })).upstream).toBe('reviews-v2');
    expect((await get('/reviews/1', { 'end-user': 'json' })).upstream).toBe('reviews-v1');
    expect((await get('/reviews/1')).upstream).toBe('reviews-v1');
  });

  it('answers 404 (NR) when every rule misses, as Envoy does: Istio has no fallback', async () => {
    gw.install(gatewayYaml(`  - match: [{uri: {exact: /productpage}}]\n    route: [{destination: {host: reviews}}]\n`), [reviews()]);
    const miss = await get('/nothing-here');
    expect(miss.status).toBe(404);
    expect(gw.runtime.accessLog.recent(1)[0]?.response_flags).toBe('NR');
  });

  it('redirects and answers directly (HTTPRedirect, HTTPDirectResponse)', async () => {
    gw.install(
      gatewayYaml(`  - match: [{uri: {exact: /old}}]
    redirect: {uri: /new, authority: example.com}
  - match: [{uri: {exact: /health}}]
    directResponse: {status: 200, body: {string: ok}}
`),
      [reviews()],
    );
    const redirect = await fetch(`${gw.url}/old`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('http://example.com/new');
    const direct = await get('/health');
    expect([direct.status, direct.text]).toEqual([200, 'ok']);
  });

  it('rewrites the matched uri prefix only (Envoy prefix_rewrite) and sets request headers', async () => {
    gw.install(
      gatewayYaml(`  - match: [{uri: {prefix: /api/reviews}}]
    rewrite: {uri: /reviews}
    headers: {request: {set: {x-rewritten: "yes"}}, response: {add: {x-served-by: rudder}}}
    route: [{destination: {host: reviews, subset: v1}}]
`) + SUBSETS,
      [reviews()],
    );
    const res = await get('/api/reviews/7?x=1');
    expect(res.status).toBe(200);
    expect(v1.requests[0]?.url).toBe('/reviews/7?x=1');
    expect(v1.requests[0]?.headers['x-rewritten']).toBe('yes');
    expect(res.headers.get('x-served-by')).toBe('rudder');
  });
});

describe('faults, timeouts and retries', () => {
  it('aborts with the configured status and flag FI (HTTPFaultInjection.Abort)', async () => {
    gw.install(gatewayYaml(`  - fault: {abort: {httpStatus: 500, percentage: {value: 100}}}\n    route: [{destination: {host: reviews}}]\n`), [reviews()]);
    const res = await get('/reviews/1');
    expect([res.status, res.text]).toEqual([500, 'fault filter abort']);
    expect(gw.runtime.accessLog.recent(1)[0]?.response_flags).toBe('FI');
    expect(v1.requests.length + v2.requests.length + v3.requests.length).toBe(0);
  });

  it('delays by fixedDelay with the legacy integer percent (flag DI)', async () => {
    gw.install(gatewayYaml(`  - fault: {delay: {fixedDelay: 300ms, percent: 100}}\n    route: [{destination: {host: reviews, subset: v1}}]\n`) + SUBSETS, [reviews()]);
    const started = performance.now();
    const res = await get('/reviews/1');
    const took = performance.now() - started;
    expect(res.status).toBe(200);
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1500);
    expect(gw.runtime.accessLog.recent(1)[0]?.response_flags).toBe('DI');
  });

  it('answers 504 UT when the route timeout passes (HTTPRoute.timeout)', async () => {
    v1.behave({ delayMs: 1000 });
    gw.install(gatewayYaml(`  - timeout: 200ms\n    route: [{destination: {host: reviews, subset: v1}}]\n`) + SUBSETS, [reviews()]);
    const started = performance.now();
    const res = await get('/reviews/1');
    const took = performance.now() - started;
    expect([res.status, res.text]).toEqual([504, 'upstream request timeout']);
    expect(took).toBeGreaterThanOrEqual(190);
    expect(took).toBeLessThan(900);
    expect(gw.runtime.accessLog.recent(1)[0]?.response_flags).toBe('UT');
  });

  it('retries on 5xx with x-envoy-attempt-count upstream, until success (HTTPRetry)', async () => {
    v1.behave((n) => (n <= 2 ? { status: 503 } : {}));
    gw.install(gatewayYaml(`  - retries: {attempts: 3, retryOn: 5xx}\n    route: [{destination: {host: reviews, subset: v1}}]\n`) + SUBSETS, [reviews()]);
    const res = await get('/reviews/1');
    expect(res.status).toBe(200);
    expect(v1.requests.map((r) => r.headers['x-envoy-attempt-count'])).toEqual(['1', '2', '3']);
  });

  it('gives up after the attempts with the last answer and flag URX', async () => {
    v1.behave({ status: 503 });
    gw.install(gatewayYaml(`  - retries: {attempts: 2, retryOn: 5xx}\n    route: [{destination: {host: reviews, subset: v1}}]\n`) + SUBSETS, [reviews()]);
    const res = await get('/reviews/1');
    expect(res.status).toBe(503);
    expect(v1.requests).toHaveLength(3);
    expect(gw.runtime.accessLog.recent(1)[0]?.response_flags).toBe('URX');
  });
});

describe('circuit breaking and outlier detection (DestinationRule trafficPolicy)', () => {
  it('overflows the pool with 503, x-envoy-overloaded: true and flag UO, and never ejects for it', async () => {
    v1.behave({ delayMs: 300 });
    gw.install(
      gatewayYaml(`  - route: [{destination: {host: reviews, subset: v1}}]\n`) +
        `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
  trafficPolicy:
    connectionPool:
      tcp: {maxConnections: 1}
      http: {http1MaxPendingRequests: 1, maxRequestsPerConnection: 1}
    outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 30s}
  subsets: [{name: v1, labels: {version: v1}}]
`,
      [reviews()],
    );
    const answers = await Promise.all(Array.from({ length: 6 }, () => get('/reviews/1')));
    const overflowed = answers.filter((a) => a.status === 503);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(2);
    expect(overflowed.length).toBeGreaterThanOrEqual(3);
    expect(overflowed.every((a) => a.headers.get('x-envoy-overloaded') === 'true')).toBe(true);
    v1.behave({});
    expect((await get('/reviews/1')).status).toBe(200);
  });

  it('ejects a failing host at once and returns it after baseEjectionTime', async () => {
    v2.behave({ status: 500 });
    gw.install(
      gatewayYaml(`  - route: [{destination: {host: reviews}}]\n`) +
        `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
  trafficPolicy:
    loadBalancer: {simple: ROUND_ROBIN}
    outlierDetection: {consecutive5xxErrors: 1, interval: 100ms, baseEjectionTime: 1s, maxEjectionPercent: 100}
`,
      [reviews()],
    );
    const first: number[] = [];
    for (let i = 0; i < 30; i++) first.push((await get('/reviews/1')).status);
    // consecutive5xxErrors: 1 ejects at the first 500 (Envoy ejects on the error, not at the sweep).
    expect(first.filter((s) => s === 500)).toHaveLength(1);
    const before = v2.requests.length;
    await Promise.all(Array.from({ length: 20 }, () => get('/reviews/1')));
    expect(v2.requests.length).toBe(before);
    v2.behave({});
    await new Promise((r) => setTimeout(r, 1400));
    await Promise.all(Array.from({ length: 30 }, () => get('/reviews/1')));
    expect(v2.requests.length).toBeGreaterThan(before);
  });

  it('a client that disconnects frees its pool slot', async () => {
    v1.behave({ hang: true });
    gw.install(
      gatewayYaml(`  - route: [{destination: {host: reviews, subset: v1}}]\n`) +
        `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
  trafficPolicy: {connectionPool: {tcp: {maxConnections: 1}, http: {http1MaxPendingRequests: 1}}}
  subsets: [{name: v1, labels: {version: v1}}]
`,
      [reviews()],
    );
    for (let i = 0; i < 3; i++) {
      const controller = new AbortController();
      const pending = fetch(`${gw.url}/reviews/1`, { signal: controller.signal }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
      controller.abort();
      await pending;
      await new Promise((r) => setTimeout(r, 50));
    }
    v1.behave({});
    expect((await get('/reviews/1')).status).toBe(200);
  });
});

describe('mirroring (HTTPRoute.mirror, Envoy request_mirror_policies)', () => {
  it('copies every request to the mirror with -shadow on the host, and a hung mirror does not slow the original', async () => {
    v2.behave({ hang: true });
    gw.install(
      gatewayYaml(`  - route: [{destination: {host: reviews, subset: v1}}]
    mirror: {host: reviews, subset: v2}
    mirror_percent: 100
`) + SUBSETS,
      [reviews()],
    );
    const timings: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      const res = await getWithHost('/reviews/1', 'reviews:9080');
      timings.push(performance.now() - started);
      expect(res.upstream).toBe('reviews-v1');
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(v2.requests).toHaveLength(10);
    expect(v2.requests.every((r) => r.headers.host === 'reviews-shadow:9080')).toBe(true);
    expect(Math.max(...timings)).toBeLessThan(500);
  });
});
