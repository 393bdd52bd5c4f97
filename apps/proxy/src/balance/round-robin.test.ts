import { describe, expect, it } from 'vitest';
import { createRoundRobin } from './round-robin.js';

type E = { key: string; weight?: number };
const eps = (...spec: [string, number?][]): E[] => spec.map(([key, weight]) => (weight === undefined ? { key } : { key, weight }));

const counts = (picks: (E | undefined)[]) =>
  picks.reduce<Record<string, number>>((acc, e) => {
    acc[e!.key] = (acc[e!.key] ?? 0) + 1;
    return acc;
  }, {});

describe('round robin (Envoy load_balancers "Weighted round robin")', () => {
  it('rotates through equal-weight endpoints in order', () => {
    const rr = createRoundRobin<E>();
    const endpoints = eps(['a'], ['b'], ['c']);
    expect(Array.from({ length: 7 }, () => rr.pick(endpoints)?.key)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
  });

  it('gives each endpoint exactly weight/total of every full cycle (10/10/80)', () => {
    const rr = createRoundRobin<E>();
    const endpoints = eps(['v1', 10], ['v2', 10], ['v3', 80]);
    expect(counts(Array.from({ length: 1000 }, () => rr.pick(endpoints)))).toEqual({ v1: 100, v2: 100, v3: 800 });
  });

  it('interleaves a heavy endpoint smoothly rather than in a burst (weights 5/1/1)', () => {
    const rr = createRoundRobin<E>();
    const endpoints = eps(['a', 5], ['b', 1], ['c', 1]);
    expect(Array.from({ length: 7 }, () => rr.pick(endpoints)?.key).join('')).toBe('aabacaa');
  });

  it('keeps exact proportions after a random warm-up (many proxies do not start together)', () => {
    let seed = 0.37;
    const rr = createRoundRobin<E>(() => {
      seed = (seed * 9301 + 0.49297) % 1;
      return seed;
    });
    const endpoints = eps(['a', 1], ['b', 2], ['c', 3]);
    expect(counts(Array.from({ length: 600 }, () => rr.pick(endpoints)))).toEqual({ a: 100, b: 200, c: 300 });
  });

  it('warm-up shifts the starting endpoint', () => {
    const firsts = new Set([0, 0.34, 0.67].map((r) => createRoundRobin<E>(() => r).pick(eps(['a'], ['b'], ['c']))?.key));
    expect(firsts.size).toBe(3);
  });

  it('continues the rotation over the remaining endpoints when one leaves (state is per key)', () => {
    const rr = createRoundRobin<E>();
    const all = eps(['a'], ['b'], ['c']);
    expect([rr.pick(all)?.key, rr.pick(all)?.key]).toEqual(['a', 'b']);
    const without = all.filter((e) => e.key !== 'b');
    expect(rr.pick(without)?.key).toBe('c'); // c was due next, and still is
    const rest = counts(Array.from({ length: 99 }, () => rr.pick(without)));
    expect(Math.abs(rest.a! - rest.c!)).toBeLessThanOrEqual(1);
  });

  it('uses a caller-supplied weight function', () => {
    const rr = createRoundRobin<E>();
    const endpoints = eps(['a'], ['b']);
    expect(counts(Array.from({ length: 40 }, () => rr.pick(endpoints, (e) => (e.key === 'a' ? 3 : 1))))).toEqual({ a: 30, b: 10 });
  });

  it('returns undefined for no endpoints and the only one for one', () => {
    const rr = createRoundRobin<E>();
    expect(rr.pick([])).toBeUndefined();
    expect(rr.pick(eps(['only']))?.key).toBe('only');
  });
});
