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
import type { Cancellation } from './cancel.js';

export type AttemptOutcome =
  | { kind: 'response'; response: IncomingMessage }
  /** Connect did not complete in time, or was refused: Envoy's UF (connect-failure). */
  | { kind: 'connect-failure'; error: string }
  /** The connection reset or closed before a response: Envoy's UC / reset. */
  | { kind: 'reset'; error: string }
  /** The per-try timeout fired: Envoy's UT for the try. */
  | { kind: 'per-try-timeout' }
  /** The connection came up after the destination's max requests were reached: Envoy's UO. */
  | { kind: 'overflow' }
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
  perTryTimeoutMs?: number | undefined;
  /** DestinationRule maxRequestsPerConnection: the connection closes after this many requests (0 = no limit). */
  maxRequestsPerConnection?: number | undefined;
  /** DestinationRule connectionPool.http.idleTimeout: pooled sockets idle this long close. */
  idleTimeoutMs?: number | undefined;
  /** DestinationRule connectionPool.tcp.tcpKeepalive.time: the TCP keep-alive delay. */
  tcpKeepaliveMs?: number | undefined;
  /**
   * For a request admitted onto a connection opened for it: called once its socket is up, before
   * a byte is written; false cancels the attempt with 'overflow'.
   */
  onConnected?: (() => boolean) | undefined;
}

export interface Forwarder {
  attempt(req: IncomingMessage, res: ServerResponse, spec: AttemptSpec, cancel: Cancellation): Promise<AttemptOutcome>;
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

/** Our key in http-proxy's per-call options (it copies own string keys into the options it emits). */
const ATTEMPT = 'rudderAttempt';
const ABORTED: AttemptOutcome = { kind: 'aborted' };
const PER_TRY_TIMEOUT: AttemptOutcome = { kind: 'per-try-timeout' };
const OVERFLOW: AttemptOutcome = { kind: 'overflow' };

function dropIdleSockets(agent: Agent) {
  for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
}

export function createForwarder(agents: EndpointAgents): Forwarder {
  const proxy = httpProxy.createProxyServer({ selfHandleResponse: true, xfwd: false, ws: false, prependPath: false });
  // Requests sent on each upstream socket, for maxRequestsPerConnection.
  const uses = new WeakMap<Socket, number>();
  // The attempt rides in the per-call options http-proxy hands back with its proxyReq event (no
  // map from request to attempt: a WeakMap entry per request is garbage-collector work), and it
  // takes its upstream request's own 'response' event, so a late answer to an earlier attempt
  // can never be taken for this one's.
  proxy.on('proxyReq', (proxyReq, _req, _res, options) => (options as { [ATTEMPT]?: Pending })[ATTEMPT]?.onProxyReq(proxyReq));
  proxy.on('error', () => {
    // Per-call callbacks handle errors; this keeps an unexpected one from killing the process.
  });

  /**
   * Sends the request once and resolves with what happened. The keep-alive race: the upstream
   * closed an idle socket as we reused it. A reset before any response cannot tell that from an
   * upstream that read the request and dropped it, so, as Go's http.Transport does, only a
   * replayable safe request is replayed, once, transparently, on a fresh connection (the
   * endpoint's other idle sockets are as old: they go too). Anything else is the retry
   * policy's to decide (Envoy's `reset`). One promise per attempt, replay included.
   */
  function send(req: IncomingMessage, res: ServerResponse, spec: AttemptSpec, cancel: Cancellation, resolve: (outcome: AttemptOutcome) => void, mayReplay: boolean) {
    if (cancel.aborted) return resolve(ABORTED);
    let settled = false;
    let connectTimer: NodeJS.Timeout | undefined;
    let tryTimer: NodeJS.Timeout | undefined;
    // Ends this send: its timers and abort listener go; undefined when a replay takes over.
    const finish = (outcome: AttemptOutcome | undefined, abort: boolean) => {
      if (settled) return;
      settled = true;
      if (connectTimer) clearTimeout(connectTimer);
      if (tryTimer) clearTimeout(tryTimer);
      cancel.off(onAbort);
      if (abort) pending.proxyReq?.destroy();
      if (outcome) resolve(outcome);
    };
    const onAbort = () => finish(ABORTED, true);
    const pending: Pending = {
      onProxyReq(proxyReq) {
        pending.proxyReq = proxyReq;
        // http-proxy emits proxyReq from the request's 'socket' event: the socket is there now.
        const socket = proxyReq.socket;
        if (socket) {
          if (spec.onConnected) admitOnConnect(socket, spec.onConnected);
          if (settled) return;
          if (socket.connecting) watchConnect(socket);
          const max = spec.maxRequestsPerConnection ?? 0;
          if (max > 1) countUse(socket, proxyReq, max);
        }
        if (spec.perTryTimeoutMs) tryTimer = setTimeout(() => finish(PER_TRY_TIMEOUT, true), spec.perTryTimeoutMs);
        proxyReq.once('response', pending.onResponse);
      },
      onResponse(response: IncomingMessage) {
        if (settled) response.resume();
        else finish({ kind: 'response', response }, false);
      },
    };
    // Our 'connect' listener runs before the socket flushes the queued request (Node registers
    // its flush when the request is written, after the 'socket' event): an overflow here
    // destroys the socket before the upstream sees anything, as Envoy never sends the stream.
    const admitOnConnect = (socket: Socket, onConnected: () => boolean) => {
      const check = () => {
        if (!settled && !onConnected()) finish(OVERFLOW, true);
      };
      if (socket.connecting) socket.once('connect', check);
      else check();
    };
    const watchConnect = (socket: Socket) => {
      connectTimer = setTimeout(() => {
        // Yield once: a busy event loop may have delayed the connect event itself.
        setImmediate(() => {
          if (socket.connecting) finish({ kind: 'connect-failure', error: `connect timeout after ${spec.connectTimeoutMs} ms` }, true);
        });
      }, spec.connectTimeoutMs);
      socket.once('connect', () => clearTimeout(connectTimer));
    };
    cancel.on(onAbort);

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
        [ATTEMPT]: pending,
      } as httpProxy.ServerOptions,
      (error: NodeJS.ErrnoException) => {
        const proxyReq = pending.proxyReq;
        const reused = Boolean((proxyReq as (ClientRequest & { reusedSocket?: boolean }) | undefined)?.reusedSocket);
        const refused = error.code === 'ECONNREFUSED' || error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH';
        if (!refused && reused && mayReplay && spec.body.replayable && replayable(spec) && !cancel.aborted && !settled) {
          finish(undefined, false);
          dropIdleSockets(agents.agentFor(spec.address, spec.port, spec.idleTimeoutMs, spec.tcpKeepaliveMs));
          send(req, res, spec, cancel, resolve, false);
          return;
        }
        finish(refused ? { kind: 'connect-failure', error: error.message } : { kind: 'reset', error: error.message }, false);
      },
    );
  }

  /** Requests sent on a socket, for maxRequestsPerConnection: the last one closes it once its response is read. */
  function countUse(socket: Socket, proxyReq: ClientRequest, max: number) {
    const n = (uses.get(socket) ?? 0) + 1;
    uses.set(socket, n);
    if (n >= max) proxyReq.once('response', (response: IncomingMessage) => response.once('end', () => socket.destroy()));
  }

  return {
    attempt(req, res, spec, cancel) {
      return new Promise<AttemptOutcome>((resolve) => send(req, res, spec, cancel, resolve, true));
    },
    close() {
      proxy.close();
      agents.close();
    },
  };
}
