import { describe, expect, it } from 'vitest';
import type { FortioHistogramData, LoadRun } from '@rudder/shared/protocol';
import { codeMix, compareRows, DEFAULT_FORM, histogramBars, percentiles, progressShare, toRequest } from './model.js';

const histogram: FortioHistogramData = {
  Count: 20,
  Min: 0.001,
  Max: 0.012,
  Sum: 0.1,
  Avg: 0.005,
  StdDev: 0.002,
  Data: [
    { Start: 0.001, End: 0.002, Percent: 25, Count: 5 },
    { Start: 0.002, End: 0.005, Percent: 75, Count: 10 },
    { Start: 0.01, End: 0.012, Percent: 100, Count: 5 },
  ],
  Percentiles: [
    { Percentile: 50, Value: 0.003 },
    { Percentile: 99, Value: 0.0119 },
  ],
};

describe('load page model', () => {
  it('turns the form into a request: calls or duration, headers one a line', () => {
    expect(toRequest({ ...DEFAULT_FORM, url: ' http://gw/productpage ', headers: 'end-user: tester\n\nx-a:1' })).toEqual({
      url: 'http://gw/productpage',
      connections: 4,
      qps: 8,
      duration: '5s',
      headers: { 'end-user': 'tester', 'x-a': '1' },
    });
    expect(toRequest({ ...DEFAULT_FORM, url: 'h', mode: 'calls', calls: '20', qps: '0', connections: '2' })).toEqual({ url: 'h', connections: 2, qps: 0, calls: 20 });
  });

  it("reads fortio's buckets (seconds, cumulative percent) as millisecond bars with their own share", () => {
    expect(histogramBars(histogram)).toEqual([
      { label: '2 ms', fromMs: 1, toMs: 2, count: 5, percent: 25 },
      { label: '5 ms', fromMs: 2, toMs: 5, count: 10, percent: 50 },
      { label: '12 ms', fromMs: 10, toMs: 12, count: 5, percent: 25 },
    ]);
    expect(percentiles(histogram)).toEqual([
      { p: 50, ms: 3 },
      { p: 99, ms: 11.9 },
    ]);
  });

  it('shows the code mix largest first, socket errors named, tones by class', () => {
    expect(codeMix({ '-1': 1, '200': 15, '503': 4 })).toEqual([
      { code: '200', label: '200', count: 15, percent: 75, tone: 'ok' },
      { code: '503', label: '503', count: 4, percent: 20, tone: 'bad' },
      { code: '-1', label: 'socket error', count: 1, percent: 5, tone: 'bad' },
    ]);
  });

  it('compares two runs: latency lower is better, qps higher is better', () => {
    const a = { calls: 100, actualQps: 50, avgMs: 10, p50Ms: 8, p90Ms: 15, p99Ms: 30, maxMs: 40, codes: { '200': 100 }, durationSeconds: 2 };
    const b = { ...a, actualQps: 40, p99Ms: 15, codes: { '200': 90, '503': 10 } };
    const rows = compareRows(a, b);
    expect(rows.find((r) => r.metric === 'Achieved qps')).toMatchObject({ change: '-20%', verdict: 'worse' });
    expect(rows.find((r) => r.metric === 'p99')).toMatchObject({ a: '30 ms', b: '15 ms', change: '-50%', verdict: 'better' });
    expect(rows.find((r) => r.metric === 'Calls')).toMatchObject({ verdict: 'same' });
    expect(rows.at(-1)).toMatchObject({ metric: 'Errors (non-2xx)', a: '0.0%', b: '10.0%', verdict: 'worse' });
  });

  it('knows how far a run is by its calls or its duration', () => {
    const run = { request: { url: 'h', connections: 1, qps: 10, duration: '10s' }, progress: { calls: 40, elapsedSeconds: 4, qps: 10, codes: {} } } as LoadRun;
    expect(progressShare(run)).toBeCloseTo(0.4);
    expect(progressShare({ ...run, request: { ...run.request, calls: 50 } })).toBeCloseTo(0.8);
  });
});
