// Telemetry read APIs: Prometheus' /metrics in Istio's names and labels (istio-semantics.md
// §7), and under /rudder/v1 the metrics range queries, the traffic graph as Kiali builds it
// (kiali-graph.md), live endpoint state, access logs (NDJSON, with follow), and ingest stats.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RudderError } from '@rudder/shared/errors';
import type { GraphType } from '@rudder/shared/protocol';
import { GRAPH_TYPES, type GraphSources, queryGraph } from '../../telemetry/graph/query.js';
import { type MetricsSelector, queryMetrics } from '../../telemetry/metrics-query.js';
import type { Telemetry } from '../../telemetry/telemetry.js';
import type { WatchHub } from '../kube/watch.js';
import { streamLogs } from './log-stream.js';
import { oneOf, parseBool, parseCount, parseSeconds, parseWindow, type Query } from './telemetry-params.js';

export interface TelemetryRoutesOptions extends GraphSources {
  telemetry: Telemetry;
  hub: WatchHub;
}

type Req = FastifyRequest<{ Querystring: Query }>;

const list = (text: string | undefined) => (text ? text.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

export function graphParamsOf(q: Query, now: number) {
  const { fromMs, toMs } = parseWindow(q, now);
  const graphType = (oneOf('type', q.type ?? q.graphType, GRAPH_TYPES) ?? 'versionedApp') as GraphType;
  const inject = parseBool('injectServiceNodes', q.injectServiceNodes);
  const idle = parseBool('includeIdleEdges', q.includeIdleEdges);
  const namespaces = list(q.namespaces);
  return {
    graphType,
    fromMs,
    toMs,
    ...(inject !== undefined ? { injectServiceNodes: inject } : {}),
    ...(idle !== undefined ? { includeIdleEdges: idle } : {}),
    ...(namespaces ? { namespaces } : {}),
  };
}

export async function telemetryRoutes(app: FastifyInstance, opts: TelemetryRoutesOptions) {
  const { telemetry } = opts;

  // Prometheus scrapes this (with a bearer token): counters cumulative since the server started.
  app.get('/metrics', (_req, reply) => reply.type('text/plain; version=0.0.4; charset=utf-8').send(telemetry.counters.exposition()));

  app.get('/rudder/v1/metrics', (req: Req) => {
    const q = req.query;
    const { fromMs, toMs } = parseWindow(q, telemetry.now(), 600);
    const stepS = q.step ? parseSeconds('step', q.step) : Math.max(1, Math.ceil((toMs - fromMs) / 1000 / 60));
    if ((toMs - fromMs) / 1000 / stepS > 2000) throw new RudderError('BadRequest', 'step: more than 2000 points; use a larger step');
    const selector: MetricsSelector = {};
    for (const k of ['workload', 'app', 'version', 'namespace', 'service', 'source', 'destination'] as const) if (q[k]) selector[k] = q[k];
    const direction = oneOf('direction', q.direction, ['inbound', 'outbound'] as const);
    const reporter = oneOf('reporter', q.reporter, ['source', 'destination', 'graph'] as const);
    const mirrored = oneOf('mirrored', q.mirrored, ['exclude', 'include', 'only'] as const);
    if (direction) selector.direction = direction;
    if (reporter) selector.reporter = reporter;
    if (mirrored) selector.mirrored = mirrored;
    return { selector, ...queryMetrics(telemetry.series, selector, fromMs, toMs, stepS) };
  });

  app.get('/rudder/v1/graph', (req: Req) => queryGraph(opts, graphParamsOf(req.query, telemetry.now())));

  app.get('/rudder/v1/endpoints', (req: Req) => {
    const q = req.query;
    const items = telemetry.endpoints.query({
      ...(q.workload ? { workload: q.workload } : {}),
      ...(q.namespace ? { namespace: q.namespace } : {}),
      ...(q.caller ? { caller: q.caller } : {}),
      ...(q.instance ? { instance: q.instance } : {}),
      ...(q.host ? { host: q.host } : {}),
    });
    return { items };
  });

  app.get('/rudder/v1/logs', (req: Req, reply) => {
    const q = req.query;
    const tail = parseCount('tail', q.tail);
    const since = q.sinceSeconds ? parseSeconds('sinceSeconds', q.sinceSeconds) : undefined;
    streamLogs(reply, {
      store: telemetry.logs,
      query: {
        ...(q.namespace ? { namespace: q.namespace } : {}),
        ...(q.workload ? { workload: q.workload } : {}),
        ...(q.instance ? { instance: q.instance } : {}),
        ...(tail !== undefined ? { tail } : {}),
        ...(since !== undefined ? { sinceMs: telemetry.now() - since * 1000 } : {}),
      },
      follow: parseBool('follow', q.follow) ?? false,
      hub: opts.hub,
      contentType: 'application/x-ndjson',
      format: (l) => `${JSON.stringify({ time: new Date(l.at).toISOString(), namespace: l.namespace, workload: l.workload, ...(l.instance ? { instance: l.instance } : {}), entry: parseLine(l.line) })}\n`,
    });
  });

  app.get('/rudder/v1/telemetry/stats', () => telemetry.stats());
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return line;
  }
}
