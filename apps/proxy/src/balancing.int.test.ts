// Load balancing at the gateway over real HTTP: Envoy's least request, round robin and random,
// consistent hashing by cookie, header, source IP and query parameter, and the layering of
// subset and port-level policies (istio.io DestinationRule LoadBalancerSettings,
// ConsistentHashLB, Subset, PortTrafficPolicy; Envoy arch_overview load_balancers).
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { send, sendMany, type Sent, tally } from './testing/client.js';
import { gatewayYaml, service, startGateway, type TestGateway } from './testing/mesh.js';
import { startUpstream, type Upstream } from './testing/upstreams.js';

let gw: TestGateway;
let v1a: Upstream;
let v1b: Upstream;
let v2: Upstream;

beforeAll(async () => {
  gw = await startGateway();
  [v1a, v1b, v2] = await Promise.all([startUpstream('v1a'), startUpstream('v1b'), startUpstream('v2')]);
});
afterAll(async () => {
  await gw.close();
  await Promise.all([v1a, v1b, v2].map((u) => u.close()));
});
afterEach(() => {
  for (const u of [v1a, v1b, v2]) {
    u.behave({});
    u.requests.length = 0;
  }
});

/** reviews = v1a, v1b (version v1) and v2; `rules` route it; `policy` is the DestinationRule's spec body. */
function install(policy: string, rules = '  - route: [{destination: {host: reviews}}]\n') {
  gw.install(
    `${gatewayYaml(rules)}---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
${policy}`,
    [
      service('reviews', [
        { upstream: v1a, labels: { version: 'v1' } },
        { upstream: v1b, labels: { version: 'v1' } },
        { upstream: v2, labels: { version: 'v2' } },
      ]),
    ],
  );
}

const get = (headers: Record<string, string> = {}, path = '/reviews/1') => send(gw.url, { path, headers });
const sequential = async (n: number, one: () => Promise<Sent>) => sendMany(n, 1, one);
const repeats = (answers: Sent[]) => answers.filter((a, i) => i > 0 && a.upstream === answers[i - 1]?.upstream).length;

describe('simple load balancers (Envoy arch_overview load_balancers)', () => {
  it('LEAST_REQUEST (the default) sends at most 20% to an endpoint 10× slower', async () => {
    v1a.behave({ delayMs: 100 });
    v1b.behave({ delayMs: 10 });
    v2.behave({ delayMs: 10 });
    install('  trafficPolicy: {}\n');
    const counts = tally(await sendMany(300, 12, () => get()));
    expect((counts.v1a ?? 0) / 300).toBeLessThanOrEqual(0.2);
    expect((counts.v1b ?? 0) + (counts.v2 ?? 0) + (counts.v1a ?? 0)).toBe(300);
  });

  it('LEAST_REQUEST and the pool count a request as active until its body is through, not at its headers (Envoy rq_active)', async () => {
    for (const u of [v1a, v1b, v2]) u.behave({ bodyDelayMs: 400 });
    install('  trafficPolicy: {}\n');
    const url = new URL(gw.url);
    let headersArrived: (upstream: string) => void = () => {};
    const headers = new Promise<string>((resolve) => (headersArrived = resolve));
    const ended = new Promise<string>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/reviews/1' }, (res) => {
        headersArrived(res.headers['x-upstream'] as string);
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end();
    });
    const upstream = await headers;
    const state = gw.runtime.states.all().find((s) => s.current().length === 3);
    const active = (s: typeof state) => (s ? s.current().reduce((n, e) => n + s.balancer.active(e.key), 0) : -1);
    expect(active(state)).toBe(1);
    expect(state?.admission.state().activeRequests).toBe(1);
    expect(await ended).toContain(upstream);
    expect(active(state)).toBe(0);
    expect(state?.admission.state().activeRequests).toBe(0);
  });

  it('ROUND_ROBIN takes endpoints in turn: equal shares, never the same one twice in a row', async () => {
    install('  trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}\n');
    const answers = await sequential(300, () => get());
    expect(tally(answers)).toEqual({ v1a: 100, v1b: 100, v2: 100 });
    expect(repeats(answers)).toBe(0);
  });

  it('RANDOM spreads uniformly with no rotation', async () => {
    install('  trafficPolicy: {loadBalancer: {simple: RANDOM}}\n');
    const answers = await sequential(600, () => get());
    for (const n of Object.values(tally(answers))) expect(Math.abs(n - 200)).toBeLessThanOrEqual(60);
    // Uniform draws repeat the previous endpoint about a third of the time; a rotation never does.
    expect(repeats(answers)).toBeGreaterThan(120);
  });
});

describe('consistentHash (istio.io ConsistentHashLB; Envoy ring hash)', () => {
  it('httpCookie with ttl: the first answer sets a generated cookie; with it 200 requests of 200 land on one endpoint', async () => {
    install('  trafficPolicy: {loadBalancer: {consistentHash: {httpCookie: {name: user, path: /, ttl: 60s}}}}\n');
    const first = await get();
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/^user="[0-9a-f]{16}"; Max-Age=60; Path=\/; HttpOnly$/);
    const cookie = setCookie.split(';')[0] as string;
    const answers = await sendMany(200, 8, () => get({ cookie }));
    expect(Object.keys(tally(answers))).toEqual([first.upstream]);
    expect(answers.every((a) => a.headers['set-cookie'] === undefined)).toBe(true);
    // Clients without the cookie get their own cookies, and so land on different endpoints.
    const others = await sequential(30, () => get());
    expect(new Set(others.map((a) => a.upstream)).size).toBeGreaterThan(1);
  });

  it('httpHeaderName: one endpoint per header value, and values spread', async () => {
    install('  trafficPolicy: {loadBalancer: {consistentHash: {httpHeaderName: x-user}}}\n');
    const byUser = new Map<string, Set<string | undefined>>();
    for (let user = 0; user < 20; user++) {
      const answers = await sendMany(10, 5, () => get({ 'x-user': `user-${user}` }));
      byUser.set(`user-${user}`, new Set(answers.map((a) => a.upstream)));
    }
    for (const hosts of byUser.values()) expect(hosts.size).toBe(1);
    expect(new Set([...byUser.values()].flatMap((s) => [...s])).size).toBeGreaterThan(1);
  });

  it('useSourceIp: one endpoint per client address', async () => {
    install('  trafficPolicy: {loadBalancer: {consistentHash: {useSourceIp: true}}}\n');
    const seen = new Set<string | undefined>();
    for (let i = 2; i < 14; i++) {
      const answers = await sendMany(8, 4, () => send(gw.url, { path: '/reviews/1', localAddress: `127.0.0.${i}` }));
      expect(new Set(answers.map((a) => a.upstream)).size).toBe(1);
      seen.add(answers[0]?.upstream);
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('httpQueryParameterName: one endpoint per parameter value', async () => {
    install('  trafficPolicy: {loadBalancer: {consistentHash: {httpQueryParameterName: u}}}\n');
    const seen = new Set<string | undefined>();
    for (let user = 0; user < 15; user++) {
      const answers = await sendMany(8, 4, () => get({}, `/reviews/1?a=1&u=${user}`));
      expect(new Set(answers.map((a) => a.upstream)).size).toBe(1);
      seen.add(answers[0]?.upstream);
    }
    expect(seen.size).toBeGreaterThan(1);
  });
});

describe('policy layering (istio.io DestinationRule Subset, PortTrafficPolicy)', () => {
  const STICKY = '    loadBalancer: {consistentHash: {httpHeaderName: x-user}}\n';

  it('a subset trafficPolicy overrides the service-level one for traffic routed to that subset only', async () => {
    install(
      `  trafficPolicy:
${STICKY}  subsets:
  - name: v1
    labels: {version: v1}
    trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}
`,
      `  - match: [{uri: {prefix: /subset}}]
    route: [{destination: {host: reviews, subset: v1}}]
  - route: [{destination: {host: reviews}}]
`,
    );
    const toSubset = await sequential(20, () => get({ 'x-user': 'jason' }, '/subset'));
    expect(tally(toSubset)).toEqual({ v1a: 10, v1b: 10 });
    const toService = await sequential(20, () => get({ 'x-user': 'jason' }));
    expect(new Set(toService.map((a) => a.upstream)).size).toBe(1);
  });

  it('portLevelSettings replace the rule-level policy for their port only', async () => {
    install(`  trafficPolicy:
${STICKY}    portLevelSettings:
    - port: {number: 9080}
      loadBalancer: {simple: ROUND_ROBIN}
`);
    expect(tally(await sequential(30, () => get({ 'x-user': 'jason' })))).toEqual({ v1a: 10, v1b: 10, v2: 10 });
    install(`  trafficPolicy:
${STICKY}    portLevelSettings:
    - port: {number: 9999}
      loadBalancer: {simple: ROUND_ROBIN}
`);
    expect(Object.keys(tally(await sequential(30, () => get({ 'x-user': 'jason' }))))).toHaveLength(1);
  });
});
