// /ws/live: the traffic graph pushed every second to each dashboard (DESIGN.md data flow 4),
// for the graph type and window in the URL's query (as the graph API takes them). A client
// whose socket still holds more than `maxBufferedBytes` unsent is skipped that second; its
// next frame is computed against the last one it actually got, so a slow browser only ever
// receives the latest state, never a growing queue. The upgrade needs a token or the
// dashboard's session cookie, and a same-origin Origin when one is sent.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Graph, LiveFrame } from '@rudder/shared/protocol';
import { frameFor } from './diff.js';

export interface LiveGraphDeps<P> {
  authorize: (req: IncomingMessage) => boolean;
  /** Parses the URL query into graph parameters; throws (with a message) when invalid. */
  params: (query: Record<string, string>) => P;
  /** A key per distinct parameter set: one graph per key and tick. */
  keyOf: (params: P) => string;
  graph: (params: P) => Graph;
  intervalMs?: number;
  maxBufferedBytes?: number;
}

export interface LiveGraph<P> {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Adds a connected socket (what an accepted upgrade does; tests pass their own). */
  attach(socket: LiveSocket, params: P): void;
  /** Builds and sends one round of frames now (the timer does this every interval). */
  tick(): void;
  stats(): { clients: number; sent: number; skipped: number };
  close(): void;
}

/** The parts of a `ws` WebSocket the pusher uses. */
export type LiveSocket = Pick<WebSocket, 'readyState' | 'OPEN' | 'bufferedAmount' | 'send' | 'on' | 'terminate'>;

interface Client<P> {
  socket: LiveSocket;
  params: P;
  last?: Graph;
  seq: number;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
};

const refuse = (socket: Duplex, status: string) => socket.end(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);

export function createLiveGraph<P>(deps: LiveGraphDeps<P>): LiveGraph<P> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const clients = new Set<Client<P>>();
  const maxBuffered = deps.maxBufferedBytes ?? 256 * 1024;
  let timer: NodeJS.Timeout | undefined;
  let sent = 0;
  let skipped = 0;

  function tick() {
    const graphs = new Map<string, Graph>();
    for (const c of clients) {
      if (c.socket.readyState !== c.socket.OPEN) continue;
      if (c.socket.bufferedAmount > maxBuffered) {
        skipped++;
        continue;
      }
      const key = deps.keyOf(c.params);
      let graph = graphs.get(key);
      if (!graph) {
        graph = deps.graph(c.params);
        graphs.set(key, graph);
      }
      const frame = frameFor(c.last, graph, c.seq + 1);
      if (!frame) continue;
      c.seq++;
      c.last = graph;
      c.socket.send(JSON.stringify(frame));
      sent++;
    }
  }

  function attach(socket: LiveSocket, params: P) {
    const client: Client<P> = { socket, params, seq: 0 };
    clients.add(client);
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      clients.delete(client);
      stopIfIdle();
    });
    start();
    // The first frame at once: a dashboard should not wait a second for its graph.
    setImmediate(tick);
  }

  const start = () => {
    if (timer) return;
    timer = setInterval(tick, deps.intervalMs ?? 1000);
    timer.unref();
  };
  const stopIfIdle = () => {
    if (clients.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  return {
    handleUpgrade(req, socket, head) {
      const origin = req.headers.origin;
      if (origin && origin !== 'null' && hostOf(origin) !== req.headers.host) return refuse(socket, '403 Forbidden');
      if (!deps.authorize(req)) return refuse(socket, '401 Unauthorized');
      const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
      let params: P;
      try {
        params = deps.params(query);
      } catch (error) {
        wss.handleUpgrade(req, socket, head, (ws) => {
          const frame: LiveFrame = { type: 'error', message: (error as Error).message };
          ws.send(JSON.stringify(frame));
          ws.close(1008, 'bad parameters');
        });
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => attach(ws, params));
    },
    attach,
    tick,
    stats: () => ({ clients: clients.size, sent, skipped }),
    close() {
      if (timer) clearInterval(timer);
      timer = undefined;
      for (const c of clients) c.socket.terminate();
      clients.clear();
      wss.close();
    },
  };
}
