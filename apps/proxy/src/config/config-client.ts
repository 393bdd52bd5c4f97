// The proxy's side of /ws/config: say who we are, compile each snapshot, swap it in
// atomically, ACK it — or NACK with the error and keep the last good one. When the
// server goes away, keep serving the last good snapshot and reconnect with jittered
// exponential backoff (as Envoy's xDS client does; net/reconnecting-socket.ts).
import { openReconnectingSocket } from '../net/reconnecting-socket.js';
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
  const state: ConfigClientState = { connected: false, reconnects: 0 };
  const readyWaiters: (() => void)[] = [];

  const changed = () => deps.onStateChange?.({ ...state, reconnects: channel.state.reconnects });
  const send = (message: ProxyToServer) => channel.current()?.send(JSON.stringify(message));

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

  const channel = openReconnectingSocket({
    server: deps.server,
    path: '/ws/config',
    token: deps.token,
    what: 'config',
    ...(deps.random ? { random: deps.random } : {}),
    ...(deps.minBackoffMs !== undefined ? { minBackoffMs: deps.minBackoffMs } : {}),
    ...(deps.maxBackoffMs !== undefined ? { maxBackoffMs: deps.maxBackoffMs } : {}),
    onOpen: () => {
      state.connected = true;
      changed();
      send({ type: 'hello', proxy: deps.identity });
    },
    onMessage: (data) => {
      let message: ServerToProxy;
      try {
        message = JSON.parse(data) as ServerToProxy;
      } catch {
        return;
      }
      if (message.type === 'snapshot') onSnapshot(message.snapshot);
      else if (message.type === 'error') state.lastError = message.message;
    },
    onClose: () => {
      state.connected = false;
      changed();
    },
  });

  const current = (): ConfigClientState => {
    const lastError = state.lastError ?? channel.state.lastError;
    return { ...state, reconnects: channel.state.reconnects, ...(lastError ? { lastError } : {}) };
  };

  return {
    state: current,
    ready(timeoutMs = 10_000) {
      if (state.version !== undefined) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no configuration from ${deps.server} within ${timeoutMs} ms: ${current().lastError ?? 'no answer'}`)), timeoutMs);
        readyWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    },
    close: () => channel.close(),
  };
}
