// Endpoint state per instance as the callers' outlier detectors see it: ejected by how many
// callers, until when, how often. Pure.
import type { ReportedView } from '../api/types.js';

export interface EndpointState {
  ejectedBy: string[];
  ejections: number;
  ejectedUntil?: number;
  active: number;
}

/** Instance name → its state, merged over every caller that reported it. */
export function endpointStates(views: readonly ReportedView[]): Map<string, EndpointState> {
  const out = new Map<string, EndpointState>();
  for (const v of views) {
    for (const e of v.endpoints) {
      const key = e.name ?? `${e.address}:${e.port}`;
      const s = out.get(key) ?? { ejectedBy: [], ejections: 0, active: 0 };
      if (e.ejected) {
        s.ejectedBy.push(v.caller.workload);
        if (e.ejectedUntil) s.ejectedUntil = Math.max(s.ejectedUntil ?? 0, e.ejectedUntil);
      }
      s.ejections = Math.max(s.ejections, e.ejections);
      s.active += e.active;
      out.set(key, s);
    }
  }
  return out;
}
