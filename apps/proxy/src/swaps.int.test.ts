// Robustness over real HTTP: route tables swapped under load fail nothing (requests in
// flight finish on their table), upstreams closing idle keep-alive connections fail nothing
// (the keep-alive race), and per-destination state outlives unrelated swaps but not its
// DestinationRule (DESIGN.md "The proxy pipeline", "Forwarding on http-proxy").
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { send, type Sent, tally } from './testing/client.js';
import { gatewayYaml, service, startGateway, type TestGateway } from './testing/mesh.js';
import { startUpstream, type Upstream } from './testing/upstreams.js';

let gw: TestGateway;
let v1: Upstream;
let v2: Upstream;

beforeAll(async () => {
  gw = await startGateway();
  // Upstreams that close idle keep-alive connections after 50 ms without announcing it, and
  // close a connection idle that long on a request's arrival (the race, every time it can happen).
  const options = { keepAliveTimeoutMs: 50, silentKeepAlive: true, closeIdleOnArrivalMs: 50 };
  [v1, v2] = await Promise.all([startUpstream('v1', options), startUpstream('v2', options)]);
});
afterAll(async () => {
  await gw.close();
  await Promise.all([v1.close(), v2.close()]);
});
afterEach(() => {
  for (const u of [v1, v2]) {
    u.behave({});
    u.requests.length = 0;
  }
});

const services = () => [
  service('reviews', [
    { upstream: v1, labels: { version: 'v1' } },
    { upstream: v2, labels: { version: 'v2' } },
  ]),
];
const rule = (policy: string) => `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
  trafficPolicy: ${policy}
  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
`;
const split = (w1: number, w2: number) =>
  gatewayYaml(`  - route:
    - {destination: {host: reviews, subset: v1}, weight: ${w1}}
    - {destination: {host: reviews, subset: v2}, weight: ${w2}}
`);
const UNRELATED = `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ratings}
spec:
  hosts: [ratings]
  http: [{route: [{destination: {host: ratings}}]}]
`;
const failures = (answers: Sent[]) => answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.body}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('route table swaps (DESIGN.md: compile once, swap atomically)', () => {
  it('200 snapshot swaps while a load runs fail no request', async () => {
    const variants = [
      split(50, 50) + rule('{outlierDetection: {consecutive5xxErrors: 5, interval: 1s, baseEjectionTime: 30s}}'),
      split(80, 20) + rule('{loadBalancer: {simple: ROUND_ROBIN}}'),
      split(50, 50) + rule('{outlierDetection: {consecutive5xxErrors: 5, interval: 1s, baseEjectionTime: 30s}}') + UNRELATED,
    ];
    gw.install(variants[0] as string, services());
    let running = true;
    const answers: Sent[] = [];
    const worker = async () => {
      while (running) answers.push(await send(gw.url, { path: '/reviews/1' }).catch((e: Error) => ({ status: 0, body: e.message }) as Sent));
    };
    const load = Promise.all(Array.from({ length: 8 }, worker));
    for (let i = 0; i < 200; i++) {
      gw.install(variants[i % variants.length] as string, services());
      await sleep(5);
    }
    running = false;
    await load;
    expect(answers.length).toBeGreaterThan(200);
    expect(failures(answers)).toEqual([]);
  });

  it('per-destination state survives unrelated swaps (an ejection stays) and goes with its DestinationRule', async () => {
    v1.behave({ status: 500 });
    const policy = rule('{loadBalancer: {simple: ROUND_ROBIN}, outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 100}}');
    const routeAll = gatewayYaml('  - route: [{destination: {host: reviews}}]\n');
    gw.install(routeAll + policy, services());
    const get = () => send(gw.url, { path: '/reviews/1' });
    for (let i = 0; i < 4; i++) await get();
    expect(v1.requests).toHaveLength(1);
    gw.install(routeAll + policy + UNRELATED, services());
    for (let i = 0; i < 10; i++) await get();
    expect(v1.requests).toHaveLength(1);
    // The DestinationRule goes: its state (and the ejection) goes with it; it comes back fresh.
    gw.install(routeAll, services());
    await get();
    gw.install(routeAll + policy, services());
    v1.requests.length = 0;
    for (let i = 0; i < 4; i++) await get();
    expect(v1.requests).toHaveLength(1);
  });
});

describe('the keep-alive race (DESIGN.md "Forwarding on http-proxy")', () => {
  it('an upstream closing idle keep-alive connections at 50 ms, hit right at expiry, fails no request', async () => {
    gw.install(split(50, 50) + rule('{}'), services());
    const answers: Sent[] = [];
    for (let round = 0; round < 60; round++) {
      const burst = await Promise.all(Array.from({ length: 4 }, () => send(gw.url, { path: '/reviews/1' }).catch((e: Error) => ({ status: 0, body: e.message }) as Sent)));
      answers.push(...burst);
      await sleep(45 + (round % 10));
    }
    expect(failures(answers)).toEqual([]);
    expect(Object.keys(tally(answers)).sort()).toEqual(['v1', 'v2']);
    expect(v1.requests.length + v2.requests.length).toBe(answers.length);
  });
});
