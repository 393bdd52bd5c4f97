// The aggregator folds records per edge with Envoy's default buckets and keeps Istio's
// Prometheus view (istio-semantics.md §7): exact counts, bounded maps, mirror copies apart.
import { describe, expect, it } from 'vitest';
import { bucketIndex, type EdgeKey, HISTOGRAM_BOUNDS } from '@rudder/shared/protocol';
import { createAggregator } from './aggregator.js';

const peer = (workload: string, app = workload.split('-')[0] as string, version = 'v1') => ({ workload, namespace: 'default', app, version });
const key = (over: Partial<EdgeKey> = {}): EdgeKey => ({
  reporter: 'source',
  source: peer('productpage-v1'),
  destination: peer('reviews-v1'),
  destinationService: 'reviews.default.svc.cluster.local',
  destinationServiceName: 'reviews',
  destinationServiceNamespace: 'default',
  responseCode: 200,
  responseFlags: '-',
  mirrored: false,
  ...over,
});
const m = (durationMs: number) => ({ durationMs, requestBytes: 0, responseBytes: 120 });

describe('histogram buckets (Envoy defaults)', () => {
  it('has Istio\'s 19 bounds and puts a value in the first bound ≥ it', () => {
    expect(HISTOGRAM_BOUNDS).toEqual([0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000]);
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(0.5)).toBe(0);
    expect(bucketIndex(300)).toBe(8); // a request delayed 300 ms lands in le="500"
    expect(HISTOGRAM_BOUNDS[8]).toBe(500);
    expect(bucketIndex(5_000_000)).toBe(19); // +Inf
  });
});

describe('aggregator', () => {
  it('counts requests per edge exactly and resets on flush', () => {
    const a = createAggregator();
    for (let i = 0; i < 7; i++) a.add('e1', key(), m(3));
    a.add('e2', key({ responseCode: 503, responseFlags: 'UO' }), m(0.2));
    const batch = a.flush();
    expect(batch).toHaveLength(2);
    const ok = batch.find((e) => e.responseCode === 200)!;
    expect(ok.requests).toBe(7);
    expect(ok.duration.counts[2]).toBe(7);
    expect(ok.duration.sum).toBe(21);
    expect(ok.responseBytes.sum).toBe(840);
    expect(a.flush()).toEqual([]);
  });

  it('bounds the edges of one interval and counts what it dropped', () => {
    const a = createAggregator({ maxEdges: 2 });
    a.add('a', key(), m(1));
    a.add('b', key({ responseCode: 500 }), m(1));
    a.add('c', key({ responseCode: 404 }), m(1));
    a.add('a', key(), m(1));
    expect(a.flush().map((e) => e.requests)).toEqual([2, 1]);
    expect(a.dropped).toBe(1);
  });

  it('keeps mirror copies as their own edge and out of the source-reported Prometheus series', () => {
    const a = createAggregator();
    a.add('x', key(), m(1));
    a.add('x', key({ mirrored: true }), m(1));
    const batch = a.flush();
    expect(batch.map((e) => [e.mirrored, e.requests])).toEqual([
      [false, 1],
      [true, 1],
    ]);
    const series = [...a.series()];
    expect(series).toHaveLength(1);
    expect(series[0]?.requests).toBe(1);
  });

  it('counts a destination-reported mirror copy in the ordinary series, as Istio does', () => {
    const a = createAggregator();
    a.add('y', key({ reporter: 'destination' }), m(1));
    a.add('y', key({ reporter: 'destination', mirrored: true }), m(1));
    expect([...a.series()].map((s) => s.requests)).toEqual([2]);
  });

  it('keeps cumulative series across flushes', () => {
    const a = createAggregator();
    a.add('x', key(), m(1));
    a.flush();
    a.add('x', key(), m(1));
    const [s] = [...a.series()];
    expect(s?.requests).toBe(2);
    expect(s?.labels).toContain('reporter="source",source_workload="productpage-v1"');
  });
});
