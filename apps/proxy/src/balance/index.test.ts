import { describe, expect, it } from 'vitest';
import { balancerKind, createBalancer, createHashKey, hashAlgorithm } from './index.js';
import { seeded } from '../testing/seeded-random.js';


type E = { key: string; weight?: number };
const three: E[] = [{ key: 'a' }, { key: 'b' }, { key: 'c' }];

describe('createBalancer (istio cluster_traffic_policy.go applyLoadBalancer)', () => {
  it('defaults to LEAST_REQUEST when simple is absent or UNSPECIFIED (Istio ≥ 1.14); LEAST_CONN is its alias', () => {
    expect(balancerKind(undefined)).toBe('LEAST_REQUEST');
    expect(balancerKind({})).toBe('LEAST_REQUEST');
    expect(balancerKind({ simple: 'UNSPECIFIED' })).toBe('LEAST_REQUEST');
    expect(balancerKind({ simple: 'LEAST_CONN' })).toBe('LEAST_REQUEST');
    expect(balancerKind({ simple: 'ROUND_ROBIN' })).toBe('ROUND_ROBIN');
    expect(balancerKind({ simple: 'RANDOM' })).toBe('RANDOM');
    expect(balancerKind({ simple: 'PASSTHROUGH' })).toBe('PASSTHROUGH');
  });

  it('consistentHash overrides simple: ring hash by default, maglev when set', () => {
    expect(balancerKind({ simple: 'ROUND_ROBIN', consistentHash: { httpHeaderName: 'x' } })).toBe('RING_HASH');
    expect(balancerKind({ consistentHash: { useSourceIp: true, maglev: {} } })).toBe('MAGLEV');
  });

  it('ring size: ringHash.minimumRingSize, else the deprecated top-level one, else 1024; maglev 65537 (0 = default)', () => {
    expect(hashAlgorithm({ ringHash: { minimumRingSize: 2048 } })).toEqual({ kind: 'ring', minRingSize: 2048 });
    expect(hashAlgorithm({ minimumRingSize: 512 })).toEqual({ kind: 'ring', minRingSize: 512 });
    expect(hashAlgorithm({ ringHash: { minimumRingSize: 0 } })).toEqual({ kind: 'ring', minRingSize: 1024 });
    expect(hashAlgorithm({ maglev: {} })).toEqual({ kind: 'maglev', tableSize: 65537 });
    expect(hashAlgorithm({ maglev: { tableSize: 251 } })).toEqual({ kind: 'maglev', tableSize: 251 });
  });

  it('ROUND_ROBIN with weights sends exactly 10/10/80', () => {
    const lb = createBalancer<E>({ simple: 'ROUND_ROBIN' }, { random: seeded(1) });
    const endpoints = [
      { key: 'v1', weight: 10 },
      { key: 'v2', weight: 10 },
      { key: 'v3', weight: 80 },
    ];
    const counts: Record<string, number> = {};
    for (let i = 0; i < 2000; i++) {
      const key = lb.pick(endpoints)!.key;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    expect(counts).toEqual({ v1: 200, v2: 200, v3: 1600 });
  });

  it('LEAST_REQUEST reads the counts kept by onStart/onEnd', () => {
    const lb = createBalancer<E>(undefined, { random: seeded(2) });
    for (let i = 0; i < 10; i++) lb.onStart('a');
    lb.onStart('b');
    lb.onEnd('b');
    expect(lb.active('a')).toBe(10);
    expect(lb.active('b')).toBe(0);
    const two = three.slice(0, 2);
    let toB = 0;
    for (let i = 0; i < 1000; i++) if (lb.pick(two)!.key === 'b') toB++;
    expect(toB).toBeGreaterThan(700);
  });

  it.each(['ROUND_ROBIN', 'RANDOM', 'LEAST_REQUEST'] as const)('%s avoids excluded hosts on a retry, falling back when none remain', (simple) => {
    const lb = createBalancer<E>({ simple }, { random: seeded(3) });
    for (let i = 0; i < 50; i++) expect(lb.pick(three, {}, new Set(['a', 'b']))!.key).toBe('c');
    expect(['a', 'b', 'c']).toContain(lb.pick(three, {}, new Set(['a', 'b', 'c']))!.key);
  });

  it('consistent hash keeps a session on one host, and moves it only when excluded', () => {
    const settings = { consistentHash: { httpCookie: { name: 'user', ttl: '60s' } } };
    const lb = createBalancer<E>(settings, { random: seeded(4) });
    const hashKey = createHashKey(settings.consistentHash, { random: seeded(5) });
    const first = hashKey({ headers: {} });
    expect(first.setCookie).toBeDefined();
    const host = lb.pick(three, { hashKey: first.key })!.key;
    for (let i = 0; i < 200; i++) {
      const again = hashKey({ headers: { cookie: `user="${first.key}"` } });
      expect(lb.pick(three, { hashKey: again.key })!.key).toBe(host);
    }
    expect(lb.pick(three, { hashKey: first.key }, new Set([host]))!.key).not.toBe(host);
  });

  it('PASSTHROUGH says so and still answers a pick', () => {
    const lb = createBalancer<E>({ simple: 'PASSTHROUGH' }, { random: () => 0 });
    expect(lb.kind).toBe('PASSTHROUGH');
    expect(lb.pick(three)!.key).toBe('a');
  });

  it('returns undefined when there are no endpoints', () => {
    for (const settings of [undefined, { simple: 'ROUND_ROBIN' as const }, { consistentHash: { useSourceIp: true } }]) {
      expect(createBalancer<E>(settings, { random: () => 0.5 }).pick([], { hashKey: 'k' })).toBeUndefined();
    }
  });
});
