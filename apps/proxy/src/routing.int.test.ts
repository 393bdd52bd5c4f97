// Route actions at the gateway over real HTTP: header operations at route and destination
// level, corsPolicy with preflights answered as Envoy's CORS filter does, uriRegexRewrite,
// and redirects (istio.io VirtualService Headers, CorsPolicy, HTTPRewrite, HTTPRedirect).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { send } from './testing/client.js';
import { gatewayYaml, service, startGateway, type TestGateway } from './testing/mesh.js';
import { startUpstream, type Upstream } from './testing/upstreams.js';

let gw: TestGateway;
let v1: Upstream;
let v2: Upstream;

beforeAll(async () => {
  gw = await startGateway();
  [v1, v2] = await Promise.all([startUpstream('reviews-v1'), startUpstream('reviews-v2')]);
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

const SUBSETS = `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
`;

const install = (rules: string) =>
  gw.install(gatewayYaml(rules) + SUBSETS, [
    service('reviews', [
      { upstream: v1, labels: { version: 'v1' } },
      { upstream: v2, labels: { version: 'v2' } },
    ]),
  ]);

describe('header operations (istio.io VirtualService Headers)', () => {
  it('applies request and response set/add/remove at route level and per destination', async () => {
    v1.behave({ headers: { 'x-upstream-secret': 's', 'x-upstream-other': 'o' } });
    v2.behave({ headers: { 'x-upstream-secret': 's', 'x-upstream-other': 'o' } });
    install(`  - headers:
      request: {set: {x-route: r}, remove: [x-drop-route]}
      response: {set: {x-resp-route: r}, remove: [x-upstream-secret]}
    route:
    - destination: {host: reviews, subset: v1}
      weight: 50
      headers:
        request: {set: {x-dest: d1}, add: {x-multi: two}, remove: [x-drop-dest]}
        response: {add: {x-resp-dest: d1}, remove: [x-upstream-other]}
    - destination: {host: reviews, subset: v2}
      weight: 50
      headers: {request: {set: {x-dest: d2}}, response: {set: {x-resp-dest: d2}}}
`);
    const headers = { 'x-drop-route': '1', 'x-drop-dest': '1', 'x-multi': 'one' };
    const answers = await Promise.all(Array.from({ length: 40 }, () => send(gw.url, { path: '/reviews/1', headers })));
    for (const a of answers) {
      const n = a.upstream === 'reviews-v1' ? 'd1' : 'd2';
      expect([a.status, a.headers['x-resp-route'], a.headers['x-resp-dest'], a.headers['x-upstream-secret']]).toEqual([200, 'r', n, undefined]);
      expect(a.headers['x-upstream-other']).toBe(n === 'd1' ? undefined : 'o');
    }
    expect(v1.requests.length).toBeGreaterThan(0);
    expect(v2.requests.length).toBeGreaterThan(0);
    for (const r of v1.requests) {
      expect([r.headers['x-route'], r.headers['x-dest'], r.headers['x-multi'], r.headers['x-drop-route'], r.headers['x-drop-dest']]).toEqual(['r', 'd1', 'one, two', undefined, undefined]);
    }
    for (const r of v2.requests) expect([r.headers['x-dest'], r.headers['x-multi'], r.headers['x-drop-dest']]).toEqual(['d2', 'one', '1']);
  });
});

describe("corsPolicy (istio.io VirtualService CorsPolicy; Envoy's CORS filter)", () => {
  const CORS = `    corsPolicy:
      allowOrigins: [{exact: 'https://app.example.com'}, {regex: 'https://[a-z]+\\.trusted\\.io'}]
      allowMethods: [GET, POST]
      allowHeaders: [x-custom, content-type]
      exposeHeaders: [x-upstream]
      maxAge: 24h
      allowCredentials: true
`;
  const preflight = (origin: string) => ({
    method: 'OPTIONS',
    path: '/reviews/1',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-custom' },
  });

  it('answers a preflight from an allowed origin itself, before the fault filter, and never forwards it', async () => {
    install(`  - fault: {abort: {httpStatus: 500, percentage: {value: 100}}}
${CORS}    route: [{destination: {host: reviews, subset: v1}}]
`);
    for (const origin of ['https://app.example.com', 'https://shop.trusted.io']) {
      const res = await send(gw.url, preflight(origin));
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers['access-control-allow-methods']).toBe('GET,POST');
      expect(res.headers['access-control-allow-headers']).toBe('x-custom,content-type');
      expect(res.headers['access-control-max-age']).toBe('86400');
      expect(res.headers['access-control-allow-credentials']).toBe('true');
    }
    // The actual request is faulted, and the fault's local reply still carries the CORS headers.
    const actual = await send(gw.url, { path: '/reviews/1', headers: { origin: 'https://app.example.com' } });
    expect([actual.status, actual.headers['access-control-allow-origin']]).toEqual([500, 'https://app.example.com']);
    expect(v1.requests).toHaveLength(0);
  });

  it('adds Allow-Origin, Allow-Credentials and Expose-Headers to responses for an allowed origin only', async () => {
    install(`  - route: [{destination: {host: reviews, subset: v1}}]
${CORS}`);
    const allowed = await send(gw.url, { path: '/reviews/1', headers: { origin: 'https://app.example.com' } });
    expect([allowed.status, allowed.upstream]).toEqual([200, 'reviews-v1']);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    expect(allowed.headers['access-control-expose-headers']).toBe('x-upstream');
    const other = await send(gw.url, { path: '/reviews/1', headers: { origin: 'https://evil.example' } });
    expect([other.status, other.headers['access-control-allow-origin']]).toEqual([200, undefined]);
    const noOrigin = await send(gw.url, { path: '/reviews/1' });
    expect(noOrigin.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('forwards a preflight from an unmatched origin (unmatchedPreflights FORWARD) unless told to IGNORE it', async () => {
    install(`  - route: [{destination: {host: reviews, subset: v1}}]
${CORS}`);
    const forwarded = await send(gw.url, preflight('https://evil.example'));
    expect([forwarded.status, forwarded.upstream, forwarded.headers['access-control-allow-origin']]).toEqual([200, 'reviews-v1', undefined]);
    expect(v1.requests.map((r) => r.method)).toEqual(['OPTIONS']);
    install(`  - route: [{destination: {host: reviews, subset: v1}}]
${CORS}      unmatchedPreflights: IGNORE
`);
    const ignored = await send(gw.url, preflight('https://evil.example'));
    expect([ignored.status, ignored.upstream, ignored.headers['access-control-allow-origin']]).toEqual([200, undefined, undefined]);
    expect(v1.requests).toHaveLength(1);
  });
});

describe('rewrite (istio.io VirtualService HTTPRewrite)', () => {
  it('uriRegexRewrite replaces with RE2 capture groups, keeps the query and sets x-envoy-original-path', async () => {
    install(`  - match: [{uri: {prefix: /service/}}]
    rewrite: {uriRegexRewrite: {match: '^/service/([^/]+)(/.*)$', rewrite: '\\2/instance/\\1'}}
    route: [{destination: {host: reviews, subset: v1}}]
`);
    const res = await send(gw.url, { path: '/service/foo/bar?x=1' });
    expect(res.status).toBe(200);
    expect(v1.requests[0]?.url).toBe('/bar/instance/foo?x=1');
    expect(v1.requests[0]?.headers['x-envoy-original-path']).toBe('/service/foo/bar?x=1');
  });
});

describe('redirect (istio.io VirtualService HTTPRedirect; Envoy RedirectAction)', () => {
  it('builds Location from scheme, host, port or derivePort, uri and query, with redirectCode', async () => {
    install(`  - match: [{uri: {exact: /keep}}]
    redirect: {uri: /new}
  - match: [{uri: {exact: /port}}]
    redirect: {scheme: https, port: 8443, redirectCode: 302}
  - match: [{uri: {exact: /derive}}]
    redirect: {authority: other.example, derivePort: FROM_REQUEST_PORT, redirectCode: 307}
  - match: [{uri: {exact: /default}}]
    redirect: {scheme: https, derivePort: FROM_PROTOCOL_DEFAULT, redirectCode: 308}
  - match: [{uri: {exact: /query}}]
    redirect: {uri: '/new?x=y'}
`);
    const location = async (path: string) => {
      const res = await send(gw.url, { path, headers: { host: 'example.com:8080' } });
      return [res.status, res.headers.location];
    };
    expect(await location('/keep?q=1')).toEqual([301, 'http://example.com:8080/new?q=1']);
    expect(await location('/port')).toEqual([302, 'https://example.com:8443/port']);
    // FROM_REQUEST_PORT at a gateway: the Gateway server's port (8080 here), whatever the client dialled.
    expect(await location('/derive')).toEqual([307, 'http://other.example:8080/derive']);
    expect(await location('/default')).toEqual([308, 'https://example.com/default']);
    expect(await location('/query?q=1')).toEqual([301, 'http://example.com:8080/new?x=y']);
    expect(v1.requests.length + v2.requests.length).toBe(0);
  });
});
