// Spans in their own SQLite file (`<data-dir>/traces.db`, WAL, synchronous NORMAL: losing the
// last spans in a crash is acceptable, slowing config writes is not): inserted one transaction
// per batch, kept by count and age with deletes in small batches, checkpointed on a timer.
// Search by service, operation, minimum duration, errors and time; one trace with its span
// tree; Zipkin v2 JSON export (https://zipkin.io/zipkin-api/#/default/post_spans).
import Database from 'better-sqlite3';
import type { Span, SpanNode, TraceDetail, TraceSummary } from '@rudder/shared/protocol';
import { canonicalOf } from '@rudder/shared/protocol';

export interface TraceQuery {
  /** Zipkin service (`productpage.default`) or its app (`productpage`). */
  service?: string;
  /** Substring of the span name (`reviews.default.svc.cluster.local:9080/*`). */
  operation?: string;
  minDurationMs?: number;
  errorsOnly?: boolean;
  sinceMs?: number;
  untilMs?: number;
  limit?: number;
}

export interface TraceOptions {
  now: () => number;
  maxSpans?: number;
  maxAgeMs?: number;
  /** Rows per retention delete (small, so the event loop is never held long). */
  deleteBatch?: number;
}

export interface TraceStore {
  insert(spans: readonly Span[]): void;
  search(q: TraceQuery): TraceSummary[];
  trace(traceId: string): TraceDetail | undefined;
  zipkin(traceId: string): ZipkinSpan[] | undefined;
  /** One retention step: deletes up to deleteBatch expired or surplus spans; returns how many. */
  retain(): number;
  checkpoint(): void;
  count(): number;
  close(): void;
}

export interface ZipkinSpan {
  traceId: string;
  id: string;
  parentId?: string;
  name: string;
  kind: 'CLIENT' | 'SERVER';
  timestamp: number;
  duration: number;
  localEndpoint: { serviceName: string };
  remoteEndpoint?: { serviceName: string };
  tags: Record<string, string>;
}

/** Istio's Zipkin service name: `<canonical service>.<namespace>`. */
export const serviceOf = (s: Pick<Span, 'local'>): string => `${canonicalOf(s.local).service}.${s.local.namespace}`;

export function openTraceStore(file: string, options: TraceOptions): TraceStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS spans (
      trace_id TEXT NOT NULL, span_id TEXT NOT NULL, parent_id TEXT, name TEXT NOT NULL, service TEXT NOT NULL,
      start_ms REAL NOT NULL, duration_ms REAL NOT NULL, error INTEGER NOT NULL, body TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS spans_by_trace ON spans (trace_id);
    CREATE INDEX IF NOT EXISTS spans_by_start ON spans (start_ms);
    CREATE INDEX IF NOT EXISTS spans_by_service ON spans (service, start_ms);
  `);
  const maxSpans = options.maxSpans ?? 200_000;
  const maxAgeMs = options.maxAgeMs ?? 24 * 3600_000;
  const deleteBatch = options.deleteBatch ?? 2000;
  const insertOne = db.prepare('INSERT INTO spans (trace_id, span_id, parent_id, name, service, start_ms, duration_ms, error, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertAll = db.transaction((spans: readonly Span[]) => {
    for (const s of spans) insertOne.run(s.traceId, s.id, s.parentId ?? null, s.name, serviceOf(s), s.start, s.durationMs, s.error ? 1 : 0, JSON.stringify(s));
  });
  const countStmt = db.prepare('SELECT count(*) AS n FROM spans');
  const byTrace = db.prepare('SELECT body FROM spans WHERE trace_id = ? ORDER BY start_ms');
  const deleteOld = db.prepare('DELETE FROM spans WHERE rowid IN (SELECT rowid FROM spans WHERE start_ms < ? ORDER BY start_ms LIMIT ?)');
  const deleteOldest = db.prepare('DELETE FROM spans WHERE rowid IN (SELECT rowid FROM spans ORDER BY start_ms LIMIT ?)');
  let approxCount = (countStmt.get() as { n: number }).n;

  const spansOf = (traceId: string): Span[] => (byTrace.all(traceId) as { body: string }[]).map((r) => JSON.parse(r.body) as Span);

  function summarize(traceId: string, spans: Span[]): TraceSummary {
    const start = Math.min(...spans.map((s) => s.start));
    const end = Math.max(...spans.map((s) => s.start + s.durationMs));
    const ids = new Set(spans.map((s) => s.id));
    const root = spans.find((s) => !s.parentId || !ids.has(s.parentId)) ?? spans[0];
    return {
      traceId,
      root: root ? `${serviceOf(root)}: ${root.name}` : '',
      start,
      durationMs: Math.round((end - start) * 1000) / 1000,
      spans: spans.length,
      services: [...new Set(spans.map(serviceOf))].sort(),
      errors: spans.filter((s) => s.error).length,
    };
  }

  return {
    insert(spans) {
      if (spans.length === 0) return;
      insertAll(spans);
      approxCount += spans.length;
    },
    search(q) {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (q.service) {
        where.push('(service = ? OR service LIKE ?)');
        args.push(q.service, `${q.service}.%`);
      }
      if (q.operation) {
        where.push('instr(name, ?) > 0');
        args.push(q.operation);
      }
      if (q.minDurationMs !== undefined) {
        where.push('duration_ms >= ?');
        args.push(q.minDurationMs);
      }
      if (q.errorsOnly) where.push('error = 1');
      if (q.sinceMs !== undefined) {
        where.push('start_ms >= ?');
        args.push(q.sinceMs);
      }
      if (q.untilMs !== undefined) {
        where.push('start_ms < ?');
        args.push(q.untilMs);
      }
      const sql = `SELECT trace_id, max(start_ms) AS latest FROM spans ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY trace_id ORDER BY latest DESC LIMIT ?`;
      const ids = db.prepare(sql).all(...args, Math.min(q.limit ?? 20, 500)) as { trace_id: string }[];
      return ids.map((r) => summarize(r.trace_id, spansOf(r.trace_id)));
    },
    trace(traceId) {
      const spans = spansOf(traceId);
      if (spans.length === 0) return undefined;
      const nodes = new Map<string, SpanNode>(spans.map((s) => [s.id, { ...s, service: serviceOf(s), children: [] }]));
      const roots: SpanNode[] = [];
      for (const n of nodes.values()) {
        const parent = n.parentId ? nodes.get(n.parentId) : undefined;
        if (parent) parent.children.push(n);
        else roots.push(n);
      }
      return { summary: summarize(traceId, spans), roots };
    },
    zipkin(traceId) {
      const spans = spansOf(traceId);
      return spans.length ? spans.map(toZipkin) : undefined;
    },
    retain() {
      let deleted = deleteOld.run(options.now() - maxAgeMs, deleteBatch).changes;
      if (deleted < deleteBatch && approxCount - deleted > maxSpans) {
        deleted += deleteOldest.run(Math.min(deleteBatch - deleted, approxCount - deleted - maxSpans)).changes;
      }
      approxCount = (countStmt.get() as { n: number }).n;
      return deleted;
    },
    checkpoint() {
      db.pragma('wal_checkpoint(PASSIVE)');
    },
    count: () => (countStmt.get() as { n: number }).n,
    close: () => db.close(),
  };
}

/** Zipkin v2: microsecond timestamps and durations, Istio's tags. */
export function toZipkin(s: Span): ZipkinSpan {
  const remote = s.kind === 'CLIENT' ? s.destination : s.source;
  const c = canonicalOf(s.local);
  return {
    traceId: s.traceId,
    id: s.id,
    ...(s.parentId ? { parentId: s.parentId } : {}),
    name: s.name,
    kind: s.kind,
    timestamp: Math.round(s.start * 1000),
    duration: Math.max(1, Math.round(s.durationMs * 1000)),
    localEndpoint: { serviceName: serviceOf(s) },
    ...(remote.workload !== 'unknown' ? { remoteEndpoint: { serviceName: `${canonicalOf(remote).service}.${remote.namespace}` } } : {}),
    tags: {
      component: 'proxy',
      'http.method': s.method,
      'http.url': s.url,
      'http.protocol': 'HTTP/1.1',
      'http.status_code': String(s.responseCode),
      response_flags: s.responseFlags,
      'guid:x-request-id': s.requestId,
      'istio.canonical_service': c.service,
      'istio.canonical_revision': c.revision,
      'istio.namespace': s.local.namespace,
      ...(s.upstreamCluster ? { upstream_cluster: s.upstreamCluster } : {}),
      ...(s.instance ? { node_id: s.instance } : {}),
      ...(s.error ? { error: 'true' } : {}),
    },
  };
}
