// How a Bookinfo app calls another: always through its sidecar's outbound listener, with
// `Host: <service>:9080`, an overall timeout, the caller's context headers propagated and
// optionally one retry on a timeout or any non-200 (as Istio's productpage does).
import { Agent, type IncomingMessage, type OutgoingHttpHeaders, request } from 'node:http';

/** The sidecar's outbound listener the app sends every call to. */
export interface Outbound {
  host: string;
  port: number;
}

/**
 * Headers an app copies from its incoming request to its downstream calls (Istio's list,
 * https://istio.io/latest/docs/tasks/observability/distributed-tracing/overview/, plus the
 * caller's Cookie and end-user so header, cookie and sticky-session routing work at every hop).
 */
export const PROPAGATED_HEADERS = [
  'end-user',
  'x-request-id',
  'traceparent',
  'tracestate',
  'x-b3-traceid',
  'x-b3-spanid',
  'x-b3-parentspanid',
  'x-b3-sampled',
  'x-b3-flags',
  'b3',
  'cookie',
  'user-agent',
] as const;

/** The propagated headers of an incoming request. */
export function propagatedHeaders(req: IncomingMessage): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const name of PROPAGATED_HEADERS) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

export interface CallRequest {
  /** Service name; the request carries `Host: <service>:<servicePort>`. */
  service: string;
  servicePort?: number;
  /** Origin-form path with its query string. */
  path: string;
  headers?: OutgoingHttpHeaders;
  /** Overall limit of one attempt, from sending to the last body byte. */
  timeoutMs: number;
  /** Extra attempts after a timeout, an error or any non-200 (productpage: 1). */
  retries?: number;
}

export interface CallResult {
  /** The last attempt answered 200. */
  ok: boolean;
  /** Status of the last attempt, 0 when it got no response. */
  status: number;
  body: string;
  /** Set-Cookie of the last response, to relay to the caller. */
  setCookie: string[];
  attempts: number;
  /** Why the last attempt failed without a status (`timeout`, an error code). */
  error?: string;
}

export interface Client {
  call(req: CallRequest): Promise<CallResult>;
  close(): void;
}

const MAX_BODY = 1 << 20;

/** A client bound to one outbound listener, with its own keep-alive agent. */
export function createClient(outbound: Outbound): Client {
  // Idle sockets close after 4 s, under the sidecar's 5 s keep-alive (same as the proxy's agents).
  const agent = new Agent({ keepAlive: true, keepAliveMsecs: 1000, timeout: 4000, scheduling: 'lifo' });
  return {
    async call(req) {
      const tries = 1 + Math.max(0, req.retries ?? 0);
      let result: CallResult | undefined;
      for (let attempt = 1; attempt <= tries; attempt++) {
        result = { ...(await once(agent, outbound, req)), attempts: attempt };
        if (result.ok) break;
      }
      return result!;
    },
    close: () => agent.destroy(),
  };
}

/** One attempt; a reset on a reused keep-alive socket before any response is replayed once. */
async function once(agent: Agent, outbound: Outbound, req: CallRequest): Promise<Omit<CallResult, 'attempts'>> {
  const first = await exchange(agent, outbound, req);
  return first.staleSocket ? exchange(agent, outbound, req) : first;
}

type Exchange = Omit<CallResult, 'attempts'> & { staleSocket?: boolean };

function exchange(agent: Agent, outbound: Outbound, req: CallRequest): Promise<Exchange> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: Exchange) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const failed = (error: string, staleSocket = false): Exchange => ({ ok: false, status: 0, body: '', setCookie: [], error, staleSocket });
    const outgoing = request({
      host: outbound.host,
      port: outbound.port,
      method: 'GET',
      path: req.path,
      agent,
      headers: { ...req.headers, host: `${req.service}:${req.servicePort ?? 9080}` },
    });
    const timer = setTimeout(() => {
      finish(failed('timeout'));
      outgoing.destroy();
    }, req.timeoutMs);
    outgoing.on('error', (err: NodeJS.ErrnoException) => {
      finish(failed(err.code ?? err.message, outgoing.reusedSocket && err.code === 'ECONNRESET'));
    });
    outgoing.on('response', (res) => collect(res, finish, failed));
    outgoing.end();
  });
}

function collect(res: IncomingMessage, finish: (value: Exchange) => void, failed: (error: string) => Exchange): void {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY) chunks.push(chunk);
  });
  res.on('error', (err: NodeJS.ErrnoException) => finish(failed(err.code ?? err.message)));
  res.on('aborted', () => finish(failed('aborted')));
  res.on('end', () => {
    const status = res.statusCode ?? 0;
    const body = Buffer.concat(chunks).toString('utf8');
    finish({ ok: status === 200, status, body, setCookie: res.headers['set-cookie'] ?? [] });
  });
}
