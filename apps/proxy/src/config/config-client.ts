// The proxy's side of /ws/config: say who we are, compile each snapshot, swap it in
// atomically, ACK it — or NACK with the error and keep the last good one. When the
// server goes away, keep serving the last good snapshot and reconnect with jittered
// exponential backoff (as Envoy's xDS client does).
import WebSocket from 'ws';
import type { ConfigSnapshot, ProxyIdentity, ProxyToServer, ServerToProxy } from '@rudder/shared/protocol';

export interface ConfigClientDeps {
  /** Base URL of the server (`http://127.0.0.1:20001`). */
  server: string;
  token: string;
  identity: ProxyIdentity;
  /** Compiles and installs a snapshot; throws to NACK it (the previous one stays). */
  apply: (snapshot: ConfigSnapshot) => void;
  random?: () => number;
  onStateChange?: (state: ConfigClientState) => void;
  /** Reconnect backoff bounds in ms (defaults 250 ms to 10 s). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface ConfigClientState {
  connected: boolean;
  /** Version of the snapshot in use; undefined before the first good one. */
  version?: string;
  lastError?: string;
  reconnects: number;
}

export interface ConfigClient {
  state(): ConfigClientState;
  /** Resolves once a first snapshot is in use (or rejects after `timeoutMs`). */
  ready(timeoutMs?: number): Promise<void>;
  close(): void;
}

export function startConfigClient(deps: ConfigClientDeps): ConfigClient {
  const random = deps.random ?? Math.random;
  const minBackoff = deps.minBackoffMs ?? 250;
  const maxBackoff = deps.maxBackoffMs ?? 10_000;
  const state: ConfigClientState = { connected: false, reconnects: 0 };
  const readyWaiters: (() => void)[] = [];
  let socket: WebSocket | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let failures = 0;

  const changed = () => deps.onStateChange?.({ ...state });
  const send = (message: ProxyToServer) => socket?.send(JSON.stringify(message));

  function onSnapshot(snapshot: ConfigSnapshot) {
    try {
      deps.apply(snapshot);
      state.version = snapshot.version;
      delete state.lastError;
      send({ type: 'ack', version: snapshot.version });
      for (const resolve of readyWaiters.splice(0)) resolve();
    } catch (error) {
      state.lastError = (error as Error).message;
      send({ type: 'nack', version: snapshot.version, error: state.lastError });
    }
    changed();
  }

  function connect() {
    if (closed) return;
    const url = `${deps.server.replace(/^http/, 'ws')}/ws/config`;
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${deps.token}` }, handshakeTimeout: 5000 });
    socket = ws;
    ws.on('open', () => {
      failures = 0;
      state.connected = true;
      changed();
      send({ type: 'hello', proxy: deps.identity });
    });
    ws.on('message', (data) => {
      let message: ServerToProxy;
      try {
        message = JSON.parse(data.toString()) as ServerToProxy;
      } catch {
        return;
      }
      if (message.type === 'snapshot') onSnapshot(message.snapshot);
      else if (message.type === 'error') state.lastError = message.message;
    });
    ws.on('unexpected-response', (_req, res) => {
      state.lastError = `config server answered ${res.statusCode} to the WebSocket upgrade`;
      ws.terminate();
    });
    ws.on('error', (error) => {
      state.lastError ??= error.message;
    });
    ws.on('close', () => {
      if (socket === ws) socket = undefined;
      state.connected = false;
      changed();
      scheduleReconnect();
    });
  }

  function scheduleReconnect() {
    if (closed || timer) return;
    failures++;
    state.reconnects++;
    // Full jitter: a random delay up to the exponential bound, so proxies don't reconnect in lockstep.
    const bound = Math.min(maxBackoff, minBackoff * 2 ** Math.min(failures - 1, 16));
    timer = setTimeout(() => {
      timer = undefined;
      connect();
    }, Math.max(minBackoff / 2, random() * bound));
    timer.unref();
  }

  connect();
  return {
    state: () => ({ ...state }),
    ready(timeoutMs = 10_000) {
      if (state.version !== undefined) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no configuration from ${deps.server} within ${timeoutMs} ms: ${state.lastError ?? 'no answer'}`)), timeoutMs);
        readyWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.close();
    },
  };
}
