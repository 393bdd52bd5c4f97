// ROUND_ROBIN: endpoints in turn, weighted when weights differ (Envoy docs
// arch_overview/upstream/load_balancing/load_balancers "Weighted round robin").
//
// Envoy schedules weighted hosts with an earliest-deadline-first queue; this is nginx's smooth
// weighted round robin, which gives the same share per host (exactly `weight / total` over every
// `total` picks) with the same interleaving, and keeps its state per endpoint key, so an
// ejection or a retry's excluded host does not reset the rotation. Equal weights degenerate to
// plain rotation. Like Envoy, a random number of warm-up picks on first use keeps many proxies
// from all starting on the same endpoint.
import { type Balanceable, type Random, randomIndex, weightOf } from './endpoint.js';

export interface RoundRobin<T extends Balanceable> {
  /** The next endpoint of `candidates` (all eligible), weighted by `weight` (default: the endpoint's weight). */
  pick(candidates: readonly T[], weight?: (endpoint: T) => number): T | undefined;
}

/** Warm-up picks are bounded so a huge total weight costs nothing noticeable. */
const MAX_WARMUP = 1000;

export function createRoundRobin<T extends Balanceable>(random?: Random): RoundRobin<T> {
  const current = new Map<string, number>();
  let warmedUp = random === undefined;

  const step = (candidates: readonly T[], weight: (endpoint: T) => number): T => {
    let total = 0;
    let best = candidates[0]!;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (const endpoint of candidates) {
      const w = weight(endpoint);
      total += w;
      const value = (current.get(endpoint.key) ?? 0) + w;
      current.set(endpoint.key, value);
      if (value > bestValue) {
        bestValue = value;
        best = endpoint;
      }
    }
    current.set(best.key, bestValue - total);
    return best;
  };

  return {
    pick(candidates, weight = weightOf) {
      if (candidates.length === 0) return undefined;
      if (candidates.length === 1) return candidates[0];
      if (!warmedUp && random) {
        warmedUp = true;
        const total = candidates.reduce((sum, e) => sum + weight(e), 0);
        const skips = randomIndex(random, Math.max(1, Math.min(MAX_WARMUP, Math.round(total))));
        for (let i = 0; i < skips; i++) step(candidates, weight);
      }
      // Forget endpoints that left long ago so the map cannot grow without bound.
      if (current.size > candidates.length * 2 + 16) {
        const keep = new Set(candidates.map((e) => e.key));
        for (const key of current.keys()) if (!keep.has(key)) current.delete(key);
      }
      return step(candidates, weight);
    },
  };
}
