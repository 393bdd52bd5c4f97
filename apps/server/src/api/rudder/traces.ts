// /rudder/v1/traces: search (service, operation, minimum duration, errors only, time range),
// one trace with its span tree (parents before children, W3C/B3 ids), and the same trace
// as Zipkin v2 JSON for Zipkin or Jaeger (`/zipkin`, or `?format=zipkin`).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RudderError } from '@rudder/shared/errors';
import type { TraceStore } from '../../telemetry/traces.js';
import { parseBool, parseCount, parseSeconds, parseTime, type Query } from './telemetry-params.js';

type Req = FastifyRequest<{ Querystring: Query; Params: { id: string } }>;

/** `minDuration=250ms`, `1.5s`, or a plain number of milliseconds. */
function parseMinDuration(text: string): number {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : parseSeconds('minDuration', text) * 1000;
}

export async function traceRoutes(app: FastifyInstance, { traces, now }: { traces: TraceStore; now: () => number }) {
  app.get('/rudder/v1/traces', (req: Req) => {
    const q = req.query;
    const limit = parseCount('limit', q.limit);
    const items = traces.search({
      ...(q.service ? { service: q.service } : {}),
      ...(q.operation ? { operation: q.operation } : {}),
      ...(q.minDuration ? { minDurationMs: parseMinDuration(q.minDuration) } : {}),
      ...(parseBool('errors', q.errors) ? { errorsOnly: true } : {}),
      ...(q.since ? { sinceMs: parseTime('since', q.since) } : q.duration ? { sinceMs: now() - parseSeconds('duration', q.duration) * 1000 } : {}),
      ...(q.until ? { untilMs: parseTime('until', q.until) } : {}),
      ...(limit !== undefined ? { limit } : {}),
    });
    return { items };
  });

  const notFound = (id: string) => new RudderError('NotFound', `trace ${JSON.stringify(id)} not found (not sampled, or past retention)`, [], { name: id, kind: 'traces' });

  const zipkin = (id: string) => {
    const spans = traces.zipkin(id);
    if (!spans) throw notFound(id);
    return spans;
  };

  app.get('/rudder/v1/traces/:id', (req: Req) => {
    if (req.query.format === 'zipkin') return zipkin(req.params.id);
    const trace = traces.trace(req.params.id);
    if (!trace) throw notFound(req.params.id);
    return trace;
  });
  app.get('/rudder/v1/traces/:id/zipkin', (req: Req) => zipkin(req.params.id));
}
