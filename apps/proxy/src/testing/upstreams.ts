// Real upstream servers on 127.0.0.1 for proxy tests: each answers with its own name,
// counts requests, records what it received, and can be told to fail, delay or hang.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpstreamBehaviour {
  status?: number;
  delayMs?: number;
  /** Send the headers and the body's first byte at once, the rest this much later. */
  bodyDelayMs?: number;
  /** Never answer. */
  hang?: boolean;
  /** Destroy the socket without answering. */
  reset?: boolean;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** Response body instead of the JSON echo. */
  body?: string;
}

export interface UpstreamOptions {
  /** The server's keep-alive timeout (Node's default is 5 s). */
  keepAliveTimeoutMs?: number;
  /**
   * Do not announce it: Node's server adds `Keep-Alive: timeout=N`, which Node's agent honours
   * (it will not reuse a socket with under 2 s left); Envoy, nginx and Go servers announce nothing.
   */
  silentKeepAlive?: boolean;
  /**
   * The keep-alive race, deterministic: a request arriving on a connection idle this long finds
   * it closed, unread and unanswered, as when the server's idle timer fires while the request
   * is on the wire.
   */
  closeIdleOnArrivalMs?: number;
}

export interface Upstream {
  name: string;
  port: number;
  requests: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[];
  /** A fixed behaviour, or one per request (`n` counts from 1). */
  behave(b: UpstreamBehaviour | ((n: number, req: IncomingMessage) => UpstreamBehaviour)): void;
  /** TCP connections open to this upstream right now. */
  openConnections(): number;
  close(): Promise<void>;
}

export async function startUpstream(name: string, options: UpstreamOptions = {}): Promise<Upstream> {
  let behaviour: UpstreamBehaviour | ((n: number, req: IncomingMessage) => UpstreamBehaviour) = {};
  const requests: Upstream['requests'] = [];
  const idleSince = new WeakMap<object, number>();
  const server: Server = createServer((req, res) => {
    const since = idleSince.get(req.socket);
    if (options.closeIdleOnArrivalMs !== undefined && since !== undefined && performance.now() - since >= options.closeIdleOnArrivalMs) {
      req.socket.destroy();
      return;
    }
    res.once('finish', () => idleSince.set(req.socket, performance.now()));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      const b = typeof behaviour === 'function' ? behaviour(requests.length, req) : behaviour;
      if (b.reset) return req.socket.destroy();
      if (b.hang) return;
      const answer = () => {
        const body = b.body ?? JSON.stringify({ upstream: name, path: req.url });
        const silent = options.silentKeepAlive ? { connection: 'keep-alive' } : {};
        res.writeHead(b.status ?? 200, { 'content-type': 'application/json', 'x-upstream': name, ...silent, ...b.headers });
        if (b.bodyDelayMs) {
          res.write(body.slice(0, 1));
          setTimeout(() => res.end(body.slice(1)), b.bodyDelayMs);
        } else res.end(body);
      };
      if (b.delayMs) setTimeout(answer, b.delayMs);
      else answer();
    });
  });
  let open = 0;
  server.on('connection', (socket) => {
    open++;
    socket.once('close', () => open--);
  });
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    name,
    port: (server.address() as AddressInfo).port,
    requests,
    behave(b) {
      behaviour = b;
    },
    openConnections: () => open,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
