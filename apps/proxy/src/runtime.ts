// createProxyRuntime(deps): everything one proxy process shares — the route table in
// use, the keep-alive agents, per-destination state, the forwarder and the access log —
// and the request handlers for its listeners. Sockets are opened by the caller (main.ts,
// tests); the clock and randomness are injected.
import type { IncomingHttpHeaders, RequestListener } from 'node:http';
import { createTableHolder, type TableHolder } from './config/table-holder.js';
import { createDestinationStates, type DestinationStates } from './destination/state.js';
import { createRequestHandler, type ListenerConfig } from './listeners/handler.js';
import { createInboundHandler, type InboundConfig } from './listeners/inbound.js';
import { createEndpointAgents } from './pipeline/agents.js';
import type { Cancellation } from './pipeline/cancel.js';
import type { RequestContext } from './pipeline/context.js';
import { createForwarder } from './pipeline/forward.js';
import type { PipelineDeps } from './pipeline/run.js';
import { type AccessLog, AccessLogRecord, createAccessLog } from './telemetry/access-log.js';
import { createTelemetryRecorder, type RecorderLimits, type TelemetryRecorder } from './telemetry/recorder.js';
import { createRandomIds } from './telemetry/random-ids.js';
import { startSpan } from './telemetry/trace-context.js';
import type { Reporter } from '@rudder/shared/protocol';
import type { PeerIdentity } from './listeners/identity.js';

export interface ProxyRuntimeDeps {
  random?: () => number;
  now?: () => number;
  bodyCap?: number;
  /** Also print each access-log line (JSON) to this sink. */
  accessLogSink?: (line: string) => void;
  /** Milliseconds between outlier sweeps checks (each detector keeps its own interval). */
  sweepMs?: number;
  /** The pod-like instance this runtime fronts (`reviews-v1-2`), named in its logs and endpoint views. */
  instance?: string;
  /** Head sampling of new traces in percent (Istio's default 1; the sandbox uses 100). */
  traceSampling?: number;
  telemetryLimits?: RecorderLimits;
  /** false: access log only, no aggregates, spans or trace headers (the benchmarks' baseline). */
  telemetry?: boolean;
}

export interface ProxyRuntime {
  tables: TableHolder;
  states: DestinationStates;
  accessLog: AccessLog;
  /** Per-edge aggregates, spans and log lines for /ws/telemetry and /stats/prometheus. */
  telemetry: TelemetryRecorder;
  handler(config: ListenerConfig): RequestListener;
  inboundHandler(config: InboundConfig): RequestListener;
  close(): void;
}

export function createProxyRuntime(deps: ProxyRuntimeDeps = {}): ProxyRuntime {
  const random = deps.random ?? Math.random;
  const now = deps.now ?? (() => performance.timeOrigin + performance.now());
  const tables = createTableHolder();
  const agents = createEndpointAgents();
  const forwarder = createForwarder(agents);
  const states = createDestinationStates({ random, now });
  const accessLog = createAccessLog(deps.accessLogSink);
  const telemetry = createTelemetryRecorder({
    states,
    ...(deps.instance ? { instance: deps.instance } : {}),
    ...(deps.telemetryLimits ? { limits: deps.telemetryLimits } : {}),
  });
  // Source reporter at the gateway and outbound listeners (local = the caller), destination inbound.
  const record = (ctx: RequestContext, local: PeerIdentity = ctx.source, reporter: Reporter = 'source') => {
    const ended = now();
    const entry = new AccessLogRecord(ctx, ended);
    accessLog.add(entry);
    if (telemetryOn) telemetry.record(ctx, reporter, local, ended, entry);
  };
  const telemetryOn = deps.telemetry !== false;
  const traceDeps = { id: createRandomIds(), random, samplingPercent: deps.traceSampling ?? 1 };
  const trace = (headers: IncomingHttpHeaders) => startSpan(headers, traceDeps);
  const sleep = (ms: number, cancel: Cancellation) =>
    new Promise<void>((resolve) => {
      if (cancel.aborted || ms <= 0) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        cancel.off(done);
        resolve();
      }
      cancel.on(done);
    });
  const pipeline: PipelineDeps & { now: () => number } = {
    random,
    now,
    sleep,
    forwarder,
    states,
    agentFor: agents.agentFor,
    record: (ctx) => record(ctx),
    ...(telemetryOn ? { trace, recordMirror: telemetry.recordMirror } : {}),
    ...(deps.bodyCap !== undefined ? { bodyCap: deps.bodyCap } : {}),
  };
  // Per-destination state goes with its DestinationRule (DESIGN.md "The proxy pipeline").
  tables.onSwap((table) => states.retain(table));
  const sweep = setInterval(() => states.tick(), deps.sweepMs ?? 100);
  sweep.unref();
  const prune = setInterval(() => states.prune(10 * 60_000), 60_000);
  prune.unref();

  return {
    tables,
    states,
    accessLog,
    telemetry,
    handler: (config) => {
      telemetry.setLocal(config.self);
      return createRequestHandler(config, tables, pipeline);
    },
    inboundHandler: (config) => {
      telemetry.setLocal(config.self);
      const handle = createInboundHandler(config, tables, { forwarder, now, ...(telemetryOn ? { trace } : {}), record: (ctx, self) => record(ctx, self, 'destination') });
      return (req, res) => void handle(req, res);
    },
    close() {
      clearInterval(sweep);
      clearInterval(prune);
      forwarder.close();
    },
  };
}
