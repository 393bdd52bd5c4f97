// Live per-destination state as this proxy sees it, for the server's endpoints API and the
// graph's live badges: each endpoint's health and outlier ejection (Envoy's /clusters view:
// ejected until when, how often), active requests, and the connection pool's use with the
// UO overflows (Envoy's upstream_rq_pending_overflow) of the last interval.
import type { DestinationView, WorkloadIdentity } from '@rudder/shared/protocol';
import type { DestinationState } from '../destination/state.js';

export interface DestinationViewsInput {
  states: readonly DestinationState[];
  caller: WorkloadIdentity;
  instance?: string;
  now: number;
  /** States idle longer than this are left out, unless an endpoint is still ejected. */
  idleMs?: number;
  /** Cumulative overflow counts at the previous report, by state key (updated here). */
  previousOverflows: Map<string, number>;
}

export function destinationViews(input: DestinationViewsInput): DestinationView[] {
  const idleMs = input.idleMs ?? 60_000;
  const views: DestinationView[] = [];
  const seen = new Set<string>();
  for (const s of input.states) {
    seen.add(s.key);
    const outlier = new Map((s.outlier?.state() ?? []).map((h) => [h.host, h]));
    const pool = s.admission.state();
    const overflows = pool.overflows.requests + pool.overflows.pending;
    const before = input.previousOverflows.get(s.key) ?? 0;
    input.previousOverflows.set(s.key, overflows);
    const anyEjected = [...outlier.values()].some((h) => h.ejected);
    if (input.now - s.lastUsed > idleMs && !anyEjected && overflows === before) continue;
    const [host = '', , subset = ''] = s.key.split('|');
    views.push({
      caller: input.caller,
      ...(input.instance ? { instance: input.instance } : {}),
      cluster: s.key,
      host,
      ...(subset ? { subset } : {}),
      endpoints: s.current().map((c) => {
        const h = outlier.get(c.key);
        const e = c.endpoint;
        return {
          address: e.address,
          port: e.port,
          name: e.name,
          workload: e.workload,
          healthy: e.health !== 'Unhealthy' && !h?.ejected,
          ejected: Boolean(h?.ejected),
          ...(h?.ejected && h.ejectedUntil !== undefined ? { ejectedUntil: h.ejectedUntil } : {}),
          ejections: h?.ejectionCount ?? 0,
          active: s.balancer.active(c.key),
        };
      }),
      pool: {
        activeRequests: pool.activeRequests,
        pendingRequests: pool.pendingRequests,
        connections: pool.connections.total,
        maxConnections: pool.limits.maxConnections,
        maxPendingRequests: pool.limits.maxPendingRequests,
        maxRequests: pool.limits.maxRequests,
        overflows,
        overflowsInInterval: Math.max(0, overflows - before),
      },
    });
  }
  for (const key of input.previousOverflows.keys()) if (!seen.has(key)) input.previousOverflows.delete(key);
  return views;
}
