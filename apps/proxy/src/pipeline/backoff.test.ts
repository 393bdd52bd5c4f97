import { describe, expect, it } from 'vitest';
import { backoffBound, createBackoff, DEFAULT_BASE_INTERVAL_MS } from './backoff.js';
import { seeded } from '../testing/seeded-random.js';


describe('retry back-off (envoy backoff_strategy.cc JitteredExponentialBackOffStrategy; router docs x-envoy-max-retries)', () => {
  it('defaults to a 25 ms base and a 250 ms cap (10 × base)', () => {
    const b = createBackoff({ random: () => 0 });
    expect([DEFAULT_BASE_INTERVAL_MS, b.baseMs, b.maxMs]).toEqual([25, 25, 250]);
  });

  it('the largest waits are 24, 49, 99, 199, then 249 ms (interval doubles until the cap)', () => {
    const b = createBackoff({ random: () => 0.999_999 });
    expect(Array.from({ length: 7 }, () => b.next())).toEqual([24, 49, 99, 199, 249, 249, 249]);
  });

  it('full jitter: the smallest wait is 0', () => {
    const b = createBackoff({ random: () => 0 });
    expect(Array.from({ length: 4 }, () => b.next())).toEqual([0, 0, 0, 0]);
  });

  it('every wait lies in [0, bound) and spreads over it, with a seeded source', () => {
    const random = seeded(11);
    for (let run = 0; run < 500; run++) {
      const b = createBackoff({ random });
      for (let retry = 1; retry <= 6; retry++) {
        const wait = b.next();
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThan(backoffBound(retry));
        expect(Number.isInteger(wait)).toBe(true);
      }
    }
    const b = () => createBackoff({ random });
    const firsts = Array.from({ length: 2000 }, () => b().next());
    expect(Math.max(...firsts)).toBe(24);
    expect(firsts.reduce((s, w) => s + w, 0) / firsts.length).toBeCloseTo(12, 0);
  });

  it('bounds per retry: 25, 50, 100, 200, 250, 250', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffBound(n))).toEqual([25, 50, 100, 200, 250, 250]);
  });

  it('HTTPRetry.backoff sets the base; the cap follows at 10 ×; a sub-millisecond base counts as 1 ms', () => {
    const b = createBackoff({ baseMs: 100, random: () => 0.999_999 });
    expect(Array.from({ length: 6 }, () => b.next())).toEqual([99, 199, 399, 799, 999, 999]);
    expect(createBackoff({ baseMs: 0.2, random: () => 0 }).baseMs).toBe(1);
    expect(createBackoff({ baseMs: 50, maxMs: 10, random: () => 0 }).maxMs).toBe(50);
  });

  it('reset starts again from the base interval', () => {
    const b = createBackoff({ random: () => 0.999_999 });
    b.next();
    b.next();
    b.reset();
    expect(b.next()).toBe(24);
  });
});
