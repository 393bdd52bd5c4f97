// What every balancer picks from, and the DestinationRule load-balancer types they read
// (istio/api networking/v1alpha3/destination_rule.proto: LoadBalancerSettings, ConsistentHashLB).
import type { DestinationRuleSpec } from '@rudder/shared/kinds';

type TrafficPolicy = NonNullable<DestinationRuleSpec['trafficPolicy']>;
export type LoadBalancerSettings = NonNullable<TrafficPolicy['loadBalancer']>;
export type ConsistentHashLB = NonNullable<LoadBalancerSettings['consistentHash']>;

/** An endpoint as a balancer sees it: a stable key (`address:port`) and an optional weight. */
export interface Balanceable {
  readonly key: string;
  /** Envoy's load_balancing_weight; absent, zero or negative counts as 1. */
  readonly weight?: number;
}

/** A uniform random number in [0, 1), injected (STYLE.md principle 6). */
export type Random = () => number;

export const weightOf = (endpoint: Balanceable): number =>
  endpoint.weight !== undefined && endpoint.weight > 0 ? endpoint.weight : 1;

/** An index in [0, n) from a random draw (guards a source that returns 1). */
export const randomIndex = (random: Random, n: number): number => Math.min(n - 1, Math.floor(random() * n));

/**
 * The endpoints a retry should choose from: those not excluded, or all of them when nothing
 * else remains (Envoy's previous-hosts predicate gives up after its selection attempts and
 * keeps the last host rather than failing the request).
 */
export function withoutExcluded<T extends Balanceable>(endpoints: readonly T[], exclude?: ReadonlySet<string>): readonly T[] {
  if (!exclude || exclude.size === 0) return endpoints;
  const rest = endpoints.filter((e) => !exclude.has(e.key));
  return rest.length > 0 ? rest : endpoints;
}

export const allWeightsEqual = (endpoints: readonly Balanceable[]): boolean => {
  if (endpoints.length < 2) return true;
  const first = weightOf(endpoints[0]!);
  return endpoints.every((e) => weightOf(e) === first);
};
