// fortio's periodic runner loop (fortio/fortio periodic/periodic.go Run and runOne): c "threads"
// (async loops on one event loop) call their runnable on time, recording each call's latency.
import { FortioHistogram, LatencyHistogram } from './histogram.js';
import { goDuration, goG } from './go-format.js';
import { INFO, type Logger } from './log.js';
import { callsFor, jitterNs, type RunPlan, targetElapsedNs, uniformDelayNs } from './scheduler.js';

/** One call; true when it succeeded (fortio's Runnable.Run status). */
export type Runnable = (thread: number) => Promise<boolean>;

/** Monotonic nanoseconds (process.hrtime.bigint in production, a fake in tests). */
export type Clock = () => number;

/** Stops a run: ^C, -t reached by every thread, or the caller. Wakes sleeping threads. */
export class Aborter {
  aborted = false;
  private readonly wakers = new Set<() => void>();

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    for (const wake of this.wakers) wake();
    this.wakers.clear();
  }

  /** Registers a waker until the returned function is called. */
  onAbort(wake: () => void): () => void {
    this.wakers.add(wake);
    return () => this.wakers.delete(wake);
  }
}

/** Sleeps ns, or less when the run is aborted meanwhile. */
export type Sleep = (ns: number, aborter: Aborter) => Promise<void>;

export const hrtimeClock: Clock = (() => {
  const base = process.hrtime.bigint();
  return () => Number(process.hrtime.bigint() - base);
})();

export const timerSleep: Sleep = (ns, aborter) =>
  new Promise((resolve) => {
    if (aborter.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      off();
      resolve();
    };
    const timer = setTimeout(done, ns / 1e6);
    const off = aborter.onAbort(done);
  });

export interface PeriodicOptions {
  plan: RunPlan;
  uniform: boolean;
  jitter: boolean;
  noCatchUp: boolean;
  /** Latency from when a call was due rather than when it was sent, if a late previous call delayed it. */
  coCorrect: boolean;
}

export interface PeriodicDeps {
  clock: Clock;
  sleep: Sleep;
  random: () => number;
  log: Logger;
  aborter: Aborter;
}

export interface PeriodicResult {
  /** Every call's latency in seconds (fortio's "Aggregated Function Time"). */
  duration: LatencyHistogram;
  /** Latencies of the failed calls ("Error cases"). */
  errors: LatencyHistogram;
  /** Planned sleeps between calls; negative when behind (offset -1ms as fortio's). */
  sleep: FortioHistogram;
  elapsedNs: number;
  actualQps: number;
}

async function runOne(
  id: number,
  start: number,
  run: Runnable,
  o: PeriodicOptions,
  d: PeriodicDeps,
  r: PeriodicResult,
): Promise<void> {
  const { plan } = o;
  const numCalls = callsFor(plan, id);
  const tid = `T${String(id).padStart(3, '0')}`;
  const endTime = start + plan.durationNs;
  let threadStart = start;
  if (plan.useQps && o.uniform) {
    const delay = uniformDelayNs(id, plan.numThreads, plan.perThreadQps);
    threadStart = start + delay;
    await d.sleep(delay, d.aborter);
    if (d.aborter.aborted) return;
  }
  let i = 0;
  let due = threadStart;
  let prevEnd = Number.NEGATIVE_INFINITY;
  main: for (;;) {
    const fStart = d.clock();
    if (!plan.useExactly && plan.hasDuration && fStart > endTime) {
      if (!plan.useQps) break;
      // at a fixed qps: at least 2 calls, and the last one even if late
      if (i >= 2 && i !== numCalls - 1) {
        d.log.warn(`${tid} warning only did ${i} out of ${numCalls} calls before reaching ${goDuration(plan.durationNs)}`);
        break;
      }
    }
    const ok = await run(id);
    const fEnd = d.clock();
    const from = o.coCorrect && plan.useQps && prevEnd > due ? due : fStart;
    const latency = (fEnd - from) / 1e9;
    r.duration.record(latency);
    if (!ok) r.errors.record(latency);
    prevEnd = fEnd;
    if (plan.useQps) {
      for (;;) {
        i++;
        if ((plan.useExactly || plan.hasDuration) && i >= numCalls) break main;
        const target = targetElapsedNs(i, numCalls, plan.perThreadQps, plan.hasDuration);
        const elapsed = d.clock() - threadStart;
        let sleepNs = target - elapsed;
        if (o.noCatchUp && sleepNs < 0) continue; // skip the call we are too late for
        if (o.jitter) sleepNs += jitterNs(sleepNs, d.random);
        due = threadStart + elapsed + sleepNs;
        r.sleep.record(sleepNs / 1e9);
        if (sleepNs > 0) await d.sleep(sleepNs, d.aborter);
        if (d.aborter.aborted) break main;
        break;
      }
    } else {
      i++;
      if (plan.useExactly && i >= numCalls) break;
      if (d.aborter.aborted) break;
    }
  }
  if (d.log.enabled(INFO)) {
    const elapsed = d.clock() - threadStart;
    d.log.info(`${tid} ended after ${goDuration(elapsed)} : ${i} calls. qps=${goG(i / (elapsed / 1e9))}`);
  }
}

/** Runs runners[t] on each of the plan's threads until the calls are done, -t passes or abort. */
export async function runPeriodic(
  o: PeriodicOptions,
  runners: readonly Runnable[],
  d: PeriodicDeps,
  resolution = 0.001,
): Promise<PeriodicResult> {
  const r: PeriodicResult = {
    duration: new LatencyHistogram(resolution),
    errors: new LatencyHistogram(resolution),
    sleep: new FortioHistogram(-0.001, 0.001),
    elapsedNs: 0,
    actualQps: 0,
  };
  const start = d.clock();
  const threads: Promise<void>[] = [];
  for (let t = 0; t < o.plan.numThreads; t++) {
    const run = runners[t] ?? runners[0]!;
    if (o.plan.useExactly && callsFor(o.plan, t) === 0) continue;
    threads.push(runOne(t, start, run, o, d, r));
  }
  await Promise.all(threads);
  r.elapsedNs = d.clock() - start;
  r.actualQps = r.elapsedNs > 0 ? r.duration.counter.count / (r.elapsedNs / 1e9) : 0;
  return r;
}
