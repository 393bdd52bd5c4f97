// The headers the proxy adds, keeps and strips, over real HTTP (istio-semantics.md §6; Envoy
// config/http/http_conn_man/headers and router_filter headers; RFC 9110 §7.6.1 hop-by-hop;
// DESIGN.md "Registry and identity" for the peer-metadata header).
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodePeer, PEER_HEADER } from './listeners/identity.js';
import { createProxyRuntime, type ProxyRuntime } from './runtime.js';
import { send } from './testing/client.js';
import { gatewayYaml, service, snapshotOf, startGateway, startSidecar, type TestGateway } from './testing/mesh.js';
import { startUpstream, type Upstream } from './testing/upstreams.js';

let gw: TestGateway;
let sc: TestGateway;
let app: Upstream;

beforeAll(async () => {
  [gw, sc, app] = await Promise.all([startGateway(), startSidecar('productpage-v1'), startUpstream('reviews-v1')]);
});
afterAll(async () => {
  await Promise.all([gw.close(), sc.close(), app.close()]);
});
afterEach(() => {
  app.behave({});
  app.requests.length = 0;
});

const routeTo = (target: TestGateway, rule = '') =>
  target.install(gatewayYaml(`  - route: [{destination: {host: reviews}}]\n${rule}`), [service('reviews', [{ upstream: app }])]);
const seen = () => app.requests[app.requests.length - 1]?.headers ?? {};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request id and Envoy headers (istio-semantics.md §6)', () => {
  it('x-request-id is generated (UUID v4) when absent and kept when present, at the gateway and at a sidecar', async () => {
    routeTo(gw);
    routeTo(sc);
    await send(gw.url, { path: '/r' });
    expect(seen()['x-request-id']).toMatch(UUID);
    await send(gw.url, { path: '/r', headers: { 'x-request-id': 'abc-123' } });
    expect(seen()['x-request-id']).toBe('abc-123');
    await send(sc.url, { path: '/r', headers: { host: 'reviews:9080', 'x-request-id': 'from-app' } });
    expect(seen()['x-request-id']).toBe('from-app');
    expect(gw.runtime.accessLog.recent(2).map((l) => l.request_id)[1]).toBe('abc-123');
  });

  it('x-envoy-upstream-service-time on responses; x-envoy-attempt-count and x-envoy-expected-rq-timeout-ms upstream', async () => {
    app.behave({ delayMs: 60 });
    routeTo(gw, '    timeout: 3s\n');
    const res = await send(gw.url, { path: '/r' });
    expect(Number(res.headers['x-envoy-upstream-service-time'])).toBeGreaterThanOrEqual(55);
    expect(Number(res.headers['x-envoy-upstream-service-time'])).toBeLessThan(1000);
    expect([seen()['x-envoy-attempt-count'], seen()['x-envoy-expected-rq-timeout-ms']]).toEqual(['1', '3000']);
    // No route timeout (Istio's default): no expected timeout to announce.
    routeTo(gw);
    await send(gw.url, { path: '/r' });
    expect(seen()['x-envoy-expected-rq-timeout-ms']).toBeUndefined();
  });

  it('x-forwarded-for gets the client address appended and x-forwarded-proto is set at the gateway', async () => {
    routeTo(gw);
    await send(gw.url, { path: '/r', headers: { 'x-forwarded-for': '10.0.0.1' } });
    expect([seen()['x-forwarded-for'], seen()['x-forwarded-proto']]).toEqual(['10.0.0.1, 127.0.0.1', 'http']);
    await send(gw.url, { path: '/r' });
    expect(seen()['x-forwarded-for']).toBe('127.0.0.1');
  });

  it('hop-by-hop headers are stripped both ways, with those the Connection header names (RFC 9110 §7.6.1)', async () => {
    app.behave({ headers: { connection: 'keep-alive, x-hop-down', 'x-hop-down': '1', 'proxy-authenticate': 'Basic', 'x-end-to-end': 'kept' } });
    routeTo(gw);
    const res = await send(gw.url, {
      path: '/r',
      headers: { connection: 'keep-alive, x-hop-up', 'x-hop-up': '1', 'keep-alive': 'timeout=5', 'proxy-authorization': 'Basic eA==', 'x-end-to-end': 'kept' },
    });
    const up = seen();
    expect([up['x-hop-up'], up['keep-alive'], up['proxy-authorization'], up['x-end-to-end']]).toEqual([undefined, undefined, undefined, 'kept']);
    expect([res.headers['x-hop-down'], res.headers['proxy-authenticate'], res.headers['x-end-to-end']]).toEqual([undefined, undefined, 'kept']);
  });
  it('a chunked request body (Transfer-Encoding, no Content-Length) reaches the upstream whole, its framing header not forwarded (RFC 9112 §6.1)', async () => {
    routeTo(gw);
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(`${gw.url}/r`, { method: 'POST', headers: { 'content-type': 'text/plain' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(String(res.statusCode)));
      });
      req.on('error', reject);
      // Two writes before end: Node sends them as chunks with Transfer-Encoding: chunked.
      req.write('first part, ');
      setTimeout(() => req.end('second part'), 20);
    });
    const up = app.requests[app.requests.length - 1];
    expect([body, up?.body, up?.headers['transfer-encoding'] === 'chunked' && up?.headers['content-length'] !== undefined]).toEqual(['200', 'first part, second part', false]);
  });

  it('Expect: 100-continue is answered by the proxy and not forwarded (Envoy http_conn_man proxy_100_continue off)', async () => {
    routeTo(gw);
    const res = await send(gw.url, { method: 'POST', path: '/r', headers: { expect: '100-continue', 'content-type': 'text/plain' }, body: 'hello' });
    expect(res.status).toBe(200);
    expect([seen().expect, app.requests[app.requests.length - 1]?.body]).toEqual([undefined, 'hello']);
  });
});

describe('peer metadata (DESIGN.md "Registry and identity")', () => {
  let inbound: { runtime: ProxyRuntime; server: Server; port: number };

  beforeAll(async () => {
    const runtime = createProxyRuntime();
    const self = { workload: 'reviews-v1', app: 'reviews', version: 'v1', namespace: 'default' };
    const server = createServer(runtime.inboundHandler({ self, appAddress: '127.0.0.1', appPort: app.port }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    inbound = { runtime, server, port: (server.address() as AddressInfo).port };
  });
  afterAll(() => {
    inbound.runtime.close();
    inbound.server.closeAllConnections();
    inbound.server.close();
  });

  it('the gateway replaces an outside client’s peer metadata with its own; the inbound listener strips it before the app and reports the caller from it', async () => {
    const forged = Buffer.from(JSON.stringify({ workload: 'admin', namespace: 'kube-system', app: 'admin', version: 'v1' })).toString('base64url');
    // Direct to the app: what the gateway sends upstream.
    routeTo(gw);
    await send(gw.url, { path: '/r', headers: { [PEER_HEADER]: forged } });
    expect(decodePeer(seen()[PEER_HEADER])?.workload).toBe('istio-ingressgateway');
    // Through the app's sidecar: the app never sees the header; the sidecar names the gateway.
    const viaSidecar = [{ upstream: { name: 'reviews-v1', port: inbound.port } as Upstream }];
    gw.install(gatewayYaml('  - route: [{destination: {host: reviews}}]\n'), [service('reviews', viaSidecar)]);
    inbound.runtime.tables.install(snapshotOf(gatewayYaml('  - route: [{destination: {host: reviews}}]\n'), [service('reviews', viaSidecar)]));
    const res = await send(gw.url, { path: '/r', headers: { [PEER_HEADER]: forged } });
    expect(res.status).toBe(200);
    expect(seen()[PEER_HEADER]).toBeUndefined();
    const log = inbound.runtime.accessLog.recent(1)[0];
    expect([log?.source_workload, log?.source_namespace]).toEqual(['istio-ingressgateway', 'istio-system']);
  });
});
