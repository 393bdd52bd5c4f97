// Real upstream servers on 127.0.0.1 for proxy tests: each answers with its own name,
// counts requests, records what it received, and can be told to fail, delay or hang.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpstreamBehaviour {
  status?: number;
  delayMs?: number;
  /** Never answer. */
  hang?: boolean;
  /** Destroy the socket without answering. */
  reset?: boolean;
}

export interface Upstream {
  name: string;
  port: number;
  requests: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[];
  behave(b: UpstreamBehaviour | ((n: number) => UpstreamBehaviour)): void;
  close(): Promise<void>;
}

export async function startUpstream(name: string): Promise<Upstream> {
  let behaviour: UpstreamBehaviour | ((n: number) => UpstreamBehaviour) = {};
  const requests: Upstream['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      const b = typeof behaviour === 'function' ? behaviour(requests.length) : behaviour;
      if (b.reset) return req.socket.destroy();
      if (b.hang) return;
      const answer = () => {
        const body = JSON.stringify({ upstream: name, path: req.url });
        res.writeHead(b.status ?? 200, { 'content-type': 'application/json', 'x-upstream': name });
        res.end(body);
      };
      if (b.delayMs) setTimeout(answer, b.delayMs);
      else answer();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    name,
    port: (server.address() as AddressInfo).port,
    requests,
    behave(b) {
      behaviour = b;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
