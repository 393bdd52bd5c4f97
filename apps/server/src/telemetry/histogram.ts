// Mergeable latency histograms with Envoy's default buckets (istio-semantics.md §7) and the
// quantile estimate Prometheus' histogram_quantile() makes: find the bucket holding the
// rank, interpolate linearly inside it (from 0 for the first bucket); a rank in +Inf answers
// the highest finite bound. Pure.
import { HISTOGRAM_BOUNDS, HISTOGRAM_SIZE } from '@rudder/shared/protocol';

export const emptyCounts = (): number[] => new Array<number>(HISTOGRAM_SIZE).fill(0);

export function addCounts(into: number[], from: ArrayLike<number>, offset = 0): void {
  for (let i = 0; i < HISTOGRAM_SIZE; i++) into[i] = (into[i] as number) + (from[offset + i] as number);
}

/** The q-quantile (0..1) of non-cumulative bucket counts; undefined when empty. */
export function quantile(q: number, counts: ArrayLike<number>): number | undefined {
  let total = 0;
  for (let i = 0; i < HISTOGRAM_SIZE; i++) total += counts[i] as number;
  if (total === 0) return undefined;
  const rank = q * total;
  let below = 0;
  for (let i = 0; i < HISTOGRAM_SIZE; i++) {
    const count = counts[i] as number;
    if (below + count >= rank && count > 0) {
      if (i >= HISTOGRAM_BOUNDS.length) return HISTOGRAM_BOUNDS[HISTOGRAM_BOUNDS.length - 1];
      const upper = HISTOGRAM_BOUNDS[i] as number;
      const lower = i === 0 ? 0 : (HISTOGRAM_BOUNDS[i - 1] as number);
      return lower + (upper - lower) * ((rank - below) / count);
    }
    below += count;
  }
  return HISTOGRAM_BOUNDS[HISTOGRAM_BOUNDS.length - 1];
}

/** The upper bound of the bucket a quantile falls in (for "within one bucket" comparisons). */
export function bucketBounds(value: number): { lower: number; upper: number } {
  let i = 0;
  while (i < HISTOGRAM_BOUNDS.length && value > (HISTOGRAM_BOUNDS[i] as number)) i++;
  return { lower: i === 0 ? 0 : (HISTOGRAM_BOUNDS[i - 1] as number), upper: HISTOGRAM_BOUNDS[i] ?? Number.POSITIVE_INFINITY };
}
