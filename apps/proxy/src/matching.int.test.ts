// Request matching at a sidecar's outbound listener, addressed by Host header and by
// absolute-form targets (as HTTP_PROXY clients send them), over real HTTP: every
// HTTPMatchRequest kind, OR across match blocks and AND within one, and the outbound
// traffic policy for hosts in no registry (istio.io VirtualService HTTPMatchRequest;
// MeshConfig outboundTrafficPolicy).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { send } from './testing/client.js';
import { outboundListener, service, startGateway, type TestGateway } from './testing/mesh.js';
import { startUpstream, type Upstream } from './testing/upstreams.js';

let sc: TestGateway;
let reviews: Upstream;
let ratingsSidecar: { url: string };

beforeAll(async () => {
  sc = await startGateway({}, outboundListener('productpage-v1'));
  ratingsSidecar = await sc.listen(outboundListener('ratings-v1'));
  reviews = await startUpstream('reviews-v1');
});
afterAll(async () => {
  await sc.close();
  await reviews.close();
});
afterEach(() => {
  reviews.requests.length = 0;
});

/** A mesh VirtualService for reviews whose rules answer their own name; the last rule answers `default`. */
function rules(http: string, extra = '') {
  sc.install(
    `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
${extra}  http:
${http}  - directResponse: {status: 200, body: {string: default}}
`,
    [service('reviews', [{ upstream: reviews }])],
  );
}

const answer = (name: string) => `    directResponse: {status: 200, body: {string: ${name}}}\n`;

/**
 * The rule a request lands on, asked twice: with a Host header, and in absolute form with a
 * misleading Host (RFC 9112 §3.2.2: a proxy uses the target's authority). Both must agree.
 */
async function ruleFor(path: string, options: { headers?: Record<string, string>; method?: string; host?: string; url?: string } = {}) {
  const host = options.host ?? 'reviews:9080';
  const url = options.url ?? sc.url;
  const method = options.method ?? 'GET';
  const byHost = await send(url, { method, path, headers: { ...options.headers, host } });
  const absolute = await send(url, { method, path: `http://${host}${path}`, headers: { ...options.headers, host: 'elsewhere.example:1' } });
  expect(absolute.body).toBe(byHost.body);
  return byHost.body;
}

describe('HTTPMatchRequest at a sidecar (istio.io VirtualService HTTPMatchRequest)', () => {
  it('uri exact, prefix and regex (whole path, RE2); ignoreUriCase applies to exact and prefix only', async () => {
    rules(`  - match: [{uri: {exact: /Exact}, ignoreUriCase: true}]
${answer('exact')}  - match: [{uri: {prefix: /Pre}, ignoreUriCase: true}]
${answer('prefix')}  - match: [{uri: {regex: '/Re[0-9]+'}, ignoreUriCase: true}]
${answer('regex')}`);
    expect(await ruleFor('/exact')).toBe('exact');
    expect(await ruleFor('/EXACT?x=1')).toBe('exact');
    expect(await ruleFor('/exact/more')).toBe('default');
    expect(await ruleFor('/PREfix/x')).toBe('prefix');
    expect(await ruleFor('/Re12')).toBe('regex');
    expect(await ruleFor('/re12')).toBe('default');
    expect(await ruleFor('/Re12x')).toBe('default');
  });

  it('headers: presence ({}), exact, prefix and whole-value regex; withoutHeaders inverts', async () => {
    rules(`  - match: [{headers: {x-present: {}}}]
${answer('present')}  - match: [{headers: {x-exact: {exact: Jason}}}]
${answer('exact')}  - match: [{headers: {x-prefix: {prefix: ab}}}]
${answer('prefix')}  - match: [{headers: {x-regex: {regex: '[0-9]{3}'}}}]
${answer('regex')}  - match: [{headers: {x-user: {exact: me}}, withoutHeaders: {x-block: {}}}]
${answer('without')}`);
    expect(await ruleFor('/', { headers: { 'x-present': '' } })).toBe('present');
    expect(await ruleFor('/', { headers: { 'x-exact': 'Jason' } })).toBe('exact');
    expect(await ruleFor('/', { headers: { 'x-exact': 'jason' } })).toBe('default');
    expect(await ruleFor('/', { headers: { 'x-prefix': 'abc' } })).toBe('prefix');
    expect(await ruleFor('/', { headers: { 'x-regex': '123' } })).toBe('regex');
    expect(await ruleFor('/', { headers: { 'x-regex': '1234' } })).toBe('default');
    expect(await ruleFor('/', { headers: { 'x-user': 'me' } })).toBe('without');
    expect(await ruleFor('/', { headers: { 'x-user': 'me', 'x-block': '1' } })).toBe('default');
  });

  it('queryParams exact, prefix and regex on the decoded first value', async () => {
    rules(`  - match: [{queryParams: {q: {exact: 'a b'}}}]
${answer('exact')}  - match: [{queryParams: {p: {prefix: pre}}}]
${answer('prefix')}  - match: [{queryParams: {r: {regex: '\\d+'}}}]
${answer('regex')}`);
    expect(await ruleFor('/?q=a%20b')).toBe('exact');
    expect(await ruleFor('/?x=1&p=prefix')).toBe('prefix');
    expect(await ruleFor('/?r=123')).toBe('regex');
    expect(await ruleFor('/?r=a123')).toBe('default');
    expect(await ruleFor('/?q=a')).toBe('default');
  });

  it('method, authority and port', async () => {
    rules(`  - match: [{method: {exact: POST}}]
${answer('method')}  - match: [{port: 9081}]
${answer('port')}  - match: [{authority: {regex: 'reviews\\.default(:\\d+)?'}}]
${answer('authority')}`);
    expect(await ruleFor('/', { method: 'POST' })).toBe('method');
    expect(await ruleFor('/', { host: 'reviews:9081' })).toBe('port');
    expect(await ruleFor('/', { host: 'reviews.default:9080' })).toBe('authority');
    expect(await ruleFor('/')).toBe('default');
  });

  it('scheme: a plaintext listener sees http (Envoy :scheme from the downstream connection)', async () => {
    rules(`  - match: [{scheme: {exact: https}}]
${answer('https')}  - match: [{uri: {prefix: /s}, scheme: {exact: http}}]
${answer('http')}`);
    expect(await ruleFor('/s')).toBe('http');
    expect(await ruleFor('/')).toBe('default');
  });

  it('sourceLabels select the calling workload', async () => {
    rules(`  - match: [{sourceLabels: {app: ratings}}]
${answer('from-ratings')}`);
    expect(await ruleFor('/')).toBe('default');
    expect(await ruleFor('/', { url: ratingsSidecar.url })).toBe('from-ratings');
  });

  it('ORs match blocks and ANDs the conditions inside one', async () => {
    rules(`  - match:
    - {uri: {prefix: /and}, headers: {x-a: {exact: '1'}}}
    - {queryParams: {or: {exact: 'yes'}}}
${answer('hit')}`);
    expect(await ruleFor('/and/x', { headers: { 'x-a': '1' } })).toBe('hit');
    expect(await ruleFor('/and/x')).toBe('default');
    expect(await ruleFor('/other', { headers: { 'x-a': '1' } })).toBe('default');
    expect(await ruleFor('/other?or=yes')).toBe('hit');
  });

  it('match.gateways overrides the VirtualService gateways per match (mesh vs a gateway)', async () => {
    const gw = await startGateway();
    try {
      const yaml = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: bookinfo-gateway}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 8080, name: http, protocol: HTTP}, hosts: ['*']}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  gateways: [bookinfo-gateway, mesh]
  http:
  - match: [{gateways: [mesh], uri: {prefix: /}}]
${answer('mesh')}  - match: [{gateways: [bookinfo-gateway], uri: {prefix: /}}]
${answer('gateway')}`;
      const services = [service('reviews', [{ upstream: reviews }])];
      sc.install(yaml, services);
      gw.install(yaml, services);
      expect(await ruleFor('/')).toBe('mesh');
      expect((await send(gw.url, { path: '/', headers: { host: 'reviews.default.svc.cluster.local' } })).body).toBe('gateway');
    } finally {
      await gw.close();
    }
  });

  it('routes an absolute-form target to the destination with its authority as Host (RFC 9112 §3.2.2)', async () => {
    sc.install(
      `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: reviews}}]}]
`,
      [service('reviews', [{ upstream: reviews }])],
    );
    const res = await send(sc.url, { path: 'http://reviews:9080/r/1?x=2', headers: { host: 'wrong.example' } });
    expect([res.status, res.upstream]).toEqual([200, 'reviews-v1']);
    expect(reviews.requests[0]?.url).toBe('/r/1?x=2');
    expect(reviews.requests[0]?.headers.host).toBe('reviews:9080');
  });
});

describe('hosts in no registry (MeshConfig outboundTrafficPolicy)', () => {
  it('ALLOW_ANY passes an unknown host through as a plain HTTP proxy would, by Host and in absolute form', async () => {
    rules('');
    const target = `127.0.0.1:${reviews.port}`;
    const byHost = await send(sc.url, { path: '/direct?a=1', headers: { host: target } });
    const absolute = await send(sc.url, { path: `http://${target}/abs`, headers: { host: 'elsewhere.example' } });
    expect([byHost.status, byHost.upstream, absolute.status, absolute.upstream]).toEqual([200, 'reviews-v1', 200, 'reviews-v1']);
    expect(reviews.requests.map((r) => [r.url, r.headers.host])).toEqual([
      ['/direct?a=1', target],
      ['/abs', target],
    ]);
  });

  it('REGISTRY_ONLY answers 502 for a host in no registry and still routes known ones', async () => {
    sc.install(
      `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: reviews}}]}]
`,
      [service('reviews', [{ upstream: reviews }])],
      { outboundTrafficPolicy: 'REGISTRY_ONLY', shadowHostSuffix: true },
    );
    const blocked = await send(sc.url, { path: `http://127.0.0.1:${reviews.port}/x` });
    expect(blocked.status).toBe(502);
    expect(reviews.requests).toHaveLength(0);
    expect((await send(sc.url, { path: '/x', headers: { host: 'reviews' } })).upstream).toBe('reviews-v1');
  });
});
