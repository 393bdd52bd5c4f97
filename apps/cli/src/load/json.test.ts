import { describe, expect, it } from 'vitest';
import { goTime, runId, toFortioJson } from './json.js';
import { tutorialResult } from './testing/tutorial-result.js';

const options = {
  url: 'http://10.0.0.7:8080/productpage',
  labels: '10.0.0.7:8080/productpage , host',
  percentiles: [50, 99],
  jitter: false,
  uniform: false,
  noCatchUp: false,
  coCorrect: false,
  timeoutNs: 3e9,
  contentType: '',
  payload: undefined,
  method: 'GET',
  insecure: false,
};

describe("fortio's JSON result (HTTPRunnerResults)", () => {
  it("has fortio's field names, in Go's order", () => {
    const j = toFortioJson(tutorialResult(), options);
    const keys = Object.keys(j);
    expect(keys.slice(0, 10)).toEqual([
      'RunType',
      'Labels',
      'StartTime',
      'RequestedQPS',
      'RequestedDuration',
      'ActualQPS',
      'ActualDuration',
      'NumThreads',
      'Version',
      'DurationHistogram',
    ]);
    for (const k of ['Exactly', 'RetCodes', 'Sizes', 'HeaderSizes', 'URL', 'SocketCount', 'Sockets', 'ConnectionStats']) {
      expect(keys).toContain(k);
    }
    expect([j.RequestedQPS, j.RequestedDuration, j.NumThreads, j.Exactly, j.ActualDuration]).toEqual([
      'max',
      'exactly 20 calls',
      2,
      20,
      624901397,
    ]);
    expect(j.RetCodes).toEqual({ '200': 10, '503': 10 });
    expect([j.SocketCount, j.Sockets, j.IPCountMap]).toEqual([11, [6, 5], { '10.0.0.7:8080': 11 }]);
  });

  it('DurationHistogram has Count/Min/Max/Sum/Avg/StdDev, Data buckets and the asked Percentiles', () => {
    const h = toFortioJson(tutorialResult(), options).DurationHistogram;
    expect(Object.keys(h)).toEqual(['Count', 'Min', 'Max', 'Sum', 'Avg', 'StdDev', 'Data', 'Percentiles']);
    expect(h.Data[0]).toEqual({ Start: 0.025406513, End: 0.03, Percent: 15, Count: 3 });
    expect(h.Data.reduce((n, b) => n + b.Count, 0)).toBe(20);
    expect(h.Percentiles!.map((p) => p.Percentile)).toEqual([50, 99]);
    // sizes carry no percentiles, as fortio's (omitempty)
    expect(toFortioJson(tutorialResult(), options).Sizes.Percentiles).toBeUndefined();
  });

  it("Go's time format and fortio's run ID", () => {
    const d = new Date(2026, 0, 2, 15, 49, 54, 120);
    expect(goTime(d)).toMatch(/^2026-01-02T15:49:54\.12(Z|[+-]\d\d:\d\d)$/);
    expect(runId(d, 'h:8080/productpage , host')).toBe('2026-01-02-154954_h_8080_productpage_host');
  });

  it('a payload is base64 as Go marshals []byte', () => {
    const j = toFortioJson(tutorialResult(), { ...options, payload: Buffer.from('foo'), method: 'POST' });
    expect([j.Payload, j.MethodOverride]).toEqual(['Zm9v', '']);
  });
});
