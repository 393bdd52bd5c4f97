import { describe, expect, it } from 'vitest';
import { callsFor, jitterNs, planRun, targetElapsedNs, uniformDelayNs } from './scheduler.js';

describe('fortio call planning (periodic.go runQPSSetup / runMaxQPSSetup)', () => {
  it('max qps, -n 20 -c 2: 10 calls per thread, nothing left over', () => {
    const { plan, warnings } = planRun({ qps: 0, threads: 2, exactly: 20, durationNs: 5e9 });
    expect([plan.numThreads, plan.numCalls, plan.leftOver, plan.requestedQps, plan.requestedDuration]).toEqual([
      2,
      10,
      0,
      'max',
      'exactly 20 calls',
    ]);
    expect(warnings).toEqual([]);
  });

  it('the first thread makes the calls that do not divide evenly', () => {
    const { plan } = planRun({ qps: 0, threads: 4, exactly: 21, durationNs: 5e9 });
    expect([callsFor(plan, 0), callsFor(plan, 1), callsFor(plan, 3)]).toEqual([6, 5, 5]);
  });

  it('-qps 50 -t 1s -c 2: 25 calls each', () => {
    const { plan } = planRun({ qps: 50, threads: 2, exactly: 0, durationNs: 1e9 });
    expect([plan.numThreads, plan.numCalls, plan.perThreadQps, plan.requestedQps, plan.requestedDuration]).toEqual([
      2,
      25,
      25,
      '50',
      '1s',
    ]);
  });

  it('at a fixed qps there are at least 2 calls per thread, else fewer threads', () => {
    const one = planRun({ qps: 1, threads: 4, exactly: 1, durationNs: 5e9 });
    expect([one.plan.numThreads, one.plan.numCalls]).toEqual([1, 2]);
    expect(one.warnings[0]).toMatch(/minimum of 2/);
    const six = planRun({ qps: 10, threads: 4, exactly: 6, durationNs: 5e9 });
    expect([six.plan.numThreads, six.plan.numCalls, six.plan.leftOver]).toEqual([3, 2, 0]);
    expect(six.warnings).toEqual(['Lowering number of threads - total call 6 -> lowering from 4 to 3 threads']);
  });

  it('no -n and -t 0 runs until stopped', () => {
    const max = planRun({ qps: 0, threads: 2, exactly: 0, durationNs: 0 }).plan;
    const fixed = planRun({ qps: 5, threads: 2, exactly: 0, durationNs: 0 }).plan;
    expect([max.numCalls, max.requestedDuration, fixed.requestedDuration]).toEqual([0, '', 'until stop']);
  });
});

describe('fortio call timing (periodic.go runOne)', () => {
  it('with a duration the last call lands on the end: 2 calls at 1 qps sleep 2s', () => {
    expect(targetElapsedNs(1, 2, 1, true)).toBe(2e9);
    expect([1, 2].map((i) => targetElapsedNs(i, 3, 3, true))).toEqual([0.5e9, 1e9]);
  });

  it('without a duration calls are 1/qps apart', () => {
    expect([1, 2, 3].map((i) => targetElapsedNs(i, 0, 4, false))).toEqual([0.25e9, 0.5e9, 0.75e9]);
  });

  it('-uniform staggers thread id of c by id/c of a period', () => {
    // Go truncates the float: thread 1 of 10 at 1 qps waits 99999999ns, as fortio's does
    expect([0, 1, 8].map((id) => uniformDelayNs(id, 10, 1))).toEqual([0, 99_999_999, 0.8e9]);
  });

  it('-jitter adds up to ±10% of a positive sleep, none to a late one', () => {
    expect(jitterNs(100e6, () => 0)).toBe(-10e6);
    expect(jitterNs(100e6, () => 0.999_999_999)).toBe(10e6);
    expect(jitterNs(-5e6, () => 0.5)).toBe(0);
  });
});
