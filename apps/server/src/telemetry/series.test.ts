// Time-series rings and histogram math with an injected clock: exact sums over windows,
// 1 s slots for 15 min then 1 min slots for 24 h, stale slots never read, bounded series,
// and Prometheus' histogram_quantile interpolation.
import { describe, expect, it } from 'vitest';
import { type EdgeAggregate, HISTOGRAM_SIZE } from '@rudder/shared/protocol';
import { createCounters } from './counters.js';
import { bucketBounds, quantile } from './histogram.js';
import { Ring } from './rings.js';
import { createSeriesStore, seriesBound } from './series.js';

const T0 = 1_800_000_000; // epoch seconds
const peer = (workload: string) => ({ workload, namespace: 'default', app: workload.split('-')[0] as string, version: 'v1' });

function agg(over: Partial<EdgeAggregate> = {}, durations: number[] = [3]): EdgeAggregate {
  const counts = new Array<number>(HISTOGRAM_SIZE).fill(0);
  for (const d of durations) counts[d <= 5 ? 2 : d <= 500 ? 8 : 9] = (counts[d <= 5 ? 2 : d <= 500 ? 8 : 9] as number) + 1;
  const h = (sum: number) => ({ counts: [...counts], sum });
  return {
    reporter: 'source',
    source: peer('productpage-v1'),
    destination: peer('reviews-v1'),
    destinationService: 'reviews.default.svc.cluster.local',
    destinationServiceName: 'reviews',
    destinationServiceNamespace: 'default',
    responseCode: 200,
    responseFlags: '-',
    mirrored: false,
    requests: durations.length,
    duration: h(durations.reduce((a, b) => a + b, 0)),
    requestBytes: h(0),
    responseBytes: h(100 * durations.length),
    ...over,
  };
}

describe('histogram quantiles (Prometheus histogram_quantile)', () => {
  it('interpolates inside the bucket holding the rank', () => {
    const counts = new Array<number>(HISTOGRAM_SIZE).fill(0);
    counts[8] = 10; // (250, 500]
    expect(quantile(0.5, counts)).toBe(375);
    expect(quantile(0.95, counts)).toBeCloseTo(487.5);
    expect(quantile(0.5, new Array(HISTOGRAM_SIZE).fill(0))).toBeUndefined();
    expect(bucketBounds(300)).toEqual({ lower: 250, upper: 500 });
  });
});

describe('rings', () => {
  it('clears a slot reused for a newer time and refuses older writes', () => {
    const ring = new Ring({ slots: 4, widthS: 1 }, 1, 0);
    const i = ring.writable(10);
    ring.u32[i] = 5;
    expect(ring.readable(10)).toBe(i);
    expect(ring.writable(14)).toBe(i);
    expect(ring.u32[i]).toBe(0);
    expect(ring.readable(10)).toBe(-1);
    expect(ring.writable(10)).toBe(-1);
  });
});

describe('series store', () => {
  it('sums a window exactly at 1 s resolution, per code and flags', () => {
    let now = (T0 + 60) * 1000;
    const store = createSeriesStore(() => now);
    store.add(agg({}, [3, 3, 300]), T0);
    store.add(agg({ responseCode: 503, responseFlags: 'UO', requests: 1 }, [0.2]), T0 + 1);
    store.add(agg({}, [3]), T0 + 5);
    const [row] = store.window(T0 * 1000, (T0 + 2) * 1000);
    expect(row?.requests).toBe(4);
    expect(row?.codes).toEqual([
      { code: 200, flags: '-', requests: 3 },
      { code: 503, flags: 'UO', requests: 1 },
    ]);
    expect(row?.duration[8]).toBe(1);
    expect(store.window(T0 * 1000, (T0 + 6) * 1000)[0]?.requests).toBe(5);
    now = (T0 + 3600) * 1000; // an hour later the fine ring no longer reaches back: minute slots answer
    expect(store.window(T0 * 1000, (T0 + 6) * 1000)[0]?.requests).toBe(5);
  });

  it('steps a range', () => {
    const now = (T0 + 10) * 1000;
    const store = createSeriesStore(() => now);
    for (let s = 0; s < 10; s++) store.add(agg({}, [3]), T0 + s);
    const { rows, stepS } = store.steps(T0 * 1000, (T0 + 10) * 1000, 5);
    expect(stepS).toBe(5);
    expect(rows.map((r) => r[0]?.requests)).toEqual([5, 5]);
  });

  it('keeps separate series for mirror copies and filters rows', () => {
    const store = createSeriesStore(() => (T0 + 1) * 1000);
    store.add(agg(), T0);
    store.add(agg({ mirrored: true, destination: peer('reviews-v2') }), T0);
    expect(store.window(T0 * 1000, (T0 + 1) * 1000)).toHaveLength(2);
    expect(store.window(T0 * 1000, (T0 + 1) * 1000, (k) => !k.mirrored)).toHaveLength(1);
  });

  it('returns idle edges (seen before, nothing in the window) only when asked: Kiali includeIdleEdges', () => {
    const store = createSeriesStore(() => (T0 + 30) * 1000);
    store.add(agg(), T0);
    store.add(agg({ destination: peer('reviews-v2') }), T0 + 20);
    const from = (T0 + 10) * 1000;
    const to = (T0 + 30) * 1000;
    expect(store.window(from, to).map((r) => r.key.destination.workload)).toEqual(['reviews-v2']);
    const all = store.window(from, to, undefined, true);
    expect(all.map((r) => [r.key.destination.workload, r.requests])).toEqual([
      ['reviews-v1', 0],
      ['reviews-v2', 1],
    ]);
  });

  it('is bounded: edges past the limit are dropped and counted', () => {
    const store = createSeriesStore(() => T0 * 1000, { maxEdges: 1, maxCodeSeries: 1 });
    store.add(agg(), T0);
    store.add(agg({ destination: peer('reviews-v2') }), T0);
    store.add(agg({ responseCode: 500 }), T0);
    expect(store.stats()).toMatchObject({ edges: 1, codeSeries: 1, dropped: 2 });
    expect(store.stats().bytes).toBeLessThanOrEqual(seriesBound({ maxEdges: 1, maxCodeSeries: 1 }));
    expect(seriesBound()).toBeLessThan(90 * 1024 * 1024);
  });
});

describe('Prometheus counters', () => {
  it('sums batches per label set, cumulative, and leaves sender-side mirror copies out', () => {
    const c = createCounters();
    c.add(agg({}, [3, 3]));
    c.add(agg({}, [300]));
    c.add(agg({ mirrored: true }));
    const text = c.exposition();
    expect(text).toMatch(/istio_requests_total\{reporter="source",[^}]*response_code="200"[^}]*\} 3\n/);
    expect(text).toMatch(/istio_request_duration_milliseconds_bucket\{[^}]*le="500"\} 3\n/);
    expect(text).toMatch(/istio_request_duration_milliseconds_bucket\{[^}]*le="250"\} 2\n/);
    expect(text).toMatch(/istio_request_duration_milliseconds_sum\{[^}]*\} 306\n/);
    expect(c.size).toBe(1);
  });
});
