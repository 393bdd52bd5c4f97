import { describe, expect, it } from 'vitest';
import { createLogger } from './log.js';
import { Aborter, type PeriodicOptions, runPeriodic, type Sleep } from './periodic.js';
import { planRun } from './scheduler.js';

/**
 * A discrete-event fake clock: sleeps and calls are timers; when every thread is waiting, time
 * jumps to the earliest one. Nothing really waits.
 */
function fakeTime(latencies: (i: number) => number) {
  let now = 0;
  const starts: number[] = [];
  const timers: { at: number; wake: () => void }[] = [];
  const wait = (ns: number) => new Promise<void>((wake) => timers.push({ at: now + Math.max(0, ns), wake }));
  const sleep: Sleep = (ns) => wait(ns);
  const run = async () => {
    starts.push(now);
    await wait(latencies(starts.length - 1));
    return true;
  };
  /** Drives the timers until the run settles. */
  const drive = async <T>(p: Promise<T>): Promise<T> => {
    let done = false;
    const settled = p.finally(() => {
      done = true;
    });
    while (!done) {
      await new Promise((r) => setImmediate(r));
      if (timers.length === 0) continue;
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift()!;
      now = next.at;
      next.wake();
    }
    return settled;
  };
  return { clock: () => now, sleep, run, starts, drive };
}

function options(qps: number, threads: number, exactly: number, durationNs: number, extra: Partial<PeriodicOptions> = {}) {
  const { plan } = planRun({ qps, threads, exactly, durationNs });
  return { plan, uniform: false, jitter: false, noCatchUp: false, coCorrect: false, ...extra };
}

const deps = (t: ReturnType<typeof fakeTime>) => ({
  clock: t.clock,
  sleep: t.sleep,
  random: () => 0.5,
  log: createLogger(() => {}, 4),
  aborter: new Aborter(),
});

describe('periodic runner (periodic.go Run/runOne) on a fake clock', () => {
  it('-qps 10 -n 5: calls start on schedule, the last one at n/qps', async () => {
    const t = fakeTime(() => 10e6);
    const r = await t.drive(runPeriodic(options(10, 1, 5, 5e9), [t.run], deps(t)));
    expect(t.starts).toEqual([0, 0.125e9, 0.25e9, 0.375e9, 0.5e9]);
    expect(r.duration.counter.count).toBe(5);
    expect(r.duration.counter.avg()).toBeCloseTo(0.01, 12);
    expect(r.sleep.counter.count).toBe(4);
  });

  it('a slow call makes the next ones catch up (negative sleeps) instead of shifting the schedule', async () => {
    const t = fakeTime((i) => (i === 0 ? 300e6 : 1e6));
    await t.drive(runPeriodic(options(10, 1, 4, 0), [t.run], deps(t)));
    expect(t.starts).toEqual([0, 300e6, 301e6, 302e6]);
  });

  it('raw latency by default; -co-correct counts a held-back call from when it was due', async () => {
    const raw = fakeTime((i) => (i === 0 ? 300e6 : 1e6));
    const r1 = await raw.drive(runPeriodic(options(10, 1, 3, 0), [raw.run], deps(raw)));
    expect(r1.duration.counter.max).toBeCloseTo(0.3, 9);
    expect(r1.duration.counter.sum).toBeCloseTo(0.302, 9);
    const co = fakeTime((i) => (i === 0 ? 300e6 : 1e6));
    const r2 = await co.drive(runPeriodic(options(10, 1, 3, 0, { coCorrect: true }), [co.run], deps(co)));
    // call 1 was due at 100ms, sent at 300ms, done at 301ms; call 2 due at 200ms, done at 302ms
    expect(r2.duration.counter.sum).toBeCloseTo(0.3 + 0.201 + 0.102, 9);
  });

  it('max qps with -t: each thread calls back to back until the duration is over', async () => {
    const t = fakeTime(() => 100e6);
    const r = await t.drive(runPeriodic(options(0, 2, 0, 1e9), [t.run, t.run], deps(t)));
    expect(r.duration.counter.count).toBe(t.starts.length);
    expect(Math.max(...t.starts)).toBeLessThanOrEqual(1e9);
  });

  it('-uniform delays each thread by its share of the period', async () => {
    const t = fakeTime(() => 0);
    const seen: number[] = [];
    const run = async (id: number) => {
      seen.push(id);
      return t.run();
    };
    await t.drive(runPeriodic(options(4, 2, 4, 0, { uniform: true }), [run, run], deps(t)));
    expect(t.starts.slice(0, 2)).toEqual([0, 0.25e9]);
    expect(seen.slice(0, 2)).toEqual([0, 1]);
  });

  it('an abort stops every thread after its current call; failed calls also go to Error cases', async () => {
    const t = fakeTime(() => 1e6);
    const d = deps(t);
    let calls = 0;
    const run = async () => {
      await t.run();
      if (++calls === 7) d.aborter.abort();
      return calls % 2 === 0;
    };
    const r = await t.drive(runPeriodic(options(0, 1, 0, 0), [run], d));
    expect([r.duration.counter.count, r.errors.counter.count]).toEqual([7, 4]);
  });
});
