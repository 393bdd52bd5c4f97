// The server's telemetry (DESIGN.md data flow 4): folds each proxy batch into the time-series
// rings and Prometheus counters, stores spans (one transaction per batch, in traces.db), keeps
// the latest endpoint views and access-log lines. Timers run retention deletes and WAL
// checkpoints for the trace file. Memory bounds are stated in the README.
import type { TelemetryBatch } from '@rudder/shared/protocol';
import { type Counters, createCounters } from './counters.js';
import { createEndpointStore, type EndpointStore } from './endpoints.js';
import { createLogStore, type LogStore } from './logs.js';
import { createSeriesStore, type SeriesLimits, type SeriesStore } from './series.js';
import { openTraceStore, type TraceStore } from './traces.js';

export interface TelemetryOptions {
  now?: () => number;
  /** The trace SQLite file (`<data-dir>/traces.db`); `:memory:` when absent. */
  traceFile?: string;
  maxSpans?: number;
  maxSpanAgeMs?: number;
  /** Server-side head sampling of traces in percent (proxies sample first; default 100: keep all they send). */
  traceSampling?: number;
  series?: SeriesLimits;
  /** Milliseconds between retention steps and WAL checkpoints (default 5000). */
  maintenanceMs?: number;
}

export interface TelemetryStats {
  batches: number;
  lastBatchAt?: number;
  series: ReturnType<SeriesStore['stats']>;
  counters: { series: number; dropped: number };
  spans: number;
  /** Per proxy: the drop counters it last reported. */
  proxyDrops: Record<string, TelemetryBatch['dropped']>;
}

export interface Telemetry {
  ingest(batch: TelemetryBatch): void;
  readonly series: SeriesStore;
  readonly counters: Counters;
  readonly endpoints: EndpointStore;
  readonly logs: LogStore;
  readonly traces: TraceStore;
  now(): number;
  /** Notified after each batch (the live graph's clock). */
  onBatch(listener: () => void): () => void;
  stats(): TelemetryStats;
  close(): void;
}

export function createTelemetry(options: TelemetryOptions = {}): Telemetry {
  const now = options.now ?? Date.now;
  const series = createSeriesStore(now, options.series);
  const counters = createCounters();
  const endpoints = createEndpointStore(now);
  const logs = createLogStore(now);
  const traces = openTraceStore(options.traceFile ?? ':memory:', {
    now,
    ...(options.maxSpans !== undefined ? { maxSpans: options.maxSpans } : {}),
    ...(options.maxSpanAgeMs !== undefined ? { maxAgeMs: options.maxSpanAgeMs } : {}),
  });
  const sampling = options.traceSampling ?? 100;
  const listeners = new Set<() => void>();
  const proxyDrops: TelemetryStats['proxyDrops'] = {};
  let batches = 0;
  let lastBatchAt: number | undefined;

  const maintenance = setInterval(() => {
    traces.retain();
    traces.checkpoint();
  }, options.maintenanceMs ?? 5000);
  maintenance.unref();

  /** Keeps a trace or not by its id, so every span of a trace gets the same decision. */
  const sampled = (traceId: string) => sampling >= 100 || Number.parseInt(traceId.slice(-8), 16) / 0xffffffff < sampling / 100;

  return {
    ingest(batch) {
      const at = now();
      // The batch's middle second (proxies flush on the second); never in the future.
      const second = Math.min(Math.floor((batch.start + batch.end) / 2000), Math.floor(at / 1000));
      for (const edge of batch.edges) {
        series.add(edge, second);
        counters.add(edge);
      }
      traces.insert(sampling >= 100 ? batch.spans : batch.spans.filter((s) => sampled(s.traceId)));
      endpoints.update(batch.proxy, batch.destinations);
      logs.append(batch.proxy, batch.logs);
      proxyDrops[batch.proxy] = batch.dropped;
      batches++;
      lastBatchAt = at;
      for (const l of listeners) l();
    },
    series,
    counters,
    endpoints,
    logs,
    traces,
    now,
    onBatch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stats: () => ({
      batches,
      ...(lastBatchAt !== undefined ? { lastBatchAt } : {}),
      series: series.stats(),
      counters: { series: counters.size, dropped: counters.dropped },
      spans: traces.count(),
      proxyDrops: { ...proxyDrops },
    }),
    close() {
      clearInterval(maintenance);
      traces.close();
    },
  };
}
