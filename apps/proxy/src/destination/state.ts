// Per-destination state (DESIGN.md): the balancer, outlier detector and connection-pool
// admission of one host|port|subset|policy. It outlives route-table swaps (keyed by the
// policy key the compiler gives) and goes when a new table no longer resolves its
// destination to that key — its DestinationRule went or changed — so a rule put back
// starts fresh, as Envoy's cluster would. Requests in flight keep the object they hold.
import type { Endpoint } from '@rudder/shared/protocol';
import { type ResolvedDestination, resolveDestination, type RouteTable } from '@rudder/shared/routing';
import { type Balanceable, type Balancer, createBalancer } from '../balance/index.js';
import { createOutlierDetector, type OutlierDetector } from '../outlier/detector.js';
import { type Admission, createAdmission } from '../pool/admission.js';
import { createAdmissionQueue, type AdmissionQueue } from './admission-queue.js';

export interface BalancedEndpoint extends Balanceable {
  readonly endpoint: Endpoint;
}

export interface DestinationState {
  readonly key: string;
  readonly balancer: Balancer<BalancedEndpoint>;
  readonly outlier?: OutlierDetector;
  readonly admission: Admission;
  readonly queue: AdmissionQueue;
  /** The resolved endpoints as balancer items (rebuilt when the endpoint list changes). */
  candidates(resolved: ResolvedDestination): readonly BalancedEndpoint[];
  /** The endpoints as last resolved (for the admin view and telemetry). */
  current(): readonly BalancedEndpoint[];
  lastUsed: number;
  /** When the outlier sweep last ran for it (each detector sweeps at its own interval). */
  lastSweep: number;
}

export interface DestinationStates {
  /** The state for a destination resolved for a client in `namespace`. */
  get(resolved: ResolvedDestination, namespace?: string): DestinationState;
  /** After a table swap: drops every state the new table no longer resolves to its key. */
  retain(table: RouteTable): void;
  /** Every state, for the admin view and telemetry. */
  all(): DestinationState[];
  /** Runs each detector's interval sweep when it is due; true when some host came back. */
  tick(): boolean;
  /** Drops states whose key the current table no longer produces and that sat idle. */
  prune(olderThanMs: number): void;
}

export const endpointKey = (e: Endpoint) => `${e.address}:${e.port}`;

export function createDestinationStates(deps: { random: () => number; now: () => number }): DestinationStates {
  const states = new Map<string, DestinationState>();
  /** How each state's destination was resolved, to resolve it again in a new table. */
  const origins = new Map<string, { host: string; subset?: string; port?: number; namespace?: string }>();

  function create(resolved: ResolvedDestination): DestinationState {
    const policy = resolved.policy;
    const outlier = policy?.outlierDetection ? createOutlierDetector(policy.outlierDetection, { now: deps.now }) : undefined;
    const admission = createAdmission(policy?.connectionPool);
    let lastList: readonly Endpoint[] | undefined;
    let lastCandidates: readonly BalancedEndpoint[] = [];
    return {
      key: resolved.policyKey,
      balancer: createBalancer<BalancedEndpoint>(policy?.loadBalancer, { random: deps.random }),
      ...(outlier ? { outlier } : {}),
      admission,
      queue: createAdmissionQueue(admission),
      lastUsed: deps.now(),
      lastSweep: deps.now(),
      candidates(r) {
        if (r.endpoints !== lastList) {
          lastList = r.endpoints;
          lastCandidates = r.endpoints.map((endpoint) => ({
            key: endpointKey(endpoint),
            ...(endpoint.weight !== undefined ? { weight: endpoint.weight } : {}),
            endpoint,
          }));
          outlier?.setHosts(lastCandidates.map((c) => c.key));
        }
        return lastCandidates;
      },
      current: () => lastCandidates,
    };
  }

  return {
    get(resolved, namespace) {
      let state = states.get(resolved.policyKey);
      if (!state) {
        state = create(resolved);
        states.set(resolved.policyKey, state);
        origins.set(resolved.policyKey, {
          host: resolved.host,
          ...(resolved.subset !== undefined ? { subset: resolved.subset } : {}),
          ...(resolved.port !== undefined ? { port: resolved.port } : {}),
          ...(namespace !== undefined ? { namespace } : {}),
        });
      }
      state.lastUsed = deps.now();
      return state;
    },
    retain(table) {
      for (const [key, o] of origins) {
        const again = resolveDestination(table, o.host, o.subset, o.port, o.namespace !== undefined ? { client: { namespace: o.namespace } } : {});
        if (again?.policyKey === key) continue;
        states.delete(key);
        origins.delete(key);
      }
    },
    all: () => [...states.values()],
    tick() {
      let returned = false;
      const now = deps.now();
      for (const s of states.values()) {
        if (!s.outlier || now - s.lastSweep < s.outlier.config.intervalMs) continue;
        s.lastSweep = now;
        if (s.outlier.tick().length > 0) returned = true;
      }
      return returned;
    },
    prune(olderThanMs) {
      const cutoff = deps.now() - olderThanMs;
      for (const [key, s] of states) {
        if (s.lastUsed >= cutoff || s.admission.state().activeRequests > 0) continue;
        states.delete(key);
        origins.delete(key);
      }
    },
  };
}
