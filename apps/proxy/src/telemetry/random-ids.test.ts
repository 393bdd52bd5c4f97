import { describe, expect, it } from 'vitest';
import { createRandomIds } from './random-ids.js';

describe('random ids from a pooled entropy buffer', () => {
  it('gives hex ids of the asked size, distinct across pool refills', () => {
    const id = createRandomIds();
    const ids = Array.from({ length: 1000 }, (_, i) => id(i % 2 ? 8 : 16));
    expect(ids.every((x, i) => x.length === (i % 2 ? 16 : 32) && /^[0-9a-f]+$/.test(x))).toBe(true);
    expect(new Set(ids).size).toBe(1000);
  });
});
