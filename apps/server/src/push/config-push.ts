// /ws/config: each proxy says who it is, gets the current snapshot, then a new one after
// every change (debounced and coalesced), and ACKs or NACKs each version. The server
// records each proxy's versions and sync state for the dashboard and the API.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ConfigSnapshot, ProxyIdentity, ProxyStatus, ProxyToServer, ServerToProxy } from '@rudder/shared/protocol';
import { snapshotFor, type SnapshotInput } from './snapshot.js';

export interface ConfigPushDeps {
  /** The current inputs (resources, services, version); called once per flush. */
  inputs: () => SnapshotInput;
  /** Accepts the upgrade request (bearer token) or not. */
  authorize: (req: IncomingMessage) => boolean;
  debounceMs?: number;
  now?: () => Date;
}

export interface ConfigPush {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Something changed: push new snapshots after the debounce window. */
  schedule(): void;
  proxies(): ProxyStatus[];
  close(): void;
}

interface Connection {
  socket: WebSocket;
  status: ProxyStatus;
}

const MAX_REMEMBERED = 1000;

export function createConfigPush({ inputs, authorize, debounceMs = 50, now = () => new Date() }: ConfigPushDeps): ConfigPush {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  const live = new Set<Connection>();
  const statuses = new Map<string, ProxyStatus>();
  let timer: NodeJS.Timeout | undefined;

  const send = (socket: WebSocket, message: ServerToProxy) => socket.send(JSON.stringify(message));

  function pushTo(connections: Iterable<Connection>) {
    const input = inputs();
    const byNamespace = new Map<string, ConfigSnapshot>();
    for (const conn of connections) {
      if (conn.status.sentVersion === input.version) continue;
      const ns = conn.status.identity.namespace;
      let snapshot = byNamespace.get(ns);
      if (!snapshot) {
        snapshot = snapshotFor(conn.status.identity, input);
        byNamespace.set(ns, snapshot);
      }
      send(conn.socket, { type: 'snapshot', snapshot });
      conn.status.sentVersion = input.version;
      if (conn.status.ackedVersion !== input.version) conn.status.state = 'Pending';
    }
  }

  function onMessage(conn: Connection | undefined, socket: WebSocket, raw: string): Connection | undefined {
    let message: ProxyToServer;
    try {
      message = JSON.parse(raw) as ProxyToServer;
    } catch {
      send(socket, { type: 'error', message: 'messages must be JSON' });
      return conn;
    }
    if (!conn) {
      if (message.type !== 'hello' || !validIdentity(message.proxy)) {
        send(socket, { type: 'error', message: 'the first message must be {"type":"hello","proxy":{"id","mode","namespace",…}}' });
        socket.close(1008, 'hello expected');
        return undefined;
      }
      const status: ProxyStatus = { identity: message.proxy, connectedAt: now().toISOString(), state: 'Pending' };
      remember(message.proxy.id, status);
      const created = { socket, status };
      live.add(created);
      pushTo([created]);
      return created;
    }
    if (message.type === 'ack') {
      conn.status.ackedVersion = message.version;
      if (message.version === conn.status.sentVersion) conn.status.state = 'Synced';
    } else if (message.type === 'nack') {
      conn.status.nackedVersion = message.version;
      conn.status.lastError = String(message.error);
      conn.status.state = 'Rejected';
    }
    return conn;
  }

  function remember(id: string, status: ProxyStatus) {
    statuses.delete(id);
    statuses.set(id, status);
    while (statuses.size > MAX_REMEMBERED) statuses.delete(statuses.keys().next().value as string);
  }

  wss.on('connection', (socket: WebSocket) => {
    let conn: Connection | undefined;
    socket.on('message', (data) => {
      conn = onMessage(conn, socket, data.toString());
    });
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      if (!conn) return;
      live.delete(conn);
      conn.status.state = 'Disconnected';
    });
  });

  return {
    handleUpgrade(req, socket, head) {
      if (!authorize(req)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    schedule() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        pushTo(live);
      }, debounceMs);
    },
    proxies: () => [...statuses.values()].map((s) => structuredClone(s)),
    close() {
      if (timer) clearTimeout(timer);
      for (const conn of live) conn.socket.terminate();
      wss.close();
    },
  };
}

function validIdentity(p: unknown): p is ProxyIdentity {
  const id = p as ProxyIdentity | undefined;
  return (
    typeof id?.id === 'string' &&
    id.id !== '' &&
    (id.mode === 'gateway' || id.mode === 'sidecar') &&
    typeof id.namespace === 'string' &&
    id.namespace !== ''
  );
}
