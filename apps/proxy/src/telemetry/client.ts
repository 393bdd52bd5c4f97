// The proxy's side of /ws/telemetry (DESIGN.md data flow 3): once a second, on the wall-clock
// second, flush every runtime's recorder into one batch and send it. Nothing here runs on
// the request path. While the server is away or slow (the socket's buffer is full), batches
// queue up to a bound and the oldest are dropped and counted; reconnects use jittered
// exponential backoff, as the config client does.
import WebSocket from 'ws';
import { openReconnectingSocket } from '../net/reconnecting-socket.js';
import { TELEMETRY_PATH, type TelemetryBatch, type TelemetryDrops } from '@rudder/shared/protocol';
import type { TelemetryRecorder } from './recorder.js';

export interface TelemetryClientDeps {
  /** Base URL of the server (`http://127.0.0.1:20001`). */
  server: string;
  token: string;
  /** This proxy process's id (as in the config client's hello). */
  proxyId: string;
  /** The recorders to flush (one per runtime; the sandbox hosts many). */
  sources: () => Iterable<TelemetryRecorder>;
  now?: () => number;
  random?: () => number;
  intervalMs?: number;
  /** Batches kept while they cannot be sent (default 30: half a minute). */
  maxQueued?: number;
  /** Send nothing more while the socket holds this many unsent bytes (default 1 MiB). */
  maxBufferedBytes?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface TelemetryClientState {
  connected: boolean;
  sent: number;
  queued: number;
  dropped: TelemetryDrops;
  lastError?: string;
}

export interface TelemetryClient {
  /** Flushes the recorders now and sends what can be sent (tests; the timer does this each second). */
  flush(): void;
  state(): TelemetryClientState;
  close(): void;
}

export function startTelemetryClient(deps: TelemetryClientDeps): TelemetryClient {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const intervalMs = deps.intervalMs ?? 1000;
  const maxQueued = deps.maxQueued ?? 30;
  const maxBuffered = deps.maxBufferedBytes ?? 1 << 20;
  const minBackoff = deps.minBackoffMs ?? 250;
  const maxBackoff = deps.maxBackoffMs ?? 10_000;
  const queue: TelemetryBatch[] = [];
  const state: TelemetryClientState = { connected: false, sent: 0, queued: 0, dropped: { batches: 0, records: 0, spans: 0, logLines: 0 } };
  let closed = false;
  let seq = 0;
  let last = now();
  let tick: NodeJS.Timeout | undefined;

  function collect(): TelemetryBatch | undefined {
    const end = now();
    const batch: TelemetryBatch = { type: 'batch', proxy: deps.proxyId, seq: 0, start: last, end, edges: [], spans: [], destinations: [], logs: [], dropped: state.dropped };
    last = end;
    const drops = { records: 0, spans: 0, logLines: 0 };
    for (const source of deps.sources()) {
      const part = source.flush(end);
      batch.edges.push(...part.edges);
      batch.spans.push(...part.spans);
      batch.destinations.push(...part.destinations);
      batch.logs.push(...part.logs);
      const d = source.drops();
      drops.records += d.records;
      drops.spans += d.spans;
      drops.logLines += d.logLines;
    }
    state.dropped = { batches: state.dropped.batches, ...drops };
    batch.dropped = state.dropped;
    const empty = !batch.edges.length && !batch.spans.length && !batch.destinations.length && !batch.logs.length;
    if (empty) return undefined;
    batch.seq = ++seq;
    return batch;
  }

  function drain() {
    const socket = channel.current();
    while (queue.length > 0 && socket?.readyState === WebSocket.OPEN && socket.bufferedAmount < maxBuffered) {
      const batch = queue.shift() as TelemetryBatch;
      batch.dropped = state.dropped;
      socket.send(JSON.stringify(batch));
      state.sent++;
    }
    state.queued = queue.length;
  }

  function flush() {
    const batch = collect();
    if (batch) queue.push(batch);
    while (queue.length > maxQueued) {
      queue.shift();
      state.dropped = { ...state.dropped, batches: state.dropped.batches + 1 };
    }
    drain();
  }

  const channel = openReconnectingSocket({
    server: deps.server,
    path: TELEMETRY_PATH,
    token: deps.token,
    what: 'telemetry',
    random,
    minBackoffMs: minBackoff,
    maxBackoffMs: maxBackoff,
    onOpen: () => {
      state.connected = true;
      drain();
    },
    onMessage: (data) => {
      try {
        const message = JSON.parse(data) as { type?: string; message?: string };
        if (message.type === 'error') state.lastError = String(message.message);
      } catch {
        // not ours to act on
      }
    },
    onClose: () => {
      state.connected = false;
    },
  });

  // Flush on the wall-clock second, so a batch covers about one whole second.
  const schedule = () => {
    if (closed) return;
    let delay = intervalMs - (now() % intervalMs);
    // A timer that fired a little early must not flush twice in one interval.
    if (delay < intervalMs / 10) delay += intervalMs;
    tick = setTimeout(() => {
      flush();
      schedule();
    }, delay);
    tick.unref();
  };
  schedule();

  return {
    flush,
    state: () => ({ ...state, dropped: { ...state.dropped } }),
    close() {
      closed = true;
      if (tick) clearTimeout(tick);
      channel.close();
    },
  };
}
