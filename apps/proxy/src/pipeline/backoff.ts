// Retry back-off: Envoy's fully jittered exponential back-off (envoy source/common/common/
// backoff_strategy.cc JitteredExponentialBackOffStrategy; docs http_filters/router_filter
// "x-envoy-max-retries", config.route.v3.RetryPolicy.RetryBackOff).
//
// Retry N waits a uniformly random whole number of ms in [0, interval_N), interval_1 = base
// (25 ms by default), doubling each retry until doubling would pass the maximum (default
// 10 × base = 250 ms), from then on the maximum: 0–24, 0–49, 0–99, 0–199, 0–249, 0–249 … ms.
// (Envoy's router docs still print the older [0, (2^N − 1)·base) ranges; the code above is what runs.)
// A route timeout bounds the whole sequence; that is the caller's timer.

export const DEFAULT_BASE_INTERVAL_MS = 25;

export interface BackoffOptions {
  /** Base interval in ms (Istio HTTPRetry.backoff, 1.26+); under 1 ms counts as 1 ms, as in Envoy. */
  baseMs?: number;
  /** Maximum interval in ms; defaults to 10 × base and is never below base. */
  maxMs?: number;
  random: () => number;
}

export interface Backoff {
  readonly baseMs: number;
  readonly maxMs: number;
  /** The wait before the next retry, in ms. */
  next(): number;
  reset(): void;
}

export function createBackoff(options: BackoffOptions): Backoff {
  const baseMs = Math.max(1, Math.ceil(options.baseMs ?? DEFAULT_BASE_INTERVAL_MS));
  const maxMs = Math.max(baseMs, Math.floor(options.maxMs ?? 10 * baseMs));
  const doublingLimit = Math.floor(maxMs / 2);
  let interval = baseMs;
  return {
    baseMs,
    maxMs,
    next() {
      const current = interval;
      interval = interval < doublingLimit ? interval * 2 : maxMs;
      return Math.min(current - 1, Math.floor(options.random() * current));
    },
    reset() {
      interval = baseMs;
    },
  };
}

/** The exclusive upper bound of retry `retry`'s wait (1-based), for tests and the admin view. */
export function backoffBound(retry: number, baseMs = DEFAULT_BASE_INTERVAL_MS, maxMs = 10 * baseMs): number {
  let interval = baseMs;
  const doublingLimit = Math.floor(maxMs / 2);
  for (let i = 1; i < retry; i++) interval = interval < doublingLimit ? interval * 2 : maxMs;
  return interval;
}
