import { describe, expect, it } from 'vitest';
import { FortioHistogram, LatencyHistogram } from './histogram.js';

describe('fortio histogram (stats/stats.go)', () => {
  it('buckets are ]prev, cur]: a value on a bucket end falls in the bucket below', () => {
    const h = new FortioHistogram(0, 0.001);
    for (const v of [0.03, 0.035, 0.0350001]) h.record(v);
    expect(h.export().Data.map((b) => [b.Start, b.End, b.Count])).toEqual([
      [0.03, 0.03, 1],
      [0.03, 0.035, 1],
      [0.035, 0.0350001, 1],
    ]);
  });

  it('exports the non-empty buckets, first from Min, last to Max, with cumulative percents', () => {
    const h = new FortioHistogram(0, 1);
    for (const v of [10, 20, 30]) h.record(v);
    const e = h.export();
    expect(e.Data).toEqual([
      { Start: 10, End: 10, Percent: 100 / 3, Count: 1 },
      { Start: 18, End: 20, Percent: 200 / 3, Count: 1 },
      { Start: 25, End: 30, Percent: 100, Count: 1 },
    ]);
    expect([e.Count, e.Min, e.Max, e.Sum, e.Avg]).toEqual([3, 10, 30, 60, 20]);
    expect(e.StdDev).toBeCloseTo(Math.sqrt(200 / 3), 12);
  });

  it('fortio interpolates a percentile linearly inside its bucket', () => {
    const h = new FortioHistogram(0, 1);
    for (const v of [10, 20, 30]) h.record(v);
    expect([h.percentile(10), h.percentile(50), h.percentile(100)]).toEqual([10, 19, 30]);
  });

  it('values past 100000 units go to the last bucket, values <= 0 to the first', () => {
    const h = new FortioHistogram(0, 1);
    for (const v of [-5, 0, 200000]) h.record(v);
    expect(h.export().Data.map((b) => b.Count)).toEqual([2, 1]);
    expect(h.firstBucketCount()).toBe(2);
  });
});

describe('latency histogram: fortio table, HDR percentiles', () => {
  it('the bucket counts sum to the calls and percentiles agree with the sorted latencies', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const h = new LatencyHistogram();
    const raw = Array.from({ length: 5000 }, () => 0.0005 + random() ** 3 * 0.4);
    for (const v of raw) h.record(v);
    const sorted = [...raw].sort((a, b) => a - b);
    const e = h.export([50, 75, 90, 99, 99.9]);
    expect(e.Data.reduce((n, b) => n + b.Count, 0)).toBe(5000);
    for (const { Percentile, Value } of e.Percentiles!) {
      const exact = sorted[Math.ceil((Percentile / 100) * sorted.length) - 1]!;
      expect(Math.abs(Value - exact) / exact).toBeLessThan(0.002); // HDR: 3 significant digits
    }
  });

  it('p100 is the max and a percentile below one call is the min, as in fortio', () => {
    const h = new LatencyHistogram();
    for (const v of [0.002, 0.004, 0.009]) h.record(v);
    expect([h.percentile(100), h.percentile(20), h.percentile(0)]).toEqual([0.009, 0.002, 0.002]);
  });

  it('an empty histogram exports no buckets and no percentiles', () => {
    const e = new LatencyHistogram().export([50]);
    expect([e.Count, e.Data, e.Percentiles]).toEqual([0, [], undefined]);
  });
});
