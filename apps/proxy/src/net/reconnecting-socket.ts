// A token-authenticated WebSocket to the server that reconnects after any close with
// full-jitter exponential backoff (a random delay up to min × 2^failures, capped), so
// proxies never reconnect in lockstep. The config and telemetry clients share it.
import WebSocket from 'ws';

export interface ReconnectingSocketOptions {
  /** Base URL of the server (`http://127.0.0.1:20001`). */
  server: string;
  path: string;
  token: string;
  /** Names the channel in error messages ("config", "telemetry"). */
  what: string;
  random?: () => number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  onOpen: (ws: WebSocket) => void;
  onMessage: (data: string) => void;
  onClose?: () => void;
}

export interface ReconnectingSocket {
  current(): WebSocket | undefined;
  readonly state: { connected: boolean; lastError?: string; reconnects: number };
  close(): void;
}

export function openReconnectingSocket(options: ReconnectingSocketOptions): ReconnectingSocket {
  const random = options.random ?? Math.random;
  const minBackoff = options.minBackoffMs ?? 250;
  const maxBackoff = options.maxBackoffMs ?? 10_000;
  const state: ReconnectingSocket['state'] = { connected: false, reconnects: 0 };
  let socket: WebSocket | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let failures = 0;

  function connect() {
    if (closed) return;
    const ws = new WebSocket(`${options.server.replace(/^http/, 'ws')}${options.path}`, {
      headers: { authorization: `Bearer ${options.token}` },
      handshakeTimeout: 5000,
    });
    socket = ws;
    ws.on('open', () => {
      failures = 0;
      state.connected = true;
      delete state.lastError;
      options.onOpen(ws);
    });
    ws.on('message', (data) => options.onMessage(data.toString()));
    ws.on('unexpected-response', (_req, res) => {
      state.lastError = `${options.what} server answered ${res.statusCode} to the WebSocket upgrade`;
      ws.terminate();
    });
    ws.on('error', (error) => {
      state.lastError ??= error.message;
    });
    ws.on('close', () => {
      if (socket === ws) socket = undefined;
      state.connected = false;
      options.onClose?.();
      scheduleReconnect();
    });
  }

  function scheduleReconnect() {
    if (closed || timer) return;
    failures++;
    state.reconnects++;
    const bound = Math.min(maxBackoff, minBackoff * 2 ** Math.min(failures - 1, 16));
    timer = setTimeout(() => {
      timer = undefined;
      connect();
    }, Math.max(minBackoff / 2, random() * bound));
    timer.unref();
  }

  connect();
  return {
    current: () => socket,
    state,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.close();
    },
  };
}
