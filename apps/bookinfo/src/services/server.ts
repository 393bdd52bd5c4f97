// Running a Bookinfo app: a plain Node http server on 127.0.0.1 (port 0 = random), and the
// few response helpers every app shares.
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningService {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** 0 or absent: a random free port. */
  port?: number;
  host?: string;
}

/** Listens on host:port; close() stops accepting, drops idle keep-alive sockets and runs `dispose`. */
export function listen(listener: RequestListener, options: ListenOptions = {}, dispose?: () => void): Promise<RunningService> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(listener);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            dispose?.();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string | string[]> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Runs an async handler; a failure answers 500 (or drops the connection) instead of crashing the process. */
export function settle(res: ServerResponse, work: Promise<unknown>): void {
  work.catch(() => {
    if (!res.headersSent) sendText(res, 500, 'internal error');
    else res.destroy();
  });
}

/** The request body as text, refused past `limit` bytes. */
export function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Path without the query string. */
export const pathOf = (url: string | undefined): string => (url ?? '/').split('?')[0] ?? '/';

/** Product id from `/<prefix>/<id>`, else 0 (reviews answers on any path). */
export function productId(path: string, prefix: string): number {
  const match = new RegExp(`^/${prefix}/(\\d+)(?:/|$)`).exec(path);
  return match ? Number(match[1]) : 0;
}
