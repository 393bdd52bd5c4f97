import { describe, expect, it } from 'vitest';
import { buildMaglev, buildRing, createConsistentHash } from './consistent-hash.js';
import { xxHash64 } from './xxhash64.js';

type E = { key: string; weight?: number };
const endpoints = (n: number): E[] => Array.from({ length: n }, (_, i) => ({ key: `10.0.0.${i + 1}:9080` }));
const keys = Array.from({ length: 5000 }, (_, i) => `user-${i}`);

function moved(before: (k: string) => string | undefined, after: (k: string) => string | undefined): number {
  return keys.filter((k) => before(k) !== after(k)).length / keys.length;
}

const shares = (lookup: (k: string) => string | undefined) => {
  const out: Record<string, number> = {};
  for (const k of keys) {
    const host = lookup(k)!;
    out[host] = (out[host] ?? 0) + 1 / keys.length;
  }
  return out;
};

describe('ring hash (envoy ring_hash_lb.cc; docs load_balancers "Ring hash")', () => {
  it('sizes the ring so every host gets a whole number of entries, at least minimumRingSize in all', () => {
    expect(buildRing(endpoints(10)).size).toBe(1030); // ceil(0.1 × 1024) / 0.1
    expect(buildRing(endpoints(3), 1024).size).toBe(1026);
    expect(buildRing(endpoints(4), 64).size).toBe(64);
  });

  it('maps a key to the first entry at or above its xxHash64, wrapping around', () => {
    const ring = buildRing(endpoints(3), 16);
    const all = [0n, 1n, 0xffff_ffff_ffff_ffffn, xxHash64('x')];
    for (const h of all) expect(ring.lookup(h)).toBeDefined();
    // the largest hash wraps to the first entry, like hash 0
    expect(ring.lookup(0xffff_ffff_ffff_ffffn)).toBe(ring.lookup(0n));
  });

  it('removing one of 10 endpoints moves its keys and a few more (< 20%: the others grow 103 → 114 entries)', () => {
    const ten = endpoints(10);
    const nine = ten.filter((e) => e.key !== '10.0.0.4:9080');
    const before = buildRing(ten);
    const after = buildRing(nine);
    const fraction = moved(
      (k) => before.lookup(xxHash64(k))?.key,
      (k) => after.lookup(xxHash64(k))?.key,
    );
    expect(fraction).toBeGreaterThan(0.03);
    expect(fraction).toBeLessThan(0.2);
    // Each remaining host gains 11 entries, which take about 9% of the ring from the others.
    const others = keys.filter((k) => before.lookup(xxHash64(k))!.key !== '10.0.0.4:9080');
    const stayed = others.filter((k) => after.lookup(xxHash64(k))!.key === before.lookup(xxHash64(k))!.key);
    expect(stayed.length / others.length).toBeGreaterThan(0.85);
  });

  it('adding an 11th endpoint moves about 1/11 of the keys', () => {
    const before = buildRing(endpoints(10));
    const after = buildRing(endpoints(11));
    expect(moved((k) => before.lookup(xxHash64(k))?.key, (k) => after.lookup(xxHash64(k))?.key)).toBeLessThan(0.2);
  });

  it('spreads keys roughly evenly and gives a weighted host its share of entries', () => {
    const even = buildRing(endpoints(4));
    for (const share of Object.values(shares((k) => even.lookup(xxHash64(k))?.key))) expect(Math.abs(share - 0.25)).toBeLessThan(0.08);
    const weighted = buildRing([{ key: 'a', weight: 1 }, { key: 'b', weight: 3 }], 1024);
    expect(shares((k) => weighted.lookup(xxHash64(k))?.key).b).toBeGreaterThan(0.65);
  });

  it('does not depend on the order endpoints arrive in', () => {
    const a = buildRing(endpoints(5));
    const b = buildRing([...endpoints(5)].reverse());
    for (const k of keys.slice(0, 200)) expect(b.lookup(xxHash64(k))?.key).toBe(a.lookup(xxHash64(k))?.key);
  });

  it('walks past excluded hosts, and returns the hashed one if all are excluded', () => {
    const ring = buildRing(endpoints(3));
    const h = xxHash64('session-1');
    const first = ring.lookup(h)!.key;
    const second = ring.lookup(h, new Set([first]))!.key;
    expect(second).not.toBe(first);
    expect(ring.lookup(h, new Set(endpoints(3).map((e) => e.key)))!.key).toBe(first);
  });

  it('is empty with no endpoints', () => expect(buildRing([]).lookup(1n)).toBeUndefined());
});

describe('maglev (envoy maglev_lb.cc; docs load_balancers "Maglev")', () => {
  it('fills a 65537-slot table with every host taking about 1/N of it', () => {
    const table = buildMaglev(endpoints(10));
    expect(table.size).toBe(65537);
    for (const share of Object.values(shares((k) => table.lookup(xxHash64(k))?.key))) expect(Math.abs(share - 0.1)).toBeLessThan(0.03);
  });

  it('removing one of 10 endpoints moves about 10% of keys (< 20%)', () => {
    const ten = endpoints(10);
    const before = buildMaglev(ten);
    const after = buildMaglev(ten.filter((e) => e.key !== '10.0.0.7:9080'));
    const fraction = moved(
      (k) => before.lookup(xxHash64(k))?.key,
      (k) => after.lookup(xxHash64(k))?.key,
    );
    expect(fraction).toBeGreaterThan(0.05);
    expect(fraction).toBeLessThan(0.2);
  });

  it('gives a host twice the weight about twice the slots', () => {
    const table = buildMaglev([{ key: 'a', weight: 1 }, { key: 'b', weight: 2 }], 65537);
    const s = shares((k) => table.lookup(xxHash64(k))?.key);
    expect(s.b! / s.a!).toBeGreaterThan(1.7);
    expect(s.b! / s.a!).toBeLessThan(2.3);
  });

  it('honours a custom prime table size', () => expect(buildMaglev(endpoints(3), 251).size).toBe(251));
});

describe('createConsistentHash', () => {
  it('sends the same key to the same host every time (ring and maglev)', () => {
    for (const algorithm of [
      { kind: 'ring', minRingSize: 1024 },
      { kind: 'maglev', tableSize: 65537 },
    ] as const) {
      const hash = createConsistentHash<E>(algorithm, () => 0.5);
      const first = hash.pick(endpoints(5), 'jason')!.key;
      for (let i = 0; i < 50; i++) expect(hash.pick(endpoints(5), 'jason')!.key).toBe(first);
    }
  });

  it('picks a random host when the request has no hash key (Envoy hashes a random value)', () => {
    let r = 0;
    const hash = createConsistentHash<E>({ kind: 'ring', minRingSize: 1024 }, () => {
      r = (r + 0.137) % 1;
      return r;
    });
    const seen = new Set(Array.from({ length: 60 }, () => hash.pick(endpoints(3), undefined)!.key));
    expect(seen.size).toBe(3);
  });

  it('rebuilds when the endpoint set changes and returns undefined for none', () => {
    const hash = createConsistentHash<E>({ kind: 'ring', minRingSize: 64 }, () => 0.5);
    const host = hash.pick(endpoints(3), 'k')!.key;
    const remaining = endpoints(3).filter((e) => e.key !== host);
    expect(remaining.map((e) => e.key)).toContain(hash.pick(remaining, 'k')!.key);
    expect(hash.pick([], 'k')).toBeUndefined();
  });
});
