import { describe, expect, it } from 'vitest';
import { pickRandom } from './random.js';
import { seeded } from '../testing/seeded-random.js';


describe('random (envoy random_lb.cc: hosts[random % size])', () => {
  it('is roughly uniform over 10k picks with a seeded source', () => {
    const random = seeded(42);
    const endpoints = ['a', 'b', 'c', 'd'].map((key) => ({ key }));
    const counts: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) {
      const key = pickRandom(endpoints, random)!.key;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    for (const key of ['a', 'b', 'c', 'd']) expect(Math.abs(counts[key]! - 2500)).toBeLessThan(150);
  });

  it('ignores endpoint weights, as Envoy does', () => {
    const random = seeded(7);
    const endpoints = [
      { key: 'light', weight: 1 },
      { key: 'heavy', weight: 99 },
    ];
    let light = 0;
    for (let i = 0; i < 10_000; i++) if (pickRandom(endpoints, random)!.key === 'light') light++;
    expect(light).toBeGreaterThan(4700);
    expect(light).toBeLessThan(5300);
  });

  it('maps the draw onto an index and survives a source that returns 1', () => {
    const endpoints = ['a', 'b', 'c'].map((key) => ({ key }));
    expect(pickRandom(endpoints, () => 0)?.key).toBe('a');
    expect(pickRandom(endpoints, () => 0.5)?.key).toBe('b');
    expect(pickRandom(endpoints, () => 1)?.key).toBe('c');
    expect(pickRandom([], () => 0.5)).toBeUndefined();
  });
});
