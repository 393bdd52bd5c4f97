// POST /rudder/v1/delete over real HTTP: several resources deleted all or nothing, each
// delete a revision, editors only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../testing/harness.js';

const VS = '/apis/networking.istio.io/v1/namespaces/default/virtualservices';
const DR = '/apis/networking.istio.io/v1/namespaces/default/destinationrules';
const PAIR = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec: {hosts: [reviews], http: [{route: [{destination: {host: reviews, subset: v1}}]}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews}
spec: {host: reviews, subsets: [{name: v1, labels: {version: v1}}]}
`;
const targets = [
  { kind: 'VirtualService', namespace: 'default', name: 'reviews' },
  { kind: 'DestinationRule', namespace: 'default', name: 'reviews' },
];

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const exists = async (path: string) => (await h.call('GET', path)).status === 200;

describe('POST /rudder/v1/delete', () => {
  it('deletes every target and records each delete as a revision', async () => {
    expect((await h.call('POST', '/rudder/v1/apply', { body: PAIR })).status).toBe(200);
    const res = await h.call('POST', '/rudder/v1/delete', { body: targets });
    expect(res.status, res.text).toBe(200);
    expect(res.json.items.map((i: { kind: string; name: string }) => `${i.kind}/${i.name}`)).toEqual(['VirtualService/reviews', 'DestinationRule/reviews']);
    expect(await exists(`${VS}/reviews`)).toBe(false);
    expect(await exists(`${DR}/reviews`)).toBe(false);
    const history = await h.call('GET', '/rudder/v1/revisions?kind=DestinationRule&namespace=default&name=reviews');
    expect(history.json.items[0].type).toBe('DELETED');
  });

  it('is all or nothing: one missing target deletes none', async () => {
    await h.call('POST', '/rudder/v1/apply', { body: PAIR });
    const res = await h.call('POST', '/rudder/v1/delete', { body: [...targets, { kind: 'DestinationRule', namespace: 'default', name: 'nope' }] });
    expect(res.status).toBe(404);
    expect(res.json.kind).toBe('Status');
    expect(await exists(`${VS}/reviews`)).toBe(true);
    expect(await exists(`${DR}/reviews`)).toBe(true);
  });

  it('honours resourceVersion preconditions: a stale one deletes none', async () => {
    const live = (await h.call('GET', `${DR}/reviews`)).json;
    const stale = [targets[0], { ...targets[1], resourceVersion: String(Number(live.metadata.resourceVersion) - 1) }];
    expect((await h.call('POST', '/rudder/v1/delete', { body: stale })).status).toBe(409);
    expect(await exists(`${VS}/reviews`)).toBe(true);
    const fresh = [targets[0], { ...targets[1], resourceVersion: live.metadata.resourceVersion }];
    expect((await h.call('POST', '/rudder/v1/delete', { body: fresh })).status).toBe(200);
    expect(await exists(`${DR}/reviews`)).toBe(false);
  });

  it('dry run deletes nothing', async () => {
    await h.call('POST', '/rudder/v1/apply', { body: PAIR });
    const res = await h.call('POST', '/rudder/v1/delete?dryRun=All', { body: targets });
    expect(res.status).toBe(200);
    expect(res.json.dryRun).toBe(true);
    expect(await exists(`${VS}/reviews`)).toBe(true);
  });

  it('refuses malformed targets with every field named, and viewers', async () => {
    const bad = await h.call('POST', '/rudder/v1/delete', { body: [{ kind: 'Sidecar', name: 'x' }] });
    expect(bad.status).toBe(422);
    expect(bad.json.details.causes.map((c: { field: string }) => c.field)).toEqual(['items[0].namespace', 'items[0].kind']);
    expect((await h.call('POST', '/rudder/v1/delete', { body: [] })).status).toBe(400);
    expect((await h.call('POST', '/rudder/v1/delete', { body: targets, as: 'viewer' })).status).toBe(403);
    expect(await exists(`${VS}/reviews`)).toBe(true);
  });
});
