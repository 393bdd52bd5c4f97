// LEAST_REQUEST (and its deprecated alias LEAST_CONN): Envoy's power of two choices over active
// requests (envoy source/extensions/load_balancing_policies/least_request/least_request_lb.cc;
// docs arch_overview/upstream/load_balancing/load_balancers "Weighted least request").
//
// Equal weights: draw `choiceCount` (default 2) hosts at random, with replacement, and keep the
// one with fewer active requests; a tie keeps the first drawn (unweightedHostPickNChoices).
// Unequal weights: weighted round robin on the dynamic weight `weight / (active + 1)`
// (active_request_bias 1.0, Envoy's default).
import { allWeightsEqual, type Balanceable, type Random, randomIndex, weightOf } from './endpoint.js';
import { createRoundRobin } from './round-robin.js';

export interface LeastRequestDeps {
  random: Random;
  /** Active requests on an endpoint right now. */
  active: (key: string) => number;
  /** Envoy's choice_count; default 2. */
  choiceCount?: number;
}

export interface LeastRequest<T extends Balanceable> {
  pick(candidates: readonly T[]): T | undefined;
}

export function createLeastRequest<T extends Balanceable>(deps: LeastRequestDeps): LeastRequest<T> {
  const { random, active } = deps;
  const choices = Math.max(2, deps.choiceCount ?? 2);
  const weighted = createRoundRobin<T>(random);
  const dynamicWeight = (endpoint: T) => weightOf(endpoint) / (active(endpoint.key) + 1);

  return {
    pick(candidates) {
      if (candidates.length === 0) return undefined;
      if (candidates.length === 1) return candidates[0];
      if (!allWeightsEqual(candidates)) return weighted.pick(candidates, dynamicWeight);
      let best = candidates[randomIndex(random, candidates.length)]!;
      for (let i = 1; i < choices; i++) {
        const sampled = candidates[randomIndex(random, candidates.length)]!;
        if (active(sampled.key) < active(best.key)) best = sampled;
      }
      return best;
    },
  };
}
