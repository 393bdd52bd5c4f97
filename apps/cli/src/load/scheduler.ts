// Fixed-qps scheduling math of fortio's periodic runner (fortio/fortio periodic/periodic.go:
// runQPSSetup, runMaxQPSSetup, runOne's target elapsed time, -uniform delay, getJitter).
import { goDuration, goG } from './go-format.js';

export interface PlanRequest {
  /** <= 0 means as fast as possible. */
  qps: number;
  threads: number;
  /** -n: exact number of calls, 0 for none. */
  exactly: number;
  /** -t in nanoseconds, <= 0 for until interrupted. */
  durationNs: number;
}

export interface RunPlan {
  qps: number;
  useQps: boolean;
  useExactly: boolean;
  hasDuration: boolean;
  durationNs: number;
  exactly: number;
  numThreads: number;
  /** Calls per thread (thread 0 also does leftOver). 0 when running until a duration or a stop. */
  numCalls: number;
  leftOver: number;
  perThreadQps: number;
  /** JSON RequestedQPS: "max" or the qps. */
  requestedQps: string;
  /** JSON RequestedDuration: "5s", "exactly 20 calls", "until stop". */
  requestedDuration: string;
}

/** Splits the calls over the threads as fortio does; warnings are fortio's log lines. */
export function planRun(req: PlanRequest): { plan: RunPlan; warnings: string[] } {
  const warnings: string[] = [];
  const useQps = req.qps > 0;
  const useExactly = req.exactly > 0;
  const hasDuration = req.durationNs > 0;
  let threads = Math.max(1, Math.trunc(req.threads));
  let numCalls = 0;
  let leftOver = 0;
  let requestedDuration = useQps ? 'until stop' : '';
  if (useExactly || hasDuration) {
    requestedDuration = useExactly ? `exactly ${req.exactly} calls` : goDuration(req.durationNs);
    if (useQps) {
      numCalls = useExactly ? req.exactly : Math.trunc((req.qps * req.durationNs) / 1e9);
      if (numCalls < 2) {
        warnings.push('Increasing the number of calls to the minimum of 2 with 1 thread. total duration will increase');
        numCalls = 2;
        threads = 1;
      }
      if (2 * threads > numCalls) {
        const newN = Math.trunc(numCalls / 2);
        warnings.push(`Lowering number of threads - total call ${numCalls} -> lowering from ${threads} to ${newN} threads`);
        threads = newN;
      }
      numCalls = Math.trunc(numCalls / threads);
      if (useExactly) leftOver = req.exactly - numCalls * threads;
    } else if (useExactly) {
      // fortio would still start the idle threads and each would make one call; we don't
      if (req.exactly < threads) {
        warnings.push(`Lowering number of threads - total call ${req.exactly} -> lowering from ${threads} to ${req.exactly} threads`);
        threads = req.exactly;
      }
      numCalls = Math.trunc(req.exactly / threads);
      leftOver = req.exactly % threads;
    }
  }
  return {
    plan: {
      qps: req.qps,
      useQps,
      useExactly,
      hasDuration,
      durationNs: req.durationNs,
      exactly: req.exactly,
      numThreads: threads,
      numCalls,
      leftOver,
      perThreadQps: useQps ? req.qps / threads : 0,
      requestedQps: useQps ? goG(req.qps, 9) : 'max',
      requestedDuration,
    },
    warnings,
  };
}

/** How many calls thread `id` makes (0 = until the duration ends or the run is stopped). */
export function callsFor(plan: RunPlan, id: number): number {
  return plan.numCalls + (id === 0 ? plan.leftOver : 0);
}

/**
 * When call i (0-based) of a thread is due, in ns after the thread's start. With a duration the
 * calls are stretched so the last one lands on the end: 2 calls at 1 qps in 2s sleep 2s, 3 qps
 * in 1s sleep 1/2s (periodic.go: "This next line is tricky").
 */
export function targetElapsedNs(i: number, numCalls: number, perThreadQps: number, hasDuration: boolean): number {
  const seconds = hasDuration && numCalls > 1 ? (i + i / (numCalls - 1)) / perThreadQps : i / perThreadQps;
  return Math.trunc(seconds * 1e9);
}

/** -uniform: thread id of c starts id/c of a period late, so the c threads interleave evenly. */
export function uniformDelayNs(id: number, numThreads: number, perThreadQps: number): number {
  const between = 1 / perThreadQps;
  return Math.trunc((between - (between / numThreads) * (numThreads - id)) * 1e9);
}

/** -jitter: a uniformly random ±10% of a positive sleep (getJitter). */
export function jitterNs(sleepNs: number, random: () => number): number {
  const i = Math.trunc(sleepNs / 10 + 0.5);
  if (i <= 0) return 0;
  return Math.floor(random() * (2 * i + 1)) - i;
}
