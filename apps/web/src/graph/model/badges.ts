// Node badges (kiali-graph.md §5) from the server's NodeBadges: one per VirtualService
// feature (Kiali folds them into one VS badge; Rudder shows each, retries included), the
// circuit breaker with what its DestinationRule sets, and the live ejection and pool
// overflow counts Kiali lacks. Pure.
import type { GraphNode } from '@rudder/shared/protocol';
import type { Badge } from './types.js';

const config = (kind: string, namespace: string, name: string) => `/config/${kind}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;

/** Where live endpoint state is shown: the workload's page, else the service's. */
function liveStateHref(n: GraphNode): string | undefined {
  if (n.workload && n.workload !== 'unknown') return `/workloads/${encodeURIComponent(n.namespace)}/${encodeURIComponent(n.workload)}`;
  if (n.service) return `/services/${encodeURIComponent(n.namespace)}/${encodeURIComponent(n.service)}`;
  return undefined;
}

export function badgesOf(n: GraphNode): Badge[] {
  const out: Badge[] = [];
  const vs = n.badges.virtualService;
  if (vs) {
    const ref = `VirtualService ${vs.namespace}/${vs.name}`;
    const href = config('VirtualService', vs.namespace, vs.name);
    out.push({ kind: 'vs', title: `${ref}: request routing`, href });
    if (vs.trafficShifting) out.push({ kind: 'shift', title: `${ref}: traffic shifting (weighted routes)`, href });
    if (vs.faultInjection) out.push({ kind: 'fault', title: `${ref}: fault injection`, href });
    if (vs.mirroring) out.push({ kind: 'mirror', title: `${ref}: mirroring`, href });
    if (vs.requestTimeout) out.push({ kind: 'timeout', title: `${ref}: request timeout`, href });
    if (vs.retries) out.push({ kind: 'retries', title: `${ref}: retries`, href });
  }
  const cb = n.badges.circuitBreaker;
  if (cb) {
    const parts = [cb.connectionPool ? 'connection pool' : '', cb.outlierDetection ? 'outlier detection' : ''].filter(Boolean).join(' and ');
    const [ns, name] = cb.destinationRule.includes('/') ? (cb.destinationRule.split('/') as [string, string]) : [n.namespace, cb.destinationRule];
    out.push({ kind: 'cb', title: `Circuit breaker: DestinationRule ${cb.destinationRule} sets ${parts}`, href: config('DestinationRule', ns, name) });
  }
  const live = liveStateHref(n);
  if (n.badges.ejectedEndpoints) {
    const k = n.badges.ejectedEndpoints;
    out.push({ kind: 'ejected', title: `${k} endpoint${k === 1 ? '' : 's'} ejected by outlier detection`, count: k, ...(live ? { href: live } : {}) });
  }
  if (n.badges.poolOverflows) {
    const k = n.badges.poolOverflows;
    out.push({ kind: 'overflow', title: `${k} connection-pool overflow${k === 1 ? '' : 's'} (UO) in the last interval`, count: k, ...(live ? { href: live } : {}) });
  }
  return out;
}
