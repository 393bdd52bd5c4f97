// fortio's stats.Counter and stats.Histogram (fortio/fortio stats/stats.go): the exact counter,
// fortio's fixed bucket layout for the printed table and the JSON Data, and an HDR histogram
// (hdr-histogram-js, pure JS) for latency percentiles.
import type { FortioBucket, FortioHistogramData, FortioPercentile } from '@rudder/shared/protocol';
import { build, type Histogram as Hdr } from 'hdr-histogram-js';

/** stats.Counter: count, min, max, sum and the sum of squares, exact. */
export class Counter {
  count = 0;
  min = 0;
  max = 0;
  sum = 0;
  private sumOfSquares = 0;

  record(v: number): void {
    if (this.count === 0) {
      this.min = v;
      this.max = v;
    } else if (v < this.min) this.min = v;
    else if (v > this.max) this.max = v;
    this.count++;
    this.sum += v;
    this.sumOfSquares += v * v;
  }

  avg(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  stdDev(): number {
    if (this.count === 0) return 0;
    const sigma = (this.sumOfSquares - (this.sum * this.sum) / this.count) / this.count;
    return sigma < 0 ? 0 : Math.sqrt(sigma);
  }
}

/** Interval ends in units of the divider: ]prev, cur], plus a first bucket <= 0 and a last one > 100000. */
export const BUCKET_VALUES: readonly number[] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 90, 100, 120,
  140, 160, 180, 200, 250, 300, 350, 400, 450, 500, 600, 700, 800, 900, 1000, 2000, 3000, 4000, 5000, 7500,
  10000, 20000, 30000, 40000, 50000, 75000, 100000,
];
const NUM_VALUES = BUCKET_VALUES.length;
const NUM_BUCKETS = NUM_VALUES + 1;
const LAST_VALUE = BUCKET_VALUES[NUM_VALUES - 1]!;

/** Index of the first bucket value above v (stats.go lookUpIdx / val2Bucket). */
function lookUpIdx(v: number): number {
  let lo = 0;
  let hi = NUM_VALUES - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (BUCKET_VALUES[mid]! > v) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** fortio's stats.Bucket, Percentile and HistogramData: the wire types in shared/protocol. */
export type Bucket = FortioBucket;
export type Percentile = FortioPercentile;
export type HistogramData = FortioHistogramData;

/** stats.Histogram: a Counter plus counts in fortio's buckets, scaled by (v - offset) / divider. */
export class FortioHistogram {
  readonly counter = new Counter();
  private readonly hdata = new Int32Array(NUM_BUCKETS);

  constructor(
    readonly offset: number,
    readonly divider: number,
  ) {}

  record(v: number): void {
    this.counter.record(v);
    const scaled = (v - this.offset) / this.divider;
    let idx: number;
    if (scaled <= 0) idx = 0;
    else if (scaled > LAST_VALUE) idx = NUM_BUCKETS - 1;
    else {
      // intervals are open on the left: a value exactly on a bucket end belongs below it
      let sv = Math.trunc(scaled);
      if (scaled - sv < 1e-12) sv--;
      idx = lookUpIdx(sv);
    }
    this.hdata[idx]!++;
  }

  /** How many values fell in the first bucket (<= offset). */
  firstBucketCount(): number {
    return this.hdata[0]!;
  }

  /** stats.Histogram.Export: the non-empty buckets, the first starting at Min, the last ending at Max. */
  export(percentiles: readonly number[] = []): HistogramData {
    const c = this.counter;
    const res: HistogramData = {
      Count: c.count,
      Min: c.min,
      Max: c.max,
      Sum: c.sum,
      Avg: c.avg(),
      StdDev: c.stdDev(),
      Data: [],
    };
    let prev = BUCKET_VALUES[0]!;
    let total = 0;
    for (let i = 0; i < NUM_BUCKETS; i++) {
      const n = this.hdata[i]!;
      if (n === 0) {
        if (i < NUM_VALUES) prev = BUCKET_VALUES[i]!;
        continue;
      }
      total += n;
      const start = res.Data.length === 0 ? c.min : this.divider * prev + this.offset;
      let end = c.max;
      if (i < NUM_VALUES) {
        end = this.divider * BUCKET_VALUES[i]! + this.offset;
        prev = BUCKET_VALUES[i]!;
      }
      res.Data.push({ Start: start, End: end, Percent: (100 * total) / c.count, Count: n });
    }
    if (res.Data.length > 0) res.Data[res.Data.length - 1]!.End = c.max;
    if (percentiles.length > 0 && c.count > 0) {
      res.Percentiles = percentiles.map((p) => ({ Percentile: p, Value: this.percentile(p, res) }));
    }
    return res;
  }

  /** stats.HistogramData.CalcPercentile: linear interpolation inside fortio's buckets. */
  percentile(p: number, data: HistogramData = this.export()): number {
    if (data.Data.length === 0) return 0;
    if (p >= 100) return data.Max;
    let pp = 100 / data.Count;
    if (p <= pp) return data.Min;
    for (const cur of data.Data) {
      if (p <= cur.Percent) return cur.Start + ((p - pp) / (cur.Percent - pp)) * (cur.End - cur.Start);
      pp = cur.Percent;
    }
    return data.Max;
  }
}

/** HDR resolution: 3 significant digits, i.e. a value is known to within 0.1%. */
const HDR_DIGITS = 3;

/**
 * Latencies in seconds, as fortio records them, with the same counter and bucket table; the
 * percentiles come from an HDR histogram recorded in microseconds instead of fortio's
 * interpolation, so they stay within 0.1% of the sorted raw latencies.
 */
export class LatencyHistogram extends FortioHistogram {
  private readonly hdr: Hdr = build({
    bitBucketSize: 32,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: HDR_DIGITS,
    useWebAssembly: false,
  });

  constructor(resolution = 0.001) {
    super(0, resolution);
  }

  override record(seconds: number): void {
    super.record(seconds);
    this.hdr.recordValue(Math.max(0, Math.round(seconds * 1e6)));
  }

  override percentile(p: number): number {
    const c = this.counter;
    if (c.count === 0) return 0;
    if (p >= 100) return c.max;
    if (p <= 100 / c.count) return c.min;
    const v = this.hdr.getValueAtPercentile(p) / 1e6;
    return Math.min(c.max, Math.max(c.min, v));
  }
}
