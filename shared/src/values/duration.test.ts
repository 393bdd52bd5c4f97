import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';
import { parsePercent } from './percent.js';

describe('parseDuration (Go time.ParseDuration grammar, as CEL duration() in Istio CRDs)', () => {
  it.each([
    ['10s', 10_000],
    ['100ms', 100],
    ['1.5s', 1500],
    ['3m', 180_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['0.025s', 25],
    ['250us', 0.25],
    ['0', 0],
    ['.5s', 500],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '10', 's', '10 s', '1x', '1.5.2s', 'ms10', '10sm'])('%j is not a duration', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );

  it('formats the shortest Istio spelling', () => {
    expect(formatDuration(1500)).toBe('1.5s');
    expect(formatDuration(100)).toBe('100ms');
    expect(formatDuration(180_000)).toBe('3m');
    expect(formatDuration(7_200_000)).toBe('2h');
  });
});

describe('parsePercent', () => {
  it('reads 50%, 50 and 0.1', () => {
    expect(parsePercent('50%')).toBe(50);
    expect(parsePercent(50)).toBe(50);
    expect(parsePercent('0.1')).toBe(0.1);
  });
  it('refuses out of range and garbage', () => {
    expect(parsePercent('101')).toBeUndefined();
    expect(parsePercent('-1')).toBeUndefined();
    expect(parsePercent('abc')).toBeUndefined();
  });
});
