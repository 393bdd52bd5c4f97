// createProxyRuntime(deps): everything one proxy process shares — the route table in
// use, the keep-alive agents, per-destination state, the forwarder and the access log —
// and the request handlers for its listeners. Sockets are opened by the caller (main.ts,
// tests); the clock and randomness are injected.
import type { RequestListener } from 'node:http';
import { createTableHolder, type TableHolder } from './config/table-holder.js';
import { createDestinationStates, type DestinationStates } from './destination/state.js';
import { createRequestHandler, type ListenerConfig } from './listeners/handler.js';
import { createInboundHandler, type InboundConfig } from './listeners/inbound.js';
import { createEndpointAgents } from './pipeline/agents.js';
import type { RequestContext } from './pipeline/context.js';
import { createForwarder } from './pipeline/forward.js';
import type { PipelineDeps } from './pipeline/run.js';
import { type AccessLog, accessLogEntry, createAccessLog } from './telemetry/access-log.js';

export interface ProxyRuntimeDeps {
  random?: () => number;
  now?: () => number;
  bodyCap?: number;
  /** Also print each access-log line (JSON) to this sink. */
  accessLogSink?: (line: string) => void;
  /** Milliseconds between outlier sweeps checks (each detector keeps its own interval). */
  sweepMs?: number;
}

export interface ProxyRuntime {
  tables: TableHolder;
  states: DestinationStates;
  accessLog: AccessLog;
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
  const record = (ctx: RequestContext) => accessLog.add(accessLogEntry(ctx, now()));
  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted || ms <= 0) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  const pipeline: PipelineDeps & { now: () => number } = {
    random,
    now,
    sleep,
    forwarder,
    states,
    agentFor: agents.agentFor,
    record,
    ...(deps.bodyCap !== undefined ? { bodyCap: deps.bodyCap } : {}),
  };
  const sweep = setInterval(() => states.tick(), deps.sweepMs ?? 100);
  sweep.unref();
  const prune = setInterval(() => states.prune(10 * 60_000), 60_000);
  prune.unref();

  return {
    tables,
    states,
    accessLog,
    handler: (config) => createRequestHandler(config, tables, pipeline),
    inboundHandler: (config) => {
      const handle = createInboundHandler(config, tables, { forwarder, now, record });
      return (req, res) => void handle(req, res);
    },
    close() {
      clearInterval(sweep);
      clearInterval(prune);
      forwarder.close();
    },
  };
}
