import { describe, expect, it } from 'vitest';
import { DOT_BUDGET, densityScale, dotParams, dotsAt, keepShare } from './animation.js';

describe('traffic animation', () => {
  it('sends more dots on busier edges and none on idle ones', () => {
    const busy = dotParams('a', 10, 10, 0, 200, 1);
    const calm = dotParams('b', 1, 10, 0, 200, 1);
    expect(busy.rate).toBeGreaterThan(calm.rate);
    expect(dotParams('c', 0, 10, 0, 200, 1).rate).toBe(0);
    expect(densityScale(500)).toBe(10);
  });

  it('runs slower on slow edges', () => {
    expect(dotParams('a', 1, 5000, 0, 200, 1).travel).toBeGreaterThan(dotParams('a', 1, 10, 0, 200, 1).travel);
  });

  it('places dots along the edge and colours about the error share red', () => {
    const p = dotParams('e', 20, 10, 30, 200, 1);
    let red = 0;
    let all = 0;
    for (let t = 0; t < 50; t += 0.5) {
      for (const d of dotsAt(p, t)) {
        expect(d.at).toBeGreaterThanOrEqual(0);
        expect(d.at).toBeLessThanOrEqual(1);
        all++;
        if (d.error) red++;
      }
    }
    expect(red / all).toBeGreaterThan(0.2);
    expect(red / all).toBeLessThan(0.4);
  });

  it('thins dots over the budget evenly, each dot kept or dropped for its whole run', () => {
    expect(keepShare(DOT_BUDGET)).toBe(1);
    expect(keepShare(DOT_BUDGET * 4)).toBe(0.25);
    const p = dotParams('f', 40, 10, 0, 200, 1);
    const kept = new Map<number, boolean>();
    let all = 0;
    let shown = 0;
    for (let t = 0; t < 20; t += 0.05) {
      for (const d of dotsAt(p, t)) {
        all++;
        const keep = d.ticket < 0.25;
        if (keep) shown++;
        // The same dot (same ticket) is never kept in one frame and dropped in another.
        expect(kept.get(d.ticket) ?? keep).toBe(keep);
        kept.set(d.ticket, keep);
      }
    }
    expect(shown / all).toBeGreaterThan(0.18);
    expect(shown / all).toBeLessThan(0.32);
  });
});
