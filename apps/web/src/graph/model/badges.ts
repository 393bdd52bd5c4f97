// Node badges (kiali-graph.md §5) from the server's NodeBadges: one per VirtualService
// feature (Kiali folds them into one VS badge; Rudder shows each, retries included), the
// circuit breaker with what its DestinationRule sets, and the live ejection and pool
// overflow counts Kiali lacks. Pure.
import type { GraphNode } from '@rudder/shared/protocol';
import type { Badge } from './types.js';

export function badgesOf(n: GraphNode): Badge[] {
  const out: Badge[] = [];
  const vs = n.badges.virtualService;
  if (vs) {
    const ref = `VirtualService ${vs.namespace}/${vs.name}`;
    out.push({ kind: 'vs', title: `${ref}: request routing` });
    if (vs.trafficShifting) out.push({ kind: 'shift', title: `${ref}: traffic shifting (weighted routes)` });
    if (vs.faultInjection) out.push({ kind: 'fault', title: `${ref}: fault injection` });
    if (vs.mirroring) out.push({ kind: 'mirror', title: `${ref}: mirroring` });
    if (vs.requestTimeout) out.push({ kind: 'timeout', title: `${ref}: request timeout` });
    if (vs.retries) out.push({ kind: 'retries', title: `${ref}: retries` });
  }
  const cb = n.badges.circuitBreaker;
  if (cb) {
    const parts = [cb.connectionPool ? 'connection pool' : '', cb.outlierDetection ? 'outlier detection' : ''].filter(Boolean).join(' and ');
    out.push({ kind: 'cb', title: `Circuit breaker: DestinationRule ${cb.destinationRule} sets ${parts}` });
  }
  if (n.badges.ejectedEndpoints) {
    const k = n.badges.ejectedEndpoints;
    out.push({ kind: 'ejected', title: `${k} endpoint${k === 1 ? '' : 's'} ejected by outlier detection`, count: k });
  }
  if (n.badges.poolOverflows) {
    const k = n.badges.poolOverflows;
    out.push({ kind: 'overflow', title: `${k} connection-pool overflow${k === 1 ? '' : 's'} (UO) in the last interval`, count: k });
  }
  return out;
}
