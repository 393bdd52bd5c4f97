// Live endpoint state as each calling proxy last reported it (its outlier detector's view:
// healthy or ejected until when and how often, active requests, pool use): the endpoints API
// and the graph's live badges read it. A view not re-reported within `staleMs` is dropped,
// so a proxy that went away stops counting. Bounded. Pure (clock injected).
import type { DestinationView } from '@rudder/shared/protocol';

export interface ReportedView extends DestinationView {
  proxy: string;
  reportedAt: number;
}

export interface EndpointQuery {
  /** Endpoints of this workload (the destination side). */
  workload?: string;
  namespace?: string;
  /** Only as this calling workload or instance sees them. */
  caller?: string;
  instance?: string;
  host?: string;
}

export interface EndpointStore {
  update(proxy: string, views: readonly DestinationView[]): void;
  /** Fresh views, narrowed to the endpoints the query names. */
  query(q?: EndpointQuery): ReportedView[];
}

export function createEndpointStore(now: () => number, options: { staleMs?: number; max?: number } = {}): EndpointStore {
  const staleMs = options.staleMs ?? 10_000;
  const max = options.max ?? 10_000;
  const views = new Map<string, ReportedView>();

  const prune = () => {
    const cutoff = now() - staleMs;
    for (const [k, v] of views) if (v.reportedAt < cutoff) views.delete(k);
  };

  return {
    update(proxy, list) {
      const at = now();
      for (const v of list) {
        const key = `${proxy}|${v.caller.namespace}/${v.caller.workload}|${v.instance ?? ''}|${v.cluster}`;
        views.delete(key);
        views.set(key, { ...v, proxy, reportedAt: at });
      }
      while (views.size > max) views.delete(views.keys().next().value as string);
    },
    query(q = {}) {
      prune();
      const out: ReportedView[] = [];
      for (const v of views.values()) {
        if (q.caller && v.caller.workload !== q.caller) continue;
        if (q.instance && v.instance !== q.instance) continue;
        if (q.host && v.host !== q.host && v.host.split('.')[0] !== q.host) continue;
        if (q.namespace && v.host.split('.')[1] !== q.namespace && v.caller.namespace !== q.namespace) continue;
        const endpoints = q.workload ? v.endpoints.filter((e) => e.workload === q.workload || e.name === q.workload) : v.endpoints;
        if (endpoints.length === 0 && q.workload) continue;
        out.push({ ...v, endpoints });
      }
      return out;
    },
  };
}
