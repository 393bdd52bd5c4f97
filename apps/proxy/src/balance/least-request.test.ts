import { describe, expect, it } from 'vitest';
import { createLeastRequest } from './least-request.js';
import { seeded } from '../testing/seeded-random.js';


/** A random source that replays the given draws. */
const sequence = (...draws: number[]) => {
  let i = 0;
  return () => draws[i++ % draws.length]!;
};

type E = { key: string; weight?: number };
const two: E[] = [{ key: 'a' }, { key: 'b' }];

describe('least request (envoy least_request_lb.cc unweightedHostPickNChoices, choice_count 2)', () => {
  it('keeps the less loaded of the two hosts drawn', () => {
    const active = (key: string) => (key === 'a' ? 5 : 0);
    expect(createLeastRequest<E>({ random: sequence(0.1, 0.9), active }).pick(two)?.key).toBe('b');
    expect(createLeastRequest<E>({ random: sequence(0.9, 0.1), active }).pick(two)?.key).toBe('b');
  });

  it('draws with replacement: the same busy host drawn twice is picked', () => {
    const active = (key: string) => (key === 'a' ? 5 : 0);
    expect(createLeastRequest<E>({ random: sequence(0.1, 0.2), active }).pick(two)?.key).toBe('a');
  });

  it('keeps the first host drawn on a tie', () => {
    const lr = createLeastRequest<E>({ random: sequence(0.9, 0.1), active: () => 3 });
    expect(lr.pick(two)?.key).toBe('b');
  });

  it('sends about 3/4 of picks to the idle one of two hosts (P2C)', () => {
    const lr = createLeastRequest<E>({ random: seeded(1), active: (key) => (key === 'a' ? 10 : 0) });
    let idle = 0;
    for (let i = 0; i < 10_000; i++) if (lr.pick(two)?.key === 'b') idle++;
    expect(idle / 10_000).toBeGreaterThan(0.72);
    expect(idle / 10_000).toBeLessThan(0.78);
  });

  it('steers load away from a slow endpoint in a simulated run (requests pile up on it)', () => {
    const endpoints: E[] = [{ key: 'fast1' }, { key: 'fast2' }, { key: 'slow' }];
    const active = new Map<string, number>();
    const lr = createLeastRequest<E>({ random: seeded(3), active: (key) => active.get(key) ?? 0 });
    const finishes: { at: number; key: string }[] = [];
    const sent: Record<string, number> = {};
    for (let t = 0; t < 3000; t++) {
      for (const f of finishes.filter((f) => f.at === t)) active.set(f.key, active.get(f.key)! - 1);
      for (let n = 0; n < 3; n++) {
        const key = lr.pick(endpoints)!.key;
        sent[key] = (sent[key] ?? 0) + 1;
        active.set(key, (active.get(key) ?? 0) + 1);
        finishes.push({ at: t + (key === 'slow' ? 20 : 2), key });
      }
    }
    expect(sent.slow! / 9000).toBeLessThan(0.2);
  });

  it('with unequal weights, balances on weight / (active + 1) (Envoy "Weighted least request")', () => {
    const weighted: E[] = [
      { key: 'a', weight: 1 },
      { key: 'b', weight: 3 },
    ];
    const idle = createLeastRequest<E>({ random: seeded(5), active: () => 0 });
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 400; i++) counts[idle.pick(weighted)!.key as 'a' | 'b']++;
    expect(counts.b / counts.a).toBeCloseTo(3, 0);

    // b has 5 active: 3 / 6 = 0.5 against a's 1 / 1 = 1, so a now gets two picks in three.
    const busy = createLeastRequest<E>({ random: seeded(5), active: (key) => (key === 'b' ? 5 : 0) });
    const shifted = { a: 0, b: 0 };
    for (let i = 0; i < 300; i++) shifted[busy.pick(weighted)!.key as 'a' | 'b']++;
    expect(shifted.a).toBeGreaterThan(shifted.b);
    expect(Math.abs(shifted.a - 200)).toBeLessThanOrEqual(2);
  });

  it('handles zero and one candidates', () => {
    const lr = createLeastRequest<E>({ random: () => 0.5, active: () => 0 });
    expect(lr.pick([])).toBeUndefined();
    expect(lr.pick([{ key: 'only' }])?.key).toBe('only');
  });
});
