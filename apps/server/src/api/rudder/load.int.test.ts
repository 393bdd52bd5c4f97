// /rudder/v1/loads against a real upstream on 127.0.0.1: the server spawns the real `rudder load`,
// streams its progress, stores fortio's JSON in SQLite; editors only, capped, one running run per
// API token or dashboard session.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../testing/harness.js';

let h: Harness;
let upstream: Server;
let target: string;
let served = 0;

beforeAll(async () => {
  h = await startHarness();
  upstream = createServer((_req, res) => {
    served++;
    // one call in four answers 503, as a flaky productpage would (tutorial 6.13)
    res.statusCode = served % 4 === 0 ? 503 : 200;
    res.end('ok');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/productpage`;
});
afterAll(async () => {
  await h.close();
  await new Promise((resolve) => upstream.close(resolve));
});

/** Reads the NDJSON progress stream to its end. */
async function follow(id: string): Promise<{ type: string; [k: string]: any }[]> {
  const res = await fetch(`${h.url}/rudder/v1/loads/${id}/progress`, { headers: { authorization: `Bearer ${h.tokens.viewer}` } });
  expect(res.headers.get('content-type')).toContain('application/x-ndjson');
  const text = await res.text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

describe('/rudder/v1/loads', () => {
  it('runs a load, streams its progress, and keeps fortio\'s JSON', async () => {
    const started = await h.call('POST', '/rudder/v1/loads', {
      body: { url: target, connections: 2, qps: 20, duration: '2s', headers: { 'end-user': 'tester' } },
    });
    expect(started.status, started.text).toBe(201);
    expect(started.json).toMatchObject({ state: 'running', owner: 'admin', request: { url: target, connections: 2, qps: 20, duration: '2s' } });
    const events = await follow(started.json.id);
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress[0]?.progress.calls).toBeGreaterThan(0);
    const end = events.at(-1)!;
    expect(end.type).toBe('end');
    expect(end.run.state).toBe('done');
    expect(end.run.summary.calls).toBeGreaterThanOrEqual(30);

    const one = await h.call('GET', `/rudder/v1/loads/${started.json.id}`, { as: 'viewer' });
    expect(one.status).toBe(200);
    const r = one.json.result;
    for (const k of ['RunType', 'StartTime', 'RequestedQPS', 'ActualQPS', 'ActualDuration', 'NumThreads', 'DurationHistogram', 'RetCodes', 'Sizes', 'URL', 'SocketCount']) {
      expect(r).toHaveProperty(k);
    }
    expect([r.RunType, r.NumThreads, r.URL, r.RequestedQPS]).toEqual(['HTTP', 2, target, '20']);
    expect(Object.keys(r.RetCodes).sort()).toEqual(['200', '503']);
    expect(r.DurationHistogram.Data.length).toBeGreaterThan(0);
    expect(r.DurationHistogram.Percentiles.map((p: { Percentile: number }) => p.Percentile)).toEqual([50, 75, 90, 99, 99.9]);
    expect(one.json.summary.codes).toEqual(r.RetCodes);

    const list = await h.call('GET', '/rudder/v1/loads', { as: 'viewer' });
    expect(list.json.items[0]).toMatchObject({ id: started.json.id, state: 'done' });
    expect(list.json.items[0]).not.toHaveProperty('result');
  });

  it('refuses a viewer (403) and requests past the caps (422, naming each field)', async () => {
    const viewer = await h.call('POST', '/rudder/v1/loads', { as: 'viewer', body: { url: target } });
    expect(viewer.status).toBe(403);
    const capped = await h.call('POST', '/rudder/v1/loads', { body: { url: target, connections: 65, qps: -1, duration: '61s' } });
    expect(capped.status).toBe(422);
    expect(capped.json.details.causes.map((c: { field: string }) => c.field)).toEqual(['connections', 'qps', 'duration']);
    const calls = await h.call('POST', '/rudder/v1/loads', { body: { url: target, calls: 100001 } });
    expect(calls.json.details.causes).toEqual([expect.objectContaining({ field: 'calls', message: expect.stringContaining('from 1 to 100000') })]);
    const noUrl = await h.call('POST', '/rudder/v1/loads', { body: { url: 'ftp://x/' } });
    expect(noUrl.json.details.causes[0].field).toBe('url');
  });

  it('one running load per user: a second is 409; stopping keeps the partial result', async () => {
    const first = await h.call('POST', '/rudder/v1/loads', { body: { url: target, connections: 1, qps: 10, duration: '30s' } });
    expect(first.status, first.text).toBe(201);
    const second = await h.call('POST', '/rudder/v1/loads', { body: { url: target, calls: 5 } });
    expect(second.status).toBe(409);
    expect(second.json.message).toContain('already has a load running');
    // wait for some calls, then stop
    for (let i = 0; i < 100; i++) {
      const now = await h.call('GET', `/rudder/v1/loads/${first.json.id}`);
      if (now.json.progress?.calls > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const stop = await h.call('POST', `/rudder/v1/loads/${first.json.id}/stop`, { body: {} });
    expect(stop.status, stop.text).toBe(200);
    const events = await follow(first.json.id);
    const end = events.at(-1)!;
    expect(end.run).toMatchObject({ state: 'stopped', error: 'stopped by a user' });
    expect(end.run.summary.calls).toBeGreaterThan(0);
    // now the user may start again, and a finished run can be deleted
    const again = await h.call('POST', '/rudder/v1/loads', { body: { url: target, calls: 3, connections: 1, qps: 0 } });
    expect(again.status, again.text).toBe(201);
    await follow(again.json.id);
    const del = await h.call('DELETE', `/rudder/v1/loads/${first.json.id}`);
    expect(del.status).toBe(200);
    expect((await h.call('GET', `/rudder/v1/loads/${first.json.id}`)).status).toBe(404);
  });

  it('one running load per dashboard session, though every session is named `dashboard`', async () => {
    const a = await signIn();
    const b = await signIn();
    const long = { url: target, connections: 1, qps: 5, duration: '30s' };
    const startA = await h.call('POST', '/rudder/v1/loads', { as: 'anonymous', headers: a, body: long });
    expect(startA.status, startA.text).toBe(201);
    expect(startA.json).toMatchObject({ owner: 'dashboard', state: 'running', mine: true });
    const startB = await h.call('POST', '/rudder/v1/loads', { as: 'anonymous', headers: b, body: long });
    expect(startB.status, startB.text).toBe(201);
    expect(startB.json).toMatchObject({ owner: 'dashboard', state: 'running', mine: true });

    const againA = await h.call('POST', '/rudder/v1/loads', { as: 'anonymous', headers: a, body: { url: target, calls: 3 } });
    expect(againA.status).toBe(409);
    expect(againA.json.message).toBe(`dashboard already has a load running (${startA.json.id}); stop it or wait for it to end`);

    // Each session sees its own run as `mine` (the Load page's busy state), the other's not;
    // the answers name the owner, never the session's token id.
    const mineOf = async (headers: Record<string, string>) => {
      const list = await h.call('GET', '/rudder/v1/loads', { as: 'anonymous', headers });
      expect(list.text).not.toMatch(/"ownerId"|[0-9a-f]{64}/);
      return list.json.items.filter((r: { mine?: boolean }) => r.mine).map((r: { id: string }) => r.id);
    };
    expect(await mineOf(a)).toEqual([startA.json.id]);
    expect(await mineOf(b)).toEqual([startB.json.id]);
    expect((await h.call('GET', `/rudder/v1/loads/${startB.json.id}`, { as: 'anonymous', headers: a })).json).not.toHaveProperty('mine');
    const whoami = await h.call('GET', '/rudder/v1/whoami', { as: 'anonymous', headers: a });
    expect(whoami.json).toEqual({ name: 'dashboard', role: 'editor' });

    for (const run of [startA, startB]) expect((await h.call('POST', `/rudder/v1/loads/${run.json.id}/stop`, { body: {} })).status).toBe(200);
    await Promise.all([follow(startA.json.id), follow(startB.json.id)]);
    // Once its run has ended, the session may start another.
    const next = await h.call('POST', '/rudder/v1/loads', { as: 'anonymous', headers: a, body: { url: target, calls: 3, connections: 1, qps: 0 } });
    expect(next.status, next.text).toBe(201);
    await follow(next.json.id);
  });
});

/** A dashboard session as the sign-in link makes one: its cookie header. */
async function signIn(): Promise<Record<string, string>> {
  const res = await fetch(`${h.url}/login?code=${h.tokenStore.createLoginCode()}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}
