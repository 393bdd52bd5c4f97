// Range queries over the time series, the numbers Kiali's metrics pages chart from
// Prometheus (kiali-graph.md §6): request rate, error rate (5xx, and non-2xx including no
// response), p50/p95/p99 from merged histograms, and throughput, per step — for an edge, a
// workload, an app (version), or a service, inbound or outbound. Pure.
import type { MetricsPoint, MetricsResult, MetricsSelector } from '@rudder/shared/protocol';
import { quantile } from './histogram.js';
import type { EdgeIdentity, SeriesStore, WindowRow } from './series.js';


export function selectorFilter(s: MetricsSelector): (k: EdgeIdentity) => boolean {
  return (k) => {
    const reporter = s.reporter ?? 'graph';
    if (reporter === 'graph' ? !(k.reporter === 'source' || k.source.workload === 'unknown') : k.reporter !== reporter) return false;
    const mirrored = s.mirrored ?? 'exclude';
    if ((mirrored === 'exclude' && k.mirrored) || (mirrored === 'only' && !k.mirrored)) return false;
    const side = s.direction === 'outbound' ? k.source : k.destination;
    if (s.workload && side.workload !== s.workload) return false;
    if (s.app && side.app !== s.app) return false;
    if (s.version && side.version !== s.version) return false;
    if (s.namespace && side.namespace !== s.namespace && !(s.service && k.destinationServiceNamespace === s.namespace)) return false;
    if (s.service && k.destinationServiceName !== s.service && k.destinationService !== s.service) return false;
    if (s.source && k.source.workload !== s.source) return false;
    if (s.destination && k.destination.workload !== s.destination) return false;
    return true;
  };
}

/** One point from the rows of one step. */
export function pointOf(t: number, stepS: number, rows: readonly WindowRow[]): MetricsPoint {
  let requests = 0;
  let e5 = 0;
  let non2 = 0;
  let reqBytes = 0;
  let resBytes = 0;
  const hist = new Array<number>(rows[0]?.duration.length ?? 0).fill(0);
  for (const r of rows) {
    requests += r.requests;
    reqBytes += r.requestBytes;
    resBytes += r.responseBytes;
    for (let i = 0; i < hist.length; i++) hist[i] = (hist[i] as number) + (r.duration[i] as number);
    for (const c of r.codes) {
      if (c.code >= 500) e5 += c.requests;
      if (c.code < 200 || c.code >= 300) non2 += c.requests;
    }
  }
  const pct = (n: number) => (requests ? Math.round((n / requests) * 10000) / 100 : 0);
  const q = (x: number) => (hist.length ? quantile(x, hist) : undefined);
  const [p50, p95, p99] = [q(0.5), q(0.95), q(0.99)];
  return {
    t,
    requests,
    rps: requests / stepS,
    errors5xx: e5,
    errorsNon2xx: non2,
    errorRate5xx: pct(e5),
    errorRateNon2xx: pct(non2),
    ...(p50 !== undefined ? { p50 } : {}),
    ...(p95 !== undefined ? { p95 } : {}),
    ...(p99 !== undefined ? { p99 } : {}),
    requestThroughput: reqBytes / stepS,
    responseThroughput: resBytes / stepS,
  };
}

export function queryMetrics(series: SeriesStore, selector: MetricsSelector, fromMs: number, toMs: number, stepS: number): MetricsResult {
  const filter = selectorFilter(selector);
  const { from, stepS: step, rows } = series.steps(fromMs, toMs, stepS, filter);
  const points = rows.map((r, i) => pointOf(from + i * step * 1000, step, r));
  const total = pointOf(from, Math.max(1, (toMs - fromMs) / 1000), rows.flat());
  return { from, until: toMs, stepSeconds: step, total, points };
}

export type { MetricsPoint, MetricsResult, MetricsSelector };
