// Retries at the gateway over real HTTP, as Envoy's router retries what Istio configures:
// retryOn conditions, perTryTimeout, another host preferred, bodies past the buffer cap,
// overflow never retried, maxRetries, and Istio's default policy when a route sets none
// (istio.io VirtualService HTTPRetry; Envoy router_filter x-envoy-retry-on; circuit_breaking).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { send } from './testing/client.js';
import { gatewayYaml, service, startGateway, type TestGateway } from './testing/mesh.js';
import { startUpstream, type Upstream, type UpstreamBehaviour } from './testing/upstreams.js';

let gw: TestGateway;
let a: Upstream;
let b: Upstream;
let c: Upstream;

beforeAll(async () => {
  gw = await startGateway();
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

const lastLog = () => gw.runtime.accessLog.recent(1)[0];
const upstreams = (...list: Upstream[]) => [service('reviews', list.map((upstream) => ({ upstream })))];
const route = (extra: string, policy = '') =>
  `${gatewayYaml(`  - route: [{destination: {host: reviews}}]\n${extra}`)}${policy ? `---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews}\nspec:\n  host: reviews\n  trafficPolicy:\n${policy}` : ''}`;
/** POSTs are not replayed transparently on a keep-alive race, so only the retry policy retries them. */
const post = (headers: Record<string, string> = {}) => send(gw.url, { method: 'POST', path: '/reviews/1', body: 'payload', headers });
const firstFails = (first: UpstreamBehaviour) => (n: number) => (n === 1 ? first : {});

describe('retryOn conditions (Envoy router_filter x-envoy-retry-on)', () => {
  it('gateway-error retries 502, 503 and 504 but not 500', async () => {
    gw.install(route('    retries: {attempts: 2, retryOn: gateway-error}\n'), upstreams(a));
    a.behave(firstFails({ status: 502 }));
    expect((await post()).status).toBe(200);
    expect(a.requests).toHaveLength(2);
    a.requests.length = 0;
    a.behave(firstFails({ status: 500 }));
    expect((await post()).status).toBe(500);
    expect(a.requests).toHaveLength(1);
  });

  it('reset retries a request the upstream dropped without answering; other conditions do not', async () => {
    await post();
    gw.install(route('    retries: {attempts: 2, retryOn: reset}\n'), upstreams(a));
    a.requests.length = 0;
    a.behave(firstFails({ reset: true }));
    expect((await post()).status).toBe(200);
    expect(a.requests.map((r) => r.headers['x-envoy-attempt-count'])).toEqual(['1', '2']);
    gw.install(route('    retries: {attempts: 2, retryOn: retriable-4xx}\n'), upstreams(a));
    a.requests.length = 0;
    a.behave(firstFails({ reset: true }));
    const res = await post();
    expect([res.status, lastLog()?.response_flags]).toEqual([503, 'UC']);
    expect(a.requests).toHaveLength(1);
  });

  it('retriable-4xx retries 409 only', async () => {
    gw.install(route('    retries: {attempts: 2, retryOn: retriable-4xx}\n'), upstreams(a));
    a.behave(firstFails({ status: 409 }));
    expect((await post()).status).toBe(200);
    a.requests.length = 0;
    a.behave(firstFails({ status: 404 }));
    expect((await post()).status).toBe(404);
    expect(a.requests).toHaveLength(1);
  });

  it('retriable-status-codes from bare codes in retryOn retry exactly those statuses', async () => {
    gw.install(route('    retries: {attempts: 2, retryOn: "418,429"}\n'), upstreams(a));
    a.behave(firstFails({ status: 418 }));
    expect((await post()).status).toBe(200);
    a.requests.length = 0;
    a.behave(firstFails({ status: 503 }));
    expect((await post()).status).toBe(503);
    expect(a.requests).toHaveLength(1);
  });

  it('connect-failure retries a refused connect on another endpoint', async () => {
    const dead = await startUpstream('dead');
    await dead.close();
    gw.install(route('    retries: {attempts: 2, retryOn: connect-failure}\n', '    loadBalancer: {simple: ROUND_ROBIN}\n'), upstreams(dead, a));
    const answers = await Promise.all(Array.from({ length: 20 }, () => post()));
    expect(answers.every((r) => r.status === 200 && r.upstream === 'a')).toBe(true);
    expect(gw.runtime.accessLog.recent(20).some((l) => l.attempts === 2)).toBe(true);
  });

  it("Istio's default retry policy (no retries on the route) retries a dead endpoint's connect failure onto a live one", async () => {
    const dead = await startUpstream('dead');
    await dead.close();
    gw.install(route('', '    loadBalancer: {simple: ROUND_ROBIN}\n'), upstreams(dead, a));
    const answers = await Promise.all(Array.from({ length: 20 }, () => send(gw.url, { path: '/reviews/1' })));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    // attempts: 0 turns retries off: the same traffic now sees the dead endpoint's 503 UF.
    gw.install(route('    retries: {attempts: 0}\n', '    loadBalancer: {simple: ROUND_ROBIN}\n'), upstreams(dead, a));
    const unretried = await Promise.all(Array.from({ length: 20 }, () => send(gw.url, { path: '/reviews/1' })));
    expect(unretried.some((r) => r.status === 503)).toBe(true);
    expect(gw.runtime.accessLog.recent(20).some((l) => l.response_flags === 'UF')).toBe(true);
  });
});

describe('retry mechanics (istio.io HTTPRetry)', () => {
  it('perTryTimeout bounds each attempt, the next one retried, and is announced upstream as x-envoy-expected-rq-timeout-ms', async () => {
    gw.install(route('    timeout: 2s\n    retries: {attempts: 2, perTryTimeout: 100ms, retryOn: 5xx}\n'), upstreams(a));
    a.behave(firstFails({ hang: true }));
    const started = performance.now();
    const res = await post();
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(a.requests.map((r) => r.headers['x-envoy-expected-rq-timeout-ms'])).toEqual(['100', '100']);
    a.requests.length = 0;
    a.behave({ hang: true });
    const timedOut = await post();
    expect([timedOut.status, timedOut.body, lastLog()?.response_flags]).toEqual([504, 'upstream request timeout', 'UT,URX']);
    expect(a.requests).toHaveLength(3);
  });

  it('a retry goes to another host (previous-hosts predicate)', async () => {
    for (const u of [a, b, c]) u.behave((_n, req) => (req.headers['x-envoy-attempt-count'] === '1' ? { status: 503 } : {}));
    gw.install(route('    retries: {attempts: 1, retryOn: 5xx}\n'), upstreams(a, b, c));
    const answers = await Promise.all(Array.from({ length: 30 }, () => post()));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    const hostsById = new Map<string, string[]>();
    for (const u of [a, b, c]) for (const r of u.requests) hostsById.set(String(r.headers['x-request-id']), [...(hostsById.get(String(r.headers['x-request-id'])) ?? []), u.name]);
    expect(hostsById.size).toBe(30);
    for (const hosts of hostsById.values()) expect(new Set(hosts).size).toBe(2);
  });

  it('a body past the buffer cap is forwarded once and never retried', async () => {
    const capped = await startGateway({ bodyCap: 1024 });
    try {
      capped.install(route('    retries: {attempts: 2, retryOn: 5xx}\n'), upstreams(a));
      a.behave(firstFails({ status: 503 }));
      const big = 'x'.repeat(4096);
      const res = await send(capped.url, { method: 'POST', path: '/reviews/1', body: big });
      expect(res.status).toBe(503);
      expect(a.requests.map((r) => r.body.length)).toEqual([4096]);
      a.requests.length = 0;
      a.behave(firstFails({ status: 503 }));
      expect((await send(capped.url, { method: 'POST', path: '/reviews/1', body: 'small' })).status).toBe(200);
      expect(a.requests.map((r) => r.body)).toEqual(['small', 'small']);
    } finally {
      await capped.close();
    }
  });

  it('an overflow (UO) is never retried', async () => {
    a.behave({ delayMs: 300 });
    gw.install(route('    retries: {attempts: 3, retryOn: "5xx,reset,gateway-error,503"}\n', '    connectionPool: {http: {http2MaxRequests: 1}}\n'), upstreams(a));
    const started = performance.now();
    const [first, second] = await Promise.all([post(), new Promise((r) => setTimeout(r, 50)).then(() => post())]);
    expect(first?.status).toBe(200);
    expect([second?.status, second?.headers['x-envoy-overloaded']]).toEqual([503, 'true']);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(a.requests).toHaveLength(1);
  });

  it('maxRetries overflow skips the retry (flag UO) while another retry is in flight', async () => {
    // The first attempt fails at once; a retry takes 600 ms, holding the destination's one retry slot.
    a.behave((_n, req) => (req.headers['x-envoy-attempt-count'] === '1' ? { status: 503 } : { delayMs: 600 }));
    gw.install(route('    retries: {attempts: 2, retryOn: 5xx}\n', '    connectionPool: {http: {maxRetries: 1}}\n'), upstreams(a));
    const first = post();
    await new Promise((r) => setTimeout(r, 150));
    const started = performance.now();
    const others = await Promise.all([post(), post()]);
    expect(others.map((r) => r.status)).toEqual([503, 503]);
    expect(performance.now() - started).toBeLessThan(450);
    expect(gw.runtime.accessLog.recent(2).map((l) => l.response_flags)).toEqual(['UO', 'UO']);
    expect((await first).status).toBe(200);
    expect(a.requests).toHaveLength(4);
  });
});
