// One destination's load balancer, chosen from DestinationRule loadBalancer as Istio configures
// Envoy (istio/istio pilot/pkg/networking/core/cluster_traffic_policy.go applyLoadBalancer and
// ApplyRingHashLoadBalancer; docs istio.io DestinationRule LoadBalancerSettings).
//
// - No `simple` (or UNSPECIFIED): LEAST_REQUEST, Istio's default since 1.14. LEAST_CONN is its alias.
// - `consistentHash` wins over `simple`: maglev when `maglev` is set, otherwise a ring with
//   `ringHash.minimumRingSize`, the deprecated top-level `minimumRingSize`, or 1024.
// - PASSTHROUGH forwards to the caller's original destination (no balancing); `kind` says so and
//   `pick` falls back to a random endpoint for callers that still ask.
//
// The caller passes the endpoints it may use now (outlier-ejected ones already removed, see
// outlier/detector.ts healthyHosts) and, for a retry, the keys already tried as `exclude`: the
// pick avoids them when anything else remains. Istio keeps retries on the hashed host under
// consistent hashing (no previous-hosts predicate), so hash callers normally pass no `exclude`.
import {
  type Balanceable,
  type ConsistentHashLB,
  type LoadBalancerSettings,
  type Random,
  withoutExcluded,
} from './endpoint.js';
import { createConsistentHash, DEFAULT_MAGLEV_TABLE_SIZE, DEFAULT_MIN_RING_SIZE, type HashAlgorithm } from './consistent-hash.js';
import { createLeastRequest } from './least-request.js';
import { pickRandom } from './random.js';
import { createRoundRobin } from './round-robin.js';

export type { Balanceable, ConsistentHashLB, LoadBalancerSettings, Random } from './endpoint.js';
export { createHashKey, type HashKey, type HashRequestView } from './hash-key.js';

export type BalancerKind = 'LEAST_REQUEST' | 'ROUND_ROBIN' | 'RANDOM' | 'RING_HASH' | 'MAGLEV' | 'PASSTHROUGH';

export interface PickRequest {
  /** The consistent-hash key (from createHashKey); ignored by the other algorithms. */
  hashKey?: string;
}

export interface Balancer<T extends Balanceable> {
  readonly kind: BalancerKind;
  pick(endpoints: readonly T[], request?: PickRequest, exclude?: ReadonlySet<string>): T | undefined;
  /** A request started on / finished with an endpoint (LEAST_REQUEST reads these counts). */
  onStart(key: string): void;
  onEnd(key: string): void;
  /** Active requests on an endpoint, for the admin view. */
  active(key: string): number;
}

export function balancerKind(settings: LoadBalancerSettings | undefined): BalancerKind {
  if (settings?.consistentHash) return settings.consistentHash.maglev ? 'MAGLEV' : 'RING_HASH';
  switch (settings?.simple) {
    case 'ROUND_ROBIN':
      return 'ROUND_ROBIN';
    case 'RANDOM':
      return 'RANDOM';
    case 'PASSTHROUGH':
      return 'PASSTHROUGH';
    default:
      return 'LEAST_REQUEST';
  }
}

/** Ring or maglev parameters with Istio's treatment of 0 as "use the default". */
export function hashAlgorithm(policy: ConsistentHashLB): HashAlgorithm {
  if (policy.maglev) return { kind: 'maglev', tableSize: policy.maglev.tableSize || DEFAULT_MAGLEV_TABLE_SIZE };
  const minRingSize = policy.ringHash ? policy.ringHash.minimumRingSize : policy.minimumRingSize;
  return { kind: 'ring', minRingSize: minRingSize || DEFAULT_MIN_RING_SIZE };
}

export function createBalancer<T extends Balanceable>(
  settings: LoadBalancerSettings | undefined,
  deps: { random: Random },
): Balancer<T> {
  const { random } = deps;
  const counts = new Map<string, number>();
  const active = (key: string) => counts.get(key) ?? 0;
  const kind = balancerKind(settings);

  let choose: (candidates: readonly T[], request: PickRequest | undefined, exclude?: ReadonlySet<string>) => T | undefined;
  if (kind === 'RING_HASH' || kind === 'MAGLEV') {
    const hash = createConsistentHash<T>(hashAlgorithm(settings!.consistentHash!), random);
    choose = (endpoints, request, exclude) => hash.pick(endpoints, request?.hashKey, exclude);
  } else if (kind === 'ROUND_ROBIN') {
    const rr = createRoundRobin<T>(random);
    choose = (endpoints, _request, exclude) => rr.pick(withoutExcluded(endpoints, exclude));
  } else if (kind === 'LEAST_REQUEST') {
    const lr = createLeastRequest<T>({ random, active });
    choose = (endpoints, _request, exclude) => lr.pick(withoutExcluded(endpoints, exclude));
  } else {
    choose = (endpoints, _request, exclude) => pickRandom(withoutExcluded(endpoints, exclude), random);
  }

  return {
    kind,
    pick: (endpoints, request, exclude) => choose(endpoints, request, exclude),
    onStart(key) {
      counts.set(key, active(key) + 1);
    },
    onEnd(key) {
      const n = active(key) - 1;
      if (n > 0) counts.set(key, n);
      else counts.delete(key);
    },
    active,
  };
}
