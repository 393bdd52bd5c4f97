// RANDOM: a uniformly random endpoint, weights ignored, as Envoy's random load balancer picks
// (envoy source/extensions/load_balancing_policies/random/random_lb.cc: hosts[random % size]).
import { type Balanceable, type Random, randomIndex } from './endpoint.js';

export function pickRandom<T extends Balanceable>(candidates: readonly T[], random: Random): T | undefined {
  if (candidates.length === 0) return undefined;
  return candidates[randomIndex(random, candidates.length)];
}
