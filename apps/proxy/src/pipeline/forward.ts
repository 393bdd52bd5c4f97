// One upstream attempt over http-proxy (the only stage that touches it). Traps from
// DESIGN.md "Forwarding on http-proxy": selfHandleResponse so retries and 504s stay
// possible; a fresh body stream per attempt; a keep-alive agent per endpoint; our own
// connect and per-try timers (proxyTimeout would surface as a reset); a connect timer
// that yields once before declaring failure, so an event-loop stall is not a dead host;
// a safe request reset on a reused keep-alive socket is replayed once, on a fresh one.
import type { Agent, ClientRequest, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Stream } from 'node:stream';
import httpProxy from 'http-proxy';
import type { BufferedBody } from './body.js';
import type { EndpointAgents } from './agents.js';

export type AttemptOutcome =
  | { kind: 'response'; response: IncomingMessage }
  /** Connect did not complete in time, or was refused: Envoy's UF (connect-failure). */
  | { kind: 'connect-failure'; error: string }
  /** The connection reset or closed before a response: Envoy's UC / reset. */
  | { kind: 'reset'; error: string }
  /** The per-try timeout fired: Envoy's UT for the try. */
  | { kind: 'per-try-timeout' }
  /** The caller aborted (route timeout, client gone). */
  | { kind: 'aborted' };

export interface AttemptSpec {
  address: string;
  port: number;
  /** Request path with query, as it goes upstream. */
  path: string;
  method: string;
  headers: OutgoingHttpHeaders;
  body: BufferedBody;
  connectTimeoutMs: number;
  perTryTimeoutMs?: number;
  /** DestinationRule maxRequestsPerConnection: the connection closes after this many requests (0 = no limit). */
  maxRequestsPerConnection?: number;
  /** DestinationRule connectionPool.http.idleTimeout: pooled sockets idle this long close. */
  idleTimeoutMs?: number;
  /** DestinationRule connectionPool.tcp.tcpKeepalive.time: the TCP keep-alive delay. */
  tcpKeepaliveMs?: number;
}

export interface Forwarder {
  attempt(req: IncomingMessage, res: ServerResponse, spec: AttemptSpec, signal: AbortSignal): Promise<AttemptOutcome>;
  close(): void;
}

interface Pending {
  proxyReq?: ClientRequest;
  onProxyReq(proxyReq: ClientRequest): void;
  onResponse(response: IncomingMessage): void;
}

/** RFC 9110 §9.2.1 safe methods, or a request that says it is idempotent (Go's Request.isReplayable). */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
const replayable = (spec: AttemptSpec) =>
  SAFE.has(spec.method) || spec.headers['idempotency-key'] !== undefined || spec.headers['x-idempotency-key'] !== undefined;

function dropIdleSockets(agent: Agent) {
  for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
}

export function createForwarder(agents: EndpointAgents): Forwarder {
  const proxy = httpProxy.createProxyServer({ selfHandleResponse: true, xfwd: false, ws: false, prependPath: false });
  // Attempts of one request run one after another, so the request maps to its current attempt.
  const current = new WeakMap<IncomingMessage, Pending>();
  // Requests sent on each upstream socket, for maxRequestsPerConnection.
  const uses = new WeakMap<Socket, number>();
  proxy.on('proxyReq', (proxyReq, req) => current.get(req as IncomingMessage)?.onProxyReq(proxyReq));
  proxy.on('proxyRes', (response, req) => {
    const pending = current.get(req as IncomingMessage);
    if (pending && (response as IncomingMessage & { req?: ClientRequest }).req === pending.proxyReq) pending.onResponse(response);
    else response.resume();
  });
  proxy.on('error', () => {
    // Per-call callbacks handle errors; this keeps an unexpected one from killing the process.
  });

  function once(req: IncomingMessage, res: ServerResponse, spec: AttemptSpec, signal: AbortSignal) {
    return new Promise<AttemptOutcome & { reused?: boolean; wroteNothing?: boolean }>((resolve) => {
      let settled = false;
      const timers: NodeJS.Timeout[] = [];
      const pending: Pending = {
        onProxyReq(proxyReq) {
          pending.proxyReq = proxyReq;
          // http-proxy emits proxyReq from the request's 'socket' event: the socket is there now.
          const socket = proxyReq.socket;
          if (socket) {
            watchConnect(socket);
            countUse(socket);
          }
          if (spec.perTryTimeoutMs) timers.push(setTimeout(() => finish({ kind: 'per-try-timeout' }), spec.perTryTimeoutMs));
        },
        onResponse(response) {
          finish({ kind: 'response', response }, false);
        },
      };
      const countUse = (socket: Socket) => {
        const max = spec.maxRequestsPerConnection ?? 0;
        if (max <= 1) return;
        const n = (uses.get(socket) ?? 0) + 1;
        uses.set(socket, n);
        // The last request a connection may carry: close it once the response is read.
        if (n >= max) pending.proxyReq?.once('response', (response: IncomingMessage) => response.once('end', () => socket.destroy()));
      };
      const watchConnect = (socket: Socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(() => {
          // Yield once: a busy event loop may have delayed the connect event itself.
          setImmediate(() => {
            if (socket.connecting) finish({ kind: 'connect-failure', error: `connect timeout after ${spec.connectTimeoutMs} ms` });
          });
        }, spec.connectTimeoutMs);
        timers.push(timer);
        socket.once('connect', () => clearTimeout(timer));
      };
      const finish = (outcome: AttemptOutcome & { reused?: boolean; wroteNothing?: boolean }, abort = true) => {
        if (settled) return;
        settled = true;
        for (const t of timers) clearTimeout(t);
        signal.removeEventListener('abort', onAbort);
        if (abort) pending.proxyReq?.destroy();
        resolve(outcome);
      };
      const onAbort = () => finish({ kind: 'aborted' });
      if (signal.aborted) return resolve({ kind: 'aborted' });
      signal.addEventListener('abort', onAbort);
      current.set(req, pending);

      req.url = spec.path;
      req.method = spec.method;
      // maxRequestsPerConnection 1: every request asks the upstream to close its connection.
      const headers = spec.maxRequestsPerConnection === 1 ? { ...spec.headers, connection: 'close' } : spec.headers;
      req.headers = headers as IncomingMessage['headers'];
      proxy.web(
        req,
        res,
        {
          target: { host: spec.address, port: spec.port },
          agent: agents.agentFor(spec.address, spec.port, spec.idleTimeoutMs, spec.tcpKeepaliveMs),
          // http-proxy only calls `.pipe(proxyReq)` on it.
          buffer: spec.body.stream() as unknown as Stream,
        },
        (error: NodeJS.ErrnoException) => {
          const proxyReq = pending.proxyReq;
          const reused = Boolean((proxyReq as (ClientRequest & { reusedSocket?: boolean }) | undefined)?.reusedSocket);
          const refused = error.code === 'ECONNREFUSED' || error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH';
          finish(refused ? { kind: 'connect-failure', error: error.message } : { kind: 'reset', error: error.message, reused }, false);
        },
      );
    });
  }

  return {
    async attempt(req, res, spec, signal) {
      const outcome = await once(req, res, spec, signal);
      // The keep-alive race: the upstream closed an idle socket as we reused it. A reset before any
      // response cannot tell that from an upstream that read the request and dropped it, so, as
      // Go's http.Transport does, only a replayable safe request is replayed, once, transparently,
      // on a fresh connection (the endpoint's other idle sockets are as old: they go too). Anything
      // else is the retry policy's to decide (Envoy's `reset`).
      if (outcome.kind === 'reset' && outcome.reused && spec.body.replayable && replayable(spec) && !signal.aborted) {
        dropIdleSockets(agents.agentFor(spec.address, spec.port, spec.idleTimeoutMs, spec.tcpKeepaliveMs));
        return once(req, res, spec, signal);
      }
      return outcome;
    },
    close() {
      proxy.close();
      agents.close();
    },
  };
}
