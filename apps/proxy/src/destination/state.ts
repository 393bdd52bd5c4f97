// Per-destination state (DESIGN.md): the balancer, outlier detector and connection-pool
// admission of one host|port|subset|policy. It outlives route-table swaps (keyed by the
// policy key the compiler gives) and goes when no table uses its key any more.
import type { Endpoint } from '@rudder/shared/protocol';
import type { ResolvedDestination } from '@rudder/shared/routing';
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
  get(resolved: ResolvedDestination): DestinationState;
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
    get(resolved) {
      let state = states.get(resolved.policyKey);
      if (!state) {
        state = create(resolved);
        states.set(resolved.policyKey, state);
      }
      state.lastUsed = deps.now();
      return state;
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
      for (const [key, s] of states) if (s.lastUsed < cutoff && s.admission.state().activeRequests === 0) states.delete(key);
    },
  };
}
