// The Kubernetes-style API for Istio kinds, over real HTTP against a server on a random
// port with a real SQLite file.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseYamlDocuments, printYaml } from '@rudder/shared/yaml';
import { type Harness, startHarness } from '../testing/harness.js';

const corpus = join(import.meta.dirname, '../../../../shared/testdata/istio-bookinfo');
const BASE = '/apis/networking.istio.io';
const VS = `${BASE}/v1/namespaces/default/virtualservices`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const reviews = (weight: unknown = 100, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', ...extra },
  spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight }] }] },
});

async function reset() {
  const list = await h.call('GET', `${BASE}/v1/virtualservices`);
  for (const item of list.json.items) await h.call('DELETE', `${VS.replace('default', item.metadata.namespace)}/${item.metadata.name}`);
}

describe('every networking.istio.io document of the Bookinfo corpus', () => {
  const docs = readdirSync(corpus)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((file) => parseYamlDocuments(readFileSync(join(corpus, file), 'utf8')).map((doc) => ({ file, doc: doc as Record<string, any> })))
    .filter(({ doc }) => String(doc.apiVersion).startsWith('networking.istio.io/'));

  it('is accepted in the apiVersion it names, round-trips, and is served in every version', async () => {
    expect(docs.length).toBeGreaterThanOrEqual(25);
    const plurals: Record<string, string> = {
      VirtualService: 'virtualservices',
      DestinationRule: 'destinationrules',
      Gateway: 'gateways',
      ServiceEntry: 'serviceentries',
    };
    for (const { file, doc } of docs) {
      const version = String(doc.apiVersion).split('/')[1];
      const ns = doc.metadata.namespace ?? 'default';
      const path = `${BASE}/${version}/namespaces/${ns}/${plurals[doc.kind]}`;
      // The same name appears in several files (each a variant of one resource): replace it.
      await h.call('DELETE', `${path}/${doc.metadata.name}`);
      const created = await h.call('POST', path, { body: printYaml(doc) });
      expect(created.status, `${file}: ${created.text}`).toBe(201);
      for (const served of ['v1', 'v1beta1', 'v1alpha3']) {
        const got = await h.call('GET', `${BASE}/${served}/namespaces/${ns}/${plurals[doc.kind]}/${doc.metadata.name}`);
        expect(got.status, file).toBe(200);
        expect(got.json.apiVersion).toBe(`networking.istio.io/${served}`);
        expect(got.json.spec, file).toEqual(doc.spec);
      }
    }
    const certmanager = await h.call('GET', `${BASE}/v1/namespaces/istio-system/gateways/cert-manager-gateway`);
    expect(certmanager.status).toBe(200);
  });
});

describe('writes', () => {
  beforeEach(reset);

  it('POST sets server fields and answers 201; a second POST is AlreadyExists', async () => {
    const created = await h.call('POST', VS, { body: reviews() });
    expect(created.status).toBe(201);
    expect(created.json.metadata).toMatchObject({ name: 'reviews', namespace: 'default', generation: 1 });
    expect(created.json.metadata.uid).toBeTruthy();
    const again = await h.call('POST', VS, { body: reviews() });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ kind: 'Status', reason: 'AlreadyExists', code: 409 });
  });

  it('GET of a missing object is a NotFound Status in kubectl wording', async () => {
    const missing = await h.call('GET', `${VS}/nosuch`);
    expect(missing.status).toBe(404);
    expect(missing.json.message).toBe('virtualservices.networking.istio.io "nosuch" not found');
  });

  it('PUT with a stale resourceVersion conflicts; with the current one succeeds and bumps generation', async () => {
    const created = (await h.call('POST', VS, { body: reviews() })).json;
    const updated = await h.call('PUT', `${VS}/reviews`, { body: { ...reviews(50), metadata: created.metadata } });
    expect(updated.status).toBe(200);
    expect(updated.json.metadata.generation).toBe(2);
    const stale = await h.call('PUT', `${VS}/reviews`, { body: { ...reviews(20), metadata: created.metadata } });
    expect(stale.status).toBe(409);
    expect(stale.json.reason).toBe('Conflict');
  });

  it('a write that changes nothing keeps the resourceVersion', async () => {
    const created = (await h.call('POST', VS, { body: reviews() })).json;
    const same = await h.call('PUT', `${VS}/reviews`, { body: reviews() });
    expect(same.json.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });

  it('merge patch (RFC 7386): arrays replaced whole, null deletes, RV in the body is a precondition', async () => {
    const created = (await h.call('POST', VS, { body: reviews(100, { labels: { team: 'a', old: 'x' } }) })).json;
    const patched = await h.call('PATCH', `${VS}/reviews`, {
      type: 'application/merge-patch+json',
      body: { metadata: { labels: { old: null, team: 'b' } }, spec: { http: [{ route: [{ destination: { host: 'reviews', subset: 'v2' } }] }] } },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.metadata.labels).toEqual({ team: 'b' });
    expect(patched.json.spec.http).toEqual([{ route: [{ destination: { host: 'reviews', subset: 'v2' } }] }]);
    const stale = await h.call('PATCH', `${VS}/reviews`, {
      type: 'application/merge-patch+json',
      body: { metadata: { resourceVersion: created.metadata.resourceVersion }, spec: { hosts: ['x'] } },
    });
    expect(stale.status).toBe(409);
  });

  it('JSON patch (RFC 6902), with a failing test op refused', async () => {
    await h.call('POST', VS, { body: reviews() });
    const patched = await h.call('PATCH', `${VS}/reviews`, {
      type: 'application/json-patch+json',
      body: [
        { op: 'replace', path: '/spec/http/0/route/0/weight', value: 80 },
        { op: 'add', path: '/spec/http/0/route/-', value: { destination: { host: 'reviews', subset: 'v2' }, weight: 20 } },
      ],
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json.spec.http[0].route.map((r: { weight: number }) => r.weight)).toEqual([80, 20]);
    const failing = await h.call('PATCH', `${VS}/reviews`, {
      type: 'application/json-patch+json',
      body: [{ op: 'test', path: '/spec/hosts/0', value: 'nope' }],
    });
    expect(failing.status).toBeGreaterThanOrEqual(400);
    expect((await h.call('GET', `${VS}/reviews`)).json.spec.http[0].route).toHaveLength(2);
  });

  it('strategic merge patch is refused with 415 and the media types Istio kinds accept', async () => {
    await h.call('POST', VS, { body: reviews() });
    const smp = await h.call('PATCH', `${VS}/reviews`, { type: 'application/strategic-merge-patch+json', body: { spec: {} } });
    expect(smp.status).toBe(415);
    expect(smp.json.message).toMatch(/application\/merge-patch\+json/);
  });

  it('server-side apply creates when absent (201) and replaces the spec when present', async () => {
    const first = await h.call('PATCH', `${VS}/reviews?fieldManager=kubectl`, { type: 'application/apply-patch+yaml', body: reviews() });
    expect(first.status).toBe(201);
    const second = await h.call('PATCH', `${VS}/reviews?fieldManager=kubectl`, { type: 'application/apply-patch+yaml', body: reviews(30) });
    expect(second.status).toBe(200);
    expect(second.json.spec.http[0].route[0].weight).toBe(30);
  });

  it('dryRun=All stores nothing on POST, PUT, PATCH and DELETE', async () => {
    const dry = await h.call('POST', `${VS}?dryRun=All`, { body: reviews() });
    expect(dry.status).toBe(201);
    expect((await h.call('GET', `${VS}/reviews`)).status).toBe(404);
    const created = (await h.call('POST', VS, { body: reviews() })).json;
    await h.call('PUT', `${VS}/reviews?dryRun=All`, { body: reviews(5) });
    await h.call('PATCH', `${VS}/reviews?dryRun=All`, { type: 'application/merge-patch+json', body: { spec: { hosts: ['x'] } } });
    await h.call('DELETE', `${VS}/reviews`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', dryRun: ['All'] } });
    const after = await h.call('GET', `${VS}/reviews`);
    expect(after.json).toEqual(created);
    expect((await h.call('POST', `${VS}?dryRun=Some`, { body: reviews() })).status).toBe(400);
  });

  it('DELETE answers the object, honours preconditions, and a following GET is 404', async () => {
    const created = (await h.call('POST', VS, { body: reviews() })).json;
    const wrong = await h.call('DELETE', `${VS}/reviews`, { body: { preconditions: { resourceVersion: '999999' } } });
    expect(wrong.status).toBe(409);
    const deleted = await h.call('DELETE', `${VS}/reviews`, { body: { preconditions: { uid: created.metadata.uid } } });
    expect(deleted.status).toBe(200);
    expect(deleted.json.metadata.name).toBe('reviews');
    expect((await h.call('GET', `${VS}/reviews`)).status).toBe(404);
  });

  it('refuses a namespace in the body that differs from the path', async () => {
    const res = await h.call('POST', VS, { body: reviews(100, { namespace: 'prod' }) });
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(/does not match the namespace/);
  });

  it('reads YAML bodies as kubectl does (YAML 1.1 booleans)', async () => {
    const yaml = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http:
  - match: [{uri: {prefix: /a}, ignoreUriCase: yes}]
    route: [{destination: {host: reviews}}]
`;
    const res = await h.call('POST', VS, { body: yaml });
    expect(res.status, res.text).toBe(201);
    expect(res.json.spec.http[0].match[0].ignoreUriCase).toBe(true);
    const broken = await h.call('POST', VS, { body: 'kind: [unclosed\n' });
    expect(broken.status).toBe(400);
    expect(broken.json.message).toMatch(/line \d+, column \d+/);
  });
});

describe('structural refusals through the API store nothing', () => {
  beforeEach(reset);

  it('unknown fields: Strict (default) 400 with every path, Warn stores and warns, Ignore stores silently', async () => {
    const misspelt = { ...reviews(), spec: { hosts: ['reviews'], htttp: [], http: [{ route: [{ destination: { host: 'reviews' }, wieght: 5 }] }] } };
    const strict = await h.call('POST', VS, { body: misspelt });
    expect(strict.status).toBe(400);
    expect(strict.json.reason).toBe('BadRequest');
    expect(strict.json.message).toBe(
      'VirtualService in version "v1" cannot be handled as a VirtualService: strict decoding error: unknown field "spec.htttp", unknown field "spec.http[0].route[0].wieght"',
    );
    expect((await h.call('GET', `${VS}/reviews`)).status).toBe(404);

    const warn = await h.call('POST', `${VS}?fieldValidation=Warn`, { body: misspelt });
    expect(warn.status).toBe(201);
    expect(warn.headers.get('warning')).toMatch(/299 - "unknown field \\"spec.htttp\\""/);
    expect(JSON.stringify(warn.json.spec)).not.toMatch(/htttp|wieght/);

    await reset();
    const ignore = await h.call('POST', `${VS}?fieldValidation=Ignore`, { body: misspelt });
    expect(ignore.status).toBe(201);
    // No unknown-field warning (Kiali's cross-checks may still warn: reviews is not registered here).
    expect(ignore.headers.get('warning') ?? '').not.toMatch(/unknown field/);
    expect((await h.call('POST', `${VS}?fieldValidation=Loose`, { body: reviews() })).status).toBe(400);
  });

  it('wrong types and bad enums: 422 Invalid with one cause per problem', async () => {
    const bad = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'bad-dr' },
      spec: { host: 'reviews', trafficPolicy: { loadBalancer: { simple: 'FASTEST' }, connectionPool: { tcp: { maxConnections: '1' } } } },
    };
    const res = await h.call('POST', `${BASE}/v1/namespaces/default/destinationrules`, { body: bad });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ reason: 'Invalid', details: { kind: 'DestinationRule', name: 'bad-dr', group: 'networking.istio.io' } });
    expect(res.json.details.causes.map((c: { field: string }) => c.field).sort()).toEqual([
      'spec.trafficPolicy.connectionPool.tcp.maxConnections',
      'spec.trafficPolicy.loadBalancer.simple',
    ]);
    expect((await h.call('GET', `${BASE}/v1/namespaces/default/destinationrules/bad-dr`)).status).toBe(404);
  });

  it('not-enforced settings are stored with a warning', async () => {
    const res = await h.call('POST', VS, { body: { ...reviews(), spec: { hosts: ['reviews'], tcp: [{ route: [{ destination: { host: 'reviews' } }] }] } } });
    expect(res.status).toBe(201);
    expect(res.headers.get('warning')).toMatch(/spec\.tcp/);
  });
});

describe('lists and selectors', () => {
  beforeAll(async () => {
    await reset();
    for (const [name, labels, ns] of [
      ['ratings', { app: 'ratings', version: 'v1' }, 'default'],
      ['reviews', { app: 'reviews', version: 'v2' }, 'default'],
      ['details', { app: 'details' }, 'prod'],
    ] as const) {
      await h.call('POST', `${BASE}/v1/namespaces/${ns}/virtualservices`, {
        body: { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name, labels }, spec: { hosts: [name], http: [{ route: [{ destination: { host: name } }] }] } },
      });
    }
  });

  const names = async (path: string) => (await h.call('GET', path)).json.items.map((i: { metadata: { name: string } }) => i.metadata.name);

  it('lists one namespace or all, with a list resourceVersion', async () => {
    expect(await names(VS)).toEqual(['ratings', 'reviews']);
    expect(await names(`${BASE}/v1/virtualservices`)).toEqual(['ratings', 'reviews', 'details']);
    const list = await h.call('GET', `${BASE}/v1beta1/namespaces/default/virtualservices`);
    expect(list.json).toMatchObject({ kind: 'VirtualServiceList', apiVersion: 'networking.istio.io/v1beta1' });
    expect(Number(list.json.metadata.resourceVersion)).toBeGreaterThan(0);
  });

  it('filters by label selector (full grammar) and field selector', async () => {
    expect(await names(`${VS}?labelSelector=${encodeURIComponent('app=ratings,version!=v2')}`)).toEqual(['ratings']);
    expect(await names(`${BASE}/v1/virtualservices?labelSelector=${encodeURIComponent('app in (reviews,details)')}`)).toEqual(['reviews', 'details']);
    expect(await names(`${BASE}/v1/virtualservices?labelSelector=!version`)).toEqual(['details']);
    expect(await names(`${BASE}/v1/virtualservices?fieldSelector=metadata.namespace%3Dprod`)).toEqual(['details']);
    expect(await names(`${VS}?fieldSelector=metadata.name%3Dreviews`)).toEqual(['reviews']);
    expect((await h.call('GET', `${VS}?fieldSelector=spec.hosts%3Dx`)).status).toBe(400);
  });
});

describe("Istio's semantic rules run on every write (shared/validation)", () => {
  beforeEach(reset);

  it('refuses what Istio refuses, with the field path, and stores nothing', async () => {
    const res = await h.call('POST', VS, { body: reviews(-5) });
    expect(res.status).toBe(422);
    expect(res.json.details.causes.map((c: { field: string }) => c.field)).toContain('spec.http[0].route[0].weight');
    expect((await h.call('GET', `${VS}/reviews`)).status).toBe(404);
  });

  it("passes Istio's deprecation warnings on as Warning headers", async () => {
    const dr = {
      apiVersion: 'networking.istio.io/v1alpha3',
      kind: 'DestinationRule',
      metadata: { name: 'warned' },
      spec: { host: 'productpage', trafficPolicy: { outlierDetection: { consecutiveErrors: 1, interval: '1s', baseEjectionTime: '3m' } } },
    };
    const res = await h.call('POST', '/apis/networking.istio.io/v1alpha3/namespaces/default/destinationrules', { body: dr });
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('warning')).toMatch(/consecutiveErrors/);
    await h.call('DELETE', '/apis/networking.istio.io/v1/namespaces/default/destinationrules/warned');
  });
});
