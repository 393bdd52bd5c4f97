// The server's /metrics: Istio's four HTTP metrics with Istio's labels (istio-semantics.md
// §7), cumulative since the server started, summed from the proxies' batches. Mirror copies
// seen by their sender are left out, as Istio reports none (istio#11093); a copy reported by
// its target is an ordinary request there. Bounded by label sets. Pure.
import { type CumulativeSeries, type EdgeAggregate, formatIstioMetrics, HISTOGRAM_SIZE, type Histogram, istioLabels } from '@rudder/shared/protocol';
import { edgeIdOf } from './series.js';

export interface Counters {
  add(edge: EdgeAggregate): void;
  exposition(): string;
  readonly size: number;
  readonly dropped: number;
}

const fresh = (): Histogram => ({ counts: new Array<number>(HISTOGRAM_SIZE).fill(0), sum: 0 });

function merge(into: Histogram, from: Histogram) {
  for (let i = 0; i < HISTOGRAM_SIZE; i++) into.counts[i] = (into.counts[i] as number) + (from.counts[i] ?? 0);
  into.sum += from.sum;
}

export function createCounters(maxSeries = 10_000): Counters {
  const series = new Map<string, CumulativeSeries>();
  let dropped = 0;
  return {
    add(edge) {
      if (edge.mirrored && edge.reporter === 'source') return;
      const id = `${edgeIdOf({ ...edge, mirrored: false })}|${edge.responseCode}|${edge.responseFlags}`;
      let s = series.get(id);
      if (!s) {
        if (series.size >= maxSeries) {
          dropped += edge.requests;
          return;
        }
        s = { labels: istioLabels(edge), requests: 0, duration: fresh(), requestBytes: fresh(), responseBytes: fresh() };
        series.set(id, s);
      }
      s.requests += edge.requests;
      merge(s.duration, edge.duration);
      merge(s.requestBytes, edge.requestBytes);
      merge(s.responseBytes, edge.responseBytes);
    },
    exposition: () => formatIstioMetrics(series.values()),
    get size() {
      return series.size;
    },
    get dropped() {
      return dropped;
    },
  };
}
