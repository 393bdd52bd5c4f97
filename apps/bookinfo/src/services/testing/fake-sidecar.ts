// A stand-in for a Rudder sidecar in the services' tests: an http server that forwards each
// request to the app named by its Host header (`reviews:9080` → the reviews port), records
// what it saw, and relays the answer whole (Set-Cookie included).
import { createServer, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  service: string;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface FakeSidecar {
  outbound: { host: string; port: number };
  seen: SeenRequest[];
  /** Sends `service` to the app on this port (replaces any earlier route). */
  route(service: string, port: number): void;
  /** Adds this Set-Cookie to every answer of `service` (undefined: stop), as a sticky-cookie balancer does. */
  addSetCookie(service: string, cookie: string | undefined): void;
  seenBy(service: string): SeenRequest[];
  close(): Promise<void>;
}

export async function startFakeSidecar(routes: Record<string, number> = {}): Promise<FakeSidecar> {
  const table = new Map(Object.entries(routes));
  const cookies = new Map<string, string>();
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const service = (req.headers.host ?? '').split(':')[0] ?? '';
    seen.push({ service, method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers } });
    const port = table.get(service);
    if (port === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`no route to ${service}`);
      return;
    }
    const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent: false }, (answer) => {
      const cookie = cookies.get(service);
      const headers = cookie === undefined ? answer.headers : { ...answer.headers, 'set-cookie': [...(answer.headers['set-cookie'] ?? []), cookie] };
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('upstream connect error');
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    outbound: { host: '127.0.0.1', port },
    seen,
    route: (service, target) => void table.set(service, target),
    addSetCookie: (service, cookie) => void (cookie === undefined ? cookies.delete(service) : cookies.set(service, cookie)),
    seenBy: (service) => seen.filter((s) => s.service === service),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
