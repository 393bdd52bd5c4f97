// Folds per-request records into per-edge aggregates with Istio's metric dimensions and
// Envoy's default histogram buckets (istio-semantics.md §7): an interval map that flush()
// hands over and resets (one batch per second), and cumulative series for the admin's
// /stats/prometheus. Both are bounded; records past a bound are counted, not kept. Pure.
import {
  bucketIndex,
  type CumulativeSeries,
  type EdgeAggregate,
  type EdgeKey,
  HISTOGRAM_SIZE,
  type Histogram,
  istioLabels,
} from '@rudder/shared/protocol';

export interface Measurement {
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
}

export interface AggregatorLimits {
  /** Distinct edges per interval (default 5000). */
  maxEdges?: number;
  /** Distinct cumulative label sets (default 10000). */
  maxSeries?: number;
}

export interface Aggregator {
  /** Adds one request; `id` identifies `key` apart from `mirrored` (callers cache its parts). */
  add(id: string, key: EdgeKey, m: Measurement): void;
  /** The interval's aggregates; the interval starts over. */
  flush(): EdgeAggregate[];
  /** Cumulative series since start, for Prometheus (mirror copies seen by the source excluded). */
  series(): Iterable<CumulativeSeries>;
  /** Records not aggregated because a bound was reached. */
  readonly dropped: number;
}

export const emptyHistogram = (): Histogram => ({ counts: new Array<number>(HISTOGRAM_SIZE).fill(0), sum: 0 });

function observe(h: Histogram, value: number) {
  const i = bucketIndex(value);
  h.counts[i] = (h.counts[i] as number) + 1;
  h.sum += value;
}

export function createAggregator(limits: AggregatorLimits = {}): Aggregator {
  const maxEdges = limits.maxEdges ?? 5000;
  const maxSeries = limits.maxSeries ?? 10_000;
  let interval = new Map<string, EdgeAggregate>();
  const totals = new Map<string, CumulativeSeries>();
  let dropped = 0;

  return {
    add(base, key, m) {
      const id = key.mirrored ? `${base}|mirror` : base;
      let agg = interval.get(id);
      if (!agg) {
        if (interval.size >= maxEdges) {
          dropped++;
          return;
        }
        agg = { ...key, requests: 0, duration: emptyHistogram(), requestBytes: emptyHistogram(), responseBytes: emptyHistogram() };
        interval.set(id, agg);
      }
      agg.requests++;
      observe(agg.duration, m.durationMs);
      observe(agg.requestBytes, m.requestBytes);
      observe(agg.responseBytes, m.responseBytes);
      // Istio reports no source-side series for mirror copies (istio#11093); nor does Rudder's Prometheus view.
      if (key.mirrored && key.reporter === 'source') return;
      // A mirror copy seen by the destination is an ordinary request to it, as in Istio: same series.
      let total = totals.get(base);
      if (!total) {
        if (totals.size >= maxSeries) return;
        total = { labels: istioLabels(key), requests: 0, duration: emptyHistogram(), requestBytes: emptyHistogram(), responseBytes: emptyHistogram() };
        totals.set(base, total);
      }
      total.requests++;
      observe(total.duration, m.durationMs);
      observe(total.requestBytes, m.requestBytes);
      observe(total.responseBytes, m.responseBytes);
    },
    flush() {
      const out = [...interval.values()];
      interval = new Map();
      return out;
    },
    series: () => totals.values(),
    get dropped() {
      return dropped;
    },
  };
}
