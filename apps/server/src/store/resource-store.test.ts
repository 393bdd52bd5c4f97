import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Resource } from '@rudder/shared/kinds';
import { openDatabase } from './db.js';
import { createResourceStore } from './resource-store.js';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'rudder-store-')), 'rudder.db');

const vs = (name: string, weight = 100, extra: Partial<Resource['metadata']> = {}): Resource => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name, namespace: 'default', ...extra },
  spec: { hosts: [name], http: [{ route: [{ destination: { host: name }, weight }] }] },
});
const key = (name: string) => ({ kind: 'VirtualService', namespace: 'default', name });
const actor = { actor: 'test' };

describe('resource store', () => {
  it('sets uid, generation, creationTimestamp and a global increasing resourceVersion', () => {
    const store = createResourceStore({ db: openDatabase(tempDb()), now: () => new Date('2026-01-02T03:04:05.678Z') });
    const a = store.create(vs('a'), actor);
    const b = store.create(vs('b'), actor);
    expect(a.metadata).toMatchObject({ generation: 1, creationTimestamp: '2026-01-02T03:04:05Z' });
    expect(a.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    expect(() => store.create(vs('a'), actor)).toThrow(/already exists/);
  });

  it('refuses a stale resourceVersion with a conflict', () => {
    const store = createResourceStore({ db: openDatabase(tempDb()) });
    const created = store.create(vs('a'), actor);
    store.update({ ...vs('a', 50), metadata: { ...created.metadata } }, actor);
    expect(() => store.update({ ...vs('a', 20), metadata: { ...created.metadata } }, actor)).toThrow(/has been modified/);
  });

  it('keeps the resourceVersion on a write that changes nothing, and bumps generation on spec change only', () => {
    const store = createResourceStore({ db: openDatabase(tempDb()) });
    const created = store.create(vs('a'), actor);
    const same = store.update(vs('a'), actor);
    expect(same.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    expect(store.history(key('a'))).toHaveLength(1);
    const labelled = store.update(vs('a', 100, { labels: { team: 'x' } }), actor);
    expect(labelled.metadata.generation).toBe(1);
    expect(labelled.metadata.resourceVersion).not.toBe(created.metadata.resourceVersion);
    const changed = store.update(vs('a', 10, { labels: { team: 'x' } }), actor);
    expect(changed.metadata.generation).toBe(2);
    expect(changed.metadata.uid).toBe(created.metadata.uid);
    expect(changed.metadata.creationTimestamp).toBe(created.metadata.creationTimestamp);
  });

  it('keeps history with who and when, and stores nothing on dry run', () => {
    const store = createResourceStore({ db: openDatabase(tempDb()) });
    store.create(vs('a'), { actor: 'alice' });
    store.update(vs('a', 10), { actor: 'bob' });
    store.create(vs('dry'), { actor: 'x', dryRun: true });
    store.delete(key('a'), { actor: 'carol' });
    expect(store.get(key('dry'))).toBeUndefined();
    const history = store.history(key('a'));
    expect(history.map((c) => [c.type, c.actor])).toEqual([
      ['ADDED', 'alice'],
      ['MODIFIED', 'bob'],
      ['DELETED', 'carol'],
    ]);
    expect(store.get(key('a'))).toBeUndefined();
  });

  it('keeps everything across a restart', () => {
    const file = tempDb();
    const first = createResourceStore({ db: openDatabase(file) });
    first.create(vs('a'), actor);
    const updated = first.update(vs('a', 7), actor);
    const second = createResourceStore({ db: openDatabase(file) });
    expect(second.get(key('a'))).toEqual(updated);
    expect(second.history(key('a'))).toHaveLength(2);
    expect(second.create(vs('b'), actor).metadata.resourceVersion).toBe(String(Number(updated.metadata.resourceVersion) + 1));
  });

  it('notifies subscribers of each change, and replays changes since a version', () => {
    const store = createResourceStore({ db: openDatabase(tempDb()) });
    const seen: string[] = [];
    store.subscribe((c) => seen.push(`${c.type} ${c.name}`));
    const a = store.create(vs('a'), actor);
    store.create(vs('b'), actor);
    store.delete(key('a'), actor);
    expect(seen).toEqual(['ADDED a', 'ADDED b', 'DELETED a']);
    expect(store.changesSince(Number(a.metadata.resourceVersion)).map((c) => c.name)).toEqual(['b', 'a']);
  });

  it('survives SIGKILL mid-write: consistent database holding every acknowledged write', async () => {
    const file = tempDb();
    openDatabase(file).close();
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', join(import.meta.dirname, 'store-test-child.ts'), file],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const acked: { rv: number; name: string; i: number }[] = [];
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const [rv, name, i] = line.split(' ');
          acked.push({ rv: Number(rv), name: name as string, i: Number(i) });
        }
        if (acked.length >= 300 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
    });
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
    expect(acked.length).toBeGreaterThanOrEqual(300);
    const db = openDatabase(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const store = createResourceStore({ db });
    const last = new Map<string, { rv: number; i: number }>();
    for (const a of acked) last.set(a.name, a);
    for (const [name, a] of last) {
      const stored = store.get(key(name));
      expect(stored, name).toBeDefined();
      // The stored object is the last acknowledged write or a later one that committed before the kill.
      expect(Number(stored?.metadata.resourceVersion)).toBeGreaterThanOrEqual(a.rv);
    }
    expect(store.currentVersion()).toBeGreaterThanOrEqual(acked.at(-1)?.rv ?? 0);
  });
});

describe('resource store transactions', () => {
  it('stores all or nothing, and publishes only after commit', () => {
    const store = createResourceStore({ db: openDatabase(tempDb()) });
    const seen: string[] = [];
    store.subscribe((c) => seen.push(c.name));
    expect(() =>
      store.transaction(() => {
        store.create(vs('a'), actor);
        store.create(vs('a'), actor); // AlreadyExists: the batch rolls back
      }),
    ).toThrow(/already exists/);
    expect(store.get(key('a'))).toBeUndefined();
    expect(seen).toEqual([]);
    store.transaction(() => {
      store.create(vs('a'), actor);
      store.create(vs('b'), actor);
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual(['a', 'b']);
  });
});
