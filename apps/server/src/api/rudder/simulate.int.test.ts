// The request simulator: the proxies' own matcher over stored and proposed config.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../testing/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.call('PUT', '/rudder/v1/registry/services/default/reviews', { body: { name: 'reviews', ports: [{ name: 'http', port: 9080 }], selector: { app: 'reviews' } } });
  await h.call('PUT', '/rudder/v1/registry/services/default/productpage', { body: { name: 'productpage', ports: [{ name: 'http', port: 9080 }], selector: { app: 'productpage' } } });
  for (const [name, labels] of [
    ['reviews-v1', { app: 'reviews', version: 'v1' }],
    ['reviews-v2', { app: 'reviews', version: 'v2' }],
    ['productpage-v1', { app: 'productpage', version: 'v1' }],
  ] as const) {
    await h.call('PUT', `/rudder/v1/registry/workloads/default/${name}`, { body: { name, labels } });
    await h.call('PUT', `/rudder/v1/registry/instances/default/${name}-1`, { body: { name: `${name}-1`, workload: name, address: '127.0.0.1', port: 40000 + name.length } });
  }
  const applied = await h.call('POST', '/rudder/v1/apply', {
    body: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http:
  - match: [{headers: {end-user: {exact: jason}}}]
    route: [{destination: {host: reviews, subset: v2}}]
  - route: [{destination: {host: reviews, subset: v1}}]
    timeout: 3s
`,
  });
  expect(applied.status, applied.text).toBe(200);
});
afterAll(() => h.close());

const simulate = (body: unknown) => h.call('POST', '/rudder/v1/simulate', { body });

describe('POST /rudder/v1/simulate', () => {
  it('follows the rule a sidecar would pick, with the subset endpoints and the route actions', async () => {
    const jason = await simulate({ from: 'productpage-v1', host: 'reviews', port: 9080, path: '/reviews/0', headers: { 'end-user': 'jason' } });
    expect(jason.status, jason.text).toBe(200);
    expect(jason.json).toMatchObject({ result: 'route', virtualService: 'default/reviews', ruleIndex: 0, matchIndex: 0 });
    expect(jason.json.destinations).toMatchObject([{ host: 'reviews.default.svc.cluster.local', subset: 'v2', weight: 100, endpoints: [{ name: 'reviews-v2-1' }] }]);
    const anonymous = await simulate({ from: 'productpage-v1', host: 'reviews', port: 9080 });
    expect(anonymous.json).toMatchObject({ ruleIndex: 1, actions: { timeout: '3s' } });
    // Why rule 0 did not match: its header condition.
    expect(anonymous.json.rules[0]).toEqual({ ruleIndex: 0, matches: false, matchBlocks: [{ index: 0, failed: 'headers.end-user: absent does not match' }] });
    expect(anonymous.json.rules[1].matches).toBe(true);
    expect(anonymous.json.destinations[0].subset).toBe('v1');
  });

  it('simulates proposed changes without storing them', async () => {
    const proposed = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: reviews, subset: v1}, weight: 80}, {destination: {host: reviews, subset: v2}, weight: 20}]}]
`;
    const res = await simulate({ from: 'productpage-v1', host: 'reviews', port: 9080, proposed });
    expect(res.json.destinations.map((d: { weight: number }) => d.weight)).toEqual([80, 20]);
    const stored = await h.call('GET', '/apis/networking.istio.io/v1/namespaces/default/virtualservices/reviews');
    expect(stored.json.spec.http).toHaveLength(2);
  });

  it('at the gateway, a path no rule takes is a 404 NR that lists the bound VirtualService\'s rules and why each missed', async () => {
    const proposed = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ['*']}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: front}
spec:
  hosts: ['*']
  gateways: [gw]
  http:
  - match: [{uri: {exact: /productpage}}, {uri: {prefix: /static}}]
    route: [{destination: {host: productpage, port: {number: 9080}}}]
`;
    const res = await simulate({ from: 'gateway', host: 'example.com', path: '/nothing', proposed });
    expect(res.json).toMatchObject({ result: 'no-route', status: 404, responseFlag: 'NR', reason: 'no-matching-rule' });
    expect(res.json.rules).toHaveLength(1);
    expect(res.json.rules[0]).toMatchObject({ ruleIndex: 0, matches: false });
    expect(res.json.virtualService).toBe('default/front');
    expect(res.json.rules[0].matchBlocks).toEqual([
      { index: 0, failed: 'uri: "/nothing" does not match' },
      { index: 1, failed: 'uri: "/nothing" does not match' },
    ]);
  });

  it('says when nothing routes, and refuses invalid proposals with their path', async () => {
    const gateway = await simulate({ from: 'gateway', host: 'bookinfo.example.com', path: '/productpage' });
    expect(gateway.json).toMatchObject({ result: 'no-route', status: 404, responseFlag: 'NR' });
    const defaultRoute = await simulate({ from: 'reviews-v1', host: 'productpage', port: 9080 });
    expect(defaultRoute.json).toMatchObject({ result: 'default-route' });
    const bad = await simulate({ from: 'productpage-v1', host: 'reviews', proposed: [{ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'x' }, spec: { hosts: ['x'], http: [{ route: [{ destination: { host: 'x' }, weight: -1 }] }] } }] });
    expect(bad.status).toBe(422);
    expect(bad.json.details.causes[0].field).toMatch(/^proposed\[0\]\.spec\.http\[0\]\.route\[0\]\.weight/);
    expect((await simulate({ from: 'nobody', host: 'reviews' })).status).toBe(404);
  });
});
