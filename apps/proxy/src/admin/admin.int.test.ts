// The admin listener over real HTTP, as Envoy's admin answers (Envoy docs operations/admin:
// /ready, /config_dump, /clusters, /stats/prometheus; Istio's standard metrics).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../testing/client.js';
import { gatewayYaml, service, startGateway, type TestGateway } from '../testing/mesh.js';
import { startUpstream, type Upstream } from '../testing/upstreams.js';
import { startAdmin } from './admin.js';

let gw: TestGateway;
let admin: Server;
let adminUrl: string;
let good: Upstream;
let bad: Upstream;

beforeAll(async () => {
  gw = await startGateway();
  [good, bad] = await Promise.all([startUpstream('good'), startUpstream('bad')]);
  admin = await startAdmin({ runtime: gw.runtime }, '127.0.0.1', 0);
  adminUrl = `http://127.0.0.1:${(admin.address() as AddressInfo).port}`;
});
afterAll(async () => {
  admin.closeAllConnections();
  admin.close();
  await gw.close();
  await Promise.all([good.close(), bad.close()]);
});

const getJson = async (path: string) => JSON.parse((await send(adminUrl, { path })).body);

describe('admin listener (Envoy operations/admin)', () => {
  it('/ready answers 503 before any config and 200 LIVE after', async () => {
    const before = await send(adminUrl, { path: '/ready' });
    expect(before.status).toBe(503);
    gw.install(
      `${gatewayYaml('  - route: [{destination: {host: reviews}}]\n')}---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
  trafficPolicy:
    loadBalancer: {simple: ROUND_ROBIN}
    connectionPool: {http: {http2MaxRequests: 10}}
    outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 50}
`,
      [service('reviews', [{ upstream: good }, { upstream: bad }])],
    );
    const after = await send(adminUrl, { path: '/ready' });
    expect([after.status, after.body.trim()]).toEqual([200, 'LIVE']);
  });

  it('/config_dump shows the snapshot in use and its version', async () => {
    const dump = await getJson('/config_dump');
    expect(dump.version).toBe(gw.runtime.tables.current()?.version);
    expect(dump.snapshot.resources.map((r: { kind: string }) => r.kind).sort()).toEqual(['DestinationRule', 'Gateway', 'VirtualService']);
  });

  it('/clusters lists each destination with its endpoints, health, ejections, active requests and pool use', async () => {
    bad.behave({ status: 500 });
    for (let i = 0; i < 6; i++) await send(gw.url, { path: '/reviews/1' });
    const clusters = await getJson('/clusters');
    const cluster = clusters.find((c: { cluster: string }) => c.cluster.startsWith('reviews.default.svc.cluster.local|9080|'));
    expect(cluster.balancer).toBe('ROUND_ROBIN');
    expect(cluster.pool.limits.maxRequests).toBe(10);
    const byHost = Object.fromEntries(cluster.endpoints.map((e: { host: string }) => [e.host, e]));
    expect(Object.keys(byHost).sort()).toEqual([`127.0.0.1:${bad.port}`, `127.0.0.1:${good.port}`].sort());
    expect(byHost[`127.0.0.1:${bad.port}`]).toMatchObject({ ejected: true, ejectionCount: 1, active: 0 });
    expect(byHost[`127.0.0.1:${good.port}`]).toMatchObject({ ejected: false, active: 0 });
  });

  it("/stats/prometheus exposes Envoy's cluster stats and Istio's standard metrics", async () => {
    const res = await send(adminUrl, { path: '/stats/prometheus' });
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/plain');
    expect(res.body).toMatch(/^envoy_cluster_outlier_detection_ejections_active\{cluster_name="reviews[^"]*"\} 1$/m);
    expect(res.body).toMatch(/^istio_requests_total\{.*response_code="500".*\} \d+$/m);
    expect(res.body).toMatch(/^istio_request_duration_milliseconds_bucket\{.*le="\+Inf"\} \d+$/m);
  });
  it('/clusters lists the endpoints of a destination without outlier detection too', async () => {
    gw.install(gatewayYaml('  - route: [{destination: {host: ratings}}]\n'), [service('ratings', [{ upstream: good }])]);
    await send(gw.url, { path: '/ratings/1' });
    const clusters = await getJson('/clusters');
    const cluster = clusters.find((c: { cluster: string }) => c.cluster.startsWith('ratings.default.svc.cluster.local|'));
    expect(cluster.endpoints.map((e: { host: string }) => e.host)).toEqual([`127.0.0.1:${good.port}`]);
  });

});
