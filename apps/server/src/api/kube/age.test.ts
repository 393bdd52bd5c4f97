import { describe, expect, it } from 'vitest';
import { ageOf, humanDuration } from './age.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each([
    [-5 * s, '<invalid>'],
    [-1500, '0s'],
    [0, '0s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [5 * m + 7 * s, '5m7s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 5 * m, '3h5m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [48 * h, '2d'],
    [2 * d + 5 * h, '2d5h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [729 * d, '729d'],
    [730 * d, '2y'],
    [735 * d, '2y5d'],
    [8 * 365 * d, '8y'],
    [20 * 365 * d + 3 * d, '20y'],
  ])('%i ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('renders an age from an RFC 3339 timestamp, <unknown> without one', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    expect(ageOf('2026-01-01T11:55:00Z', now)).toBe('5m');
    expect(ageOf(undefined, now)).toBe('<unknown>');
    expect(ageOf(null, now)).toBe('<unknown>');
  });
});
