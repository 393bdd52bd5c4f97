// One proxy runtime's telemetry (DESIGN.md data flow 3): every finished request folds into
// the per-edge aggregator (source reporter at the gateway and outbound listeners, destination
// reporter inbound, as Istio reports), sampled requests become spans, access-log entries
// queue for the server. flush() hands over one interval's worth; everything is bounded.
import type { DestinationView, EdgeAggregate, EdgeKey, Endpoint, LogLines, Reporter, Span, WorkloadIdentity } from '@rudder/shared/protocol';
import { formatIstioMetrics } from '@rudder/shared/protocol';
import type { DestinationStates } from '../destination/state.js';
import type { RequestContext } from '../pipeline/context.js';
import type { AccessLogRecord } from './access-log.js';
import { type AggregatorLimits, createAggregator } from './aggregator.js';
import { destinationViews } from './destinations.js';
import { createEdgeKeyCache, type ServiceRef } from './edge-key.js';

export interface RecorderLimits extends AggregatorLimits {
  /** Spans kept per interval (default 2000). */
  maxSpans?: number;
  /** Access-log entries kept per interval (default 2000). */
  maxLogLines?: number;
}

export interface TelemetryRecorderDeps {
  states: DestinationStates;
  /** The pod-like instance this runtime serves (`reviews-v1-2`), for logs and endpoint views. */
  instance?: string;
  limits?: RecorderLimits;
}

export interface RecorderFlush {
  edges: EdgeAggregate[];
  spans: Span[];
  destinations: DestinationView[];
  logs: LogLines[];
}

export interface TelemetryRecorder {
  /** The runtime's own workload (its listeners' `self`): the caller in endpoint views and logs. */
  setLocal(self: WorkloadIdentity): void;
  record(ctx: RequestContext, reporter: Reporter, local: WorkloadIdentity, endedAt: number, entry?: AccessLogRecord): void;
  /** A mirror copy's outcome, reported by its sender (status 0: no answer). */
  recordMirror(ctx: RequestContext, endpoint: Endpoint, host: string, status: number, durationMs: number): void;
  flush(now: number): RecorderFlush;
  /** Istio's metrics since start, Prometheus text format. */
  prometheus(): string;
  drops(): { records: number; spans: number; logLines: number };
}

export function createTelemetryRecorder(deps: TelemetryRecorderDeps): TelemetryRecorder {
  const aggregator = createAggregator(deps.limits);
  const keys = createEdgeKeyCache();
  const maxSpans = deps.limits?.maxSpans ?? 2000;
  const maxLogLines = deps.limits?.maxLogLines ?? 2000;
  let spans: Span[] = [];
  let entries: AccessLogRecord[] = [];
  let local: WorkloadIdentity | undefined;
  const previousOverflows = new Map<string, number>();
  const dropped = { spans: 0, logLines: 0 };

  return {
    setLocal(self) {
      local ??= self;
    },
    record(ctx, reporter, self, endedAt, entry) {
      const { id, key, service } = keys.keyOf(ctx, reporter, self);
      const durationMs = Math.max(0, endedAt - ctx.startedAt);
      aggregator.add(id, key, { durationMs, requestBytes: requestBytesOf(ctx), responseBytes: ctx.responseBytes ?? 0 });
      if (ctx.span?.sampled) {
        if (spans.length < maxSpans) spans.push(spanOf(ctx, reporter, self, key, service, durationMs, deps.instance));
        else dropped.spans++;
      }
      if (entry) {
        if (entries.length < maxLogLines) entries.push(entry);
        else dropped.logLines++;
      }
    },
    recordMirror(ctx, endpoint, host, status, durationMs) {
      const { id, key } = keys.mirrorKeyOf(ctx.source, endpoint, host, status);
      const bytes = ctx.body?.length ?? 0;
      aggregator.add(id, key, { durationMs: Math.max(0, durationMs), requestBytes: Math.max(0, bytes), responseBytes: 0 });
    },
    flush(now) {
      const edges = aggregator.flush();
      const outSpans = spans;
      spans = [];
      const lines = entries.map((e) => JSON.stringify(e));
      entries = [];
      const caller = local ?? { workload: 'unknown', namespace: 'unknown', app: 'unknown', version: 'unknown' };
      const destinations = destinationViews({
        states: deps.states.all(),
        caller,
        ...(deps.instance ? { instance: deps.instance } : {}),
        now,
        previousOverflows,
      });
      const logs: LogLines[] = lines.length ? [{ workload: caller, ...(deps.instance ? { instance: deps.instance } : {}), lines }] : [];
      return { edges, spans: outSpans, destinations, logs };
    },
    prometheus: () => formatIstioMetrics(aggregator.series()),
    drops: () => ({ records: aggregator.dropped, spans: dropped.spans, logLines: dropped.logLines }),
  };
}

function requestBytesOf(ctx: RequestContext): number {
  if (ctx.body && ctx.body.length >= 0) return ctx.body.length;
  const declared = Number(ctx.req.headers['content-length']);
  return Number.isFinite(declared) && declared > 0 ? declared : 0;
}

/** Envoy's span for one hop: `<host>:<port>/*`, CLIENT at the gateway and outbound, SERVER inbound. */
function spanOf(
  ctx: RequestContext,
  reporter: Reporter,
  self: WorkloadIdentity,
  key: EdgeKey,
  service: ServiceRef,
  durationMs: number,
  instance: string | undefined,
): Span {
  const span = ctx.span as NonNullable<RequestContext['span']>;
  const port = ctx.destination?.port ?? ctx.port ?? 80;
  const d = ctx.destination;
  const cluster = reporter === 'destination' ? `inbound|${ctx.port ?? ''}||` : d ? `outbound|${d.port ?? ''}|${d.subset ?? ''}|${d.host}` : undefined;
  return {
    traceId: span.traceId,
    id: span.spanId,
    ...(span.parentId ? { parentId: span.parentId } : {}),
    name: `${service.host === 'unknown' ? ctx.host : service.host}:${port}/*`,
    kind: reporter === 'destination' ? 'SERVER' : 'CLIENT',
    start: ctx.startedAt,
    durationMs,
    reporter,
    local: self,
    source: key.source,
    destination: key.destination,
    destinationService: key.destinationService,
    ...(instance ? { instance } : {}),
    method: ctx.method,
    url: `http://${String(ctx.req.headers.host ?? ctx.host)}${ctx.path}`,
    responseCode: key.responseCode,
    responseFlags: key.responseFlags,
    requestId: ctx.requestId,
    ...(cluster ? { upstreamCluster: cluster } : {}),
    error: key.responseCode === 0 || key.responseCode >= 500,
  };
}
