// Rudder's own API: multi-document apply (all or nothing), revisions (history, diff,
// rollback) and the registry, over real HTTP.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../testing/harness.js';

const corpus = join(import.meta.dirname, '../../../../../shared/testdata/istio-bookinfo');
const VS = '/apis/networking.istio.io/v1/namespaces/default/virtualservices';
const DR = '/apis/networking.istio.io/v1/namespaces/default/destinationrules';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ healthIntervalMs: 50 });
});
afterAll(() => h.close());

describe('POST /rudder/v1/apply', () => {
  it('applies a multi-document YAML, then reports unchanged and configured', async () => {
    const yaml = readFileSync(join(corpus, 'destination-rule-all.yaml'), 'utf8');
    const first = await h.call('POST', '/rudder/v1/apply', { body: yaml });
    expect(first.status, first.text).toBe(200);
    expect(first.json.items.map((i: { name: string; action: string }) => `${i.name}:${i.action}`)).toEqual([
      'productpage:created',
      'reviews:created',
      'ratings:created',
      'details:created',
    ]);
    const again = await h.call('POST', '/rudder/v1/apply', { body: yaml });
    expect(again.json.items.every((i: { action: string }) => i.action === 'unchanged')).toBe(true);
    const changed = await h.call('POST', '/rudder/v1/apply', { body: yaml.replace('version: v3', 'version: v3b') });
    expect(changed.json.items.find((i: { name: string }) => i.name === 'reviews').action).toBe('configured');
  });

  it('is all or nothing: one invalid document stores nothing and every problem is listed per document', async () => {
    const before = (await h.call('GET', VS)).json.items.length;
    const yaml = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: good-one}
spec: {hosts: [a], http: [{route: [{destination: {host: a}}]}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: bad-one}
spec: {hosts: [b], http: [{route: [{destination: {host: b}, weight: "10"}]}]}
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: nope}
`;
    const res = await h.call('POST', '/rudder/v1/apply', { body: yaml });
    expect(res.status).toBe(422);
    const fields = res.json.details.causes.map((c: { field: string }) => c.field);
    expect(fields).toEqual(['documents[1].spec.http[0].route[0].weight', 'documents[2].kind']);
    expect(res.json.details.causes[0].message).toMatch(/VirtualService default\/bad-one: Invalid value: "10"/);
    expect((await h.call('GET', VS)).json.items.length).toBe(before);
    expect((await h.call('GET', `${VS}/good-one`)).status).toBe(404);
  });

  it('a failure while storing rolls back the whole batch', async () => {
    // Two documents for the same new name: the second create would be a conflict inside the batch;
    // apply treats it as an update, so use an explicit stale resourceVersion to force a failure.
    const yaml = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: batch-a}
spec: {hosts: [a], http: [{route: [{destination: {host: a}}]}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, resourceVersion: "1"}
spec: {host: reviews}
`;
    const res = await h.call('POST', '/rudder/v1/apply', { body: yaml });
    expect(res.status).toBe(409);
    expect((await h.call('GET', `${VS}/batch-a`)).status).toBe(404);
  });

  it('dry run validates and stores nothing', async () => {
    const res = await h.call('POST', '/rudder/v1/apply?dryRun=All', {
      body: { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'dry' }, spec: { hosts: ['d'], http: [{ route: [{ destination: { host: 'd' } }] }] } },
    });
    expect(res.status).toBe(200);
    expect(res.json.dryRun).toBe(true);
    expect((await h.call('GET', `${VS}/dry`)).status).toBe(404);
  });
});

describe('revisions', () => {
  it('lists history with who and when, diffs two revisions, and rolls back as a new revision', async () => {
    const body = (weight: number) => ({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'hist' },
      spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight }] }] },
    });
    const v1 = (await h.call('POST', VS, { body: body(100), headers: { 'kubectl-command': 'kubectl create' } })).json;
    await h.call('PUT', `${VS}/hist`, { body: body(70) });
    const history = await h.call('GET', '/rudder/v1/revisions?kind=VirtualService&namespace=default&name=hist');
    expect(history.json.items.map((i: { type: string }) => i.type)).toEqual(['MODIFIED', 'ADDED']);
    expect(history.json.items[1].actor).toBe('admin (kubectl create)');
    expect(history.json.items[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const latest = history.json.items[0].resourceVersion;
    const diff = await h.call('GET', `/rudder/v1/revisions/${latest}/diff`);
    expect(diff.text).toMatch(/^-\s+weight: 100$/m);
    expect(diff.text).toMatch(/^\+\s+weight: 70$/m);

    const rollback = await h.call('POST', `/rudder/v1/revisions/${v1.metadata.resourceVersion}/rollback`);
    expect(rollback.status).toBe(200);
    expect(rollback.json.spec.http[0].route[0].weight).toBe(100);
    expect(Number(rollback.json.metadata.resourceVersion)).toBeGreaterThan(Number(latest));
    const after = await h.call('GET', '/rudder/v1/revisions?kind=VirtualService&namespace=default&name=hist');
    expect(after.json.items).toHaveLength(3);
    expect(after.json.items[0].actor).toMatch(/rollback to/);

    await h.call('DELETE', `${VS}/hist`);
    const restored = await h.call('POST', `/rudder/v1/revisions/${latest}/rollback`);
    expect(restored.status).toBe(201);
    expect(restored.json.spec.http[0].route[0].weight).toBe(70);
    expect((await h.call('GET', '/rudder/v1/revisions/999999')).status).toBe(404);
  });
});

describe('registry', () => {
  it('registers services, workloads and instances; resolves endpoints; health follows heartbeats', async () => {
    expect((await h.call('PUT', '/rudder/v1/registry/services/default/ratings', { body: { name: 'ratings', ports: [{ name: 'http', port: 9080 }], selector: { app: 'ratings' } } })).status).toBe(200);
    await h.call('PUT', '/rudder/v1/registry/workloads/default/ratings-v1', { body: { name: 'ratings-v1', labels: { app: 'ratings', version: 'v1' } } });
    const inst = await h.call('PUT', '/rudder/v1/registry/instances/default/ratings-v1-1', {
      body: { name: 'ratings-v1-1', workload: 'ratings-v1', address: '127.0.0.1', port: 40001, proxy: 'sidecar-1', ttlSeconds: 1 },
    });
    expect(inst.status, inst.text).toBe(200);
    expect(inst.json.health).toBe('Healthy');

    const resolved = await h.call('GET', '/rudder/v1/registry/resolved');
    const ratings = resolved.json.services.find((s: { host: string }) => s.host === 'ratings.default.svc.cluster.local');
    expect(ratings.endpoints).toMatchObject([{ address: '127.0.0.1', port: 40001, workload: 'ratings-v1', labels: { version: 'v1' } }]);

    await new Promise((r) => setTimeout(r, 1300));
    const stale = await h.call('GET', '/rudder/v1/registry');
    expect(stale.json.instances.find((i: { name: string }) => i.name === 'ratings-v1-1').health).toBe('Unhealthy');
    await h.call('POST', '/rudder/v1/registry/instances/default/ratings-v1-1/heartbeat');
    const fresh = await h.call('GET', '/rudder/v1/registry');
    expect(fresh.json.instances.find((i: { name: string }) => i.name === 'ratings-v1-1').health).toBe('Healthy');
  });

  it('refuses bad bodies with field paths and unknown workloads', async () => {
    const bad = await h.call('PUT', '/rudder/v1/registry/services/default/x', { body: { name: 'x', ports: [{ port: 70000 }], selector: {} } });
    expect(bad.status).toBe(422);
    expect(bad.json.details.causes[0].field).toBe('ports[0].port');
    const orphan = await h.call('PUT', '/rudder/v1/registry/instances/default/o-1', { body: { name: 'o-1', workload: 'nope', address: '127.0.0.1', port: 1 } });
    expect(orphan.status).toBe(422);
    expect((await h.call('PUT', '/rudder/v1/registry/workloads/default/a', { body: { name: 'b', labels: {} } })).status).toBe(400);
  });

  it('Istio config resets never touch the registry, and a WorkloadEntry joins a service by labels', async () => {
    await h.call('POST', '/apis/networking.istio.io/v1/namespaces/default/workloadentries', {
      body: { apiVersion: 'networking.istio.io/v1', kind: 'WorkloadEntry', metadata: { name: 'ratings-vm' }, spec: { address: '10.0.0.5', labels: { app: 'ratings', version: 'vm' } } },
    });
    const resolved = await h.call('GET', '/rudder/v1/registry/resolved');
    const ratings = resolved.json.services.find((s: { host: string }) => s.host === 'ratings.default.svc.cluster.local');
    expect(ratings.endpoints.map((e: { name: string }) => e.name).sort()).toEqual(['ratings-v1-1', 'ratings-vm']);
    await h.call('DELETE', '/apis/networking.istio.io/v1/namespaces/default/workloadentries/ratings-vm');
    expect((await h.call('GET', '/rudder/v1/registry')).json.services.map((s: { name: string }) => s.name)).toContain('ratings');
  });
});

it('DestinationRule list is still there after the apply tests', async () => {
  expect((await h.call('GET', DR)).json.items.length).toBe(4);
});
