// A raw HTTP client for proxy tests (node:http, since fetch can neither set Host nor send
// absolute-form targets): one request to a listener, answering status, headers and body.
import { Agent, type IncomingHttpHeaders, type OutgoingHttpHeaders, request } from 'node:http';

export interface Sent {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The upstream that answered (its x-upstream header). */
  upstream: string | undefined;
}

export interface SendOptions {
  method?: string;
  /** Origin-form path, or an absolute-form target (`http://reviews:9080/x`) as HTTP_PROXY clients send. */
  path?: string;
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
  agent?: Agent | false;
  /** Source address to bind (any of 127.0.0.0/8 on Linux); a fresh connection then. */
  localAddress?: string;
}

const shared = new Agent({ keepAlive: true, maxSockets: 64 });

/** Sends one request to the listener at `url` (http://127.0.0.1:port). */
export function send(url: string, options: SendOptions = {}): Promise<Sent> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: hostname,
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: options.headers ?? {},
        agent: options.localAddress ? false : (options.agent ?? shared),
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
            upstream: res.headers['x-upstream'] as string | undefined,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Counts answers by upstream name (or status when no upstream answered). */
export function tally(answers: readonly Sent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) {
    const key = a.upstream ?? String(a.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** `n` requests, `concurrency` at a time. */
export async function sendMany(n: number, concurrency: number, one: (i: number) => Promise<Sent>): Promise<Sent[]> {
  const out: Sent[] = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      out[i] = await one(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return out;
}
