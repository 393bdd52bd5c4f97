// One fortio "thread"'s HTTP client (fortio/fortio fhttp/http_client.go FastClient.StreamFetch):
// a keep-alive socket reused call after call, status -1 for socket errors and timeouts, header
// and total response sizes, sockets opened and their connect time and address.
import http, { type IncomingMessage, type RequestOptions } from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { Counter, type LatencyHistogram } from './histogram.js';
import type { Logger } from './log.js';
import type { Clock } from './periodic.js';

/** fhttp SocketError: transport error, connection refused, timeout... */
export const SOCKET_ERROR = -1;

/** What every request of a run sends, built once (HTTPOptions.GenerateHeaders, Method). */
export interface RequestSpec {
  url: URL;
  method: string;
  headers: Record<string, string | string[]>;
  payload: Buffer | undefined;
  timeoutMs: number;
  insecure: boolean;
}

/** codeIsOK: 2xx, and 418 (fortio's echo server teapot). */
export function codeIsOK(code: number): boolean {
  return (code >= 200 && code <= 299) || code === 418;
}

/** Bytes of the status line and headers as received ("HTTP/1.1 200 OK\r\n...\r\n\r\n"). */
export function headerBytes(res: IncomingMessage): number {
  let n = 5 + res.httpVersion.length + 1 + String(res.statusCode).length + 1 + (res.statusMessage ?? '').length + 2;
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) n += raw[i]!.length + 2 + raw[i + 1]!.length + 2;
  return n + 2;
}

/** The status line and headers as text, for -curl. */
export function headerBlock(res: IncomingMessage): string {
  let s = `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage ?? ''}\r\n`;
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) s += `${raw[i]}: ${raw[i + 1]}\r\n`;
  return `${s}\r\n`;
}

/** node:http request options for the spec (agent added by the caller). */
export function requestOptions(spec: RequestSpec): RequestOptions & { rejectUnauthorized?: boolean } {
  const u = spec.url;
  return {
    protocol: u.protocol,
    hostname: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port === '' ? undefined : Number(u.port),
    path: u.pathname + u.search,
    method: spec.method,
    headers: spec.headers,
    ...(u.protocol === 'https:' ? { rejectUnauthorized: !spec.insecure } : {}),
  };
}

export function transport(url: URL): typeof http | typeof https {
  return url.protocol === 'https:' ? https : http;
}

/** A single-socket keep-alive client; fetch() resolves to the status code, -1 on socket errors. */
export class HttpConnection {
  code = SOCKET_ERROR;
  /** Header plus body bytes of the last response (fortio's "Body/Total" size). */
  size = 0;
  headerSize = 0;
  sockets = 0;
  /** This connection's connect times (the run's histogram gets them too). */
  readonly connect = new Counter();
  readonly addresses = new Map<string, number>();
  private readonly options: RequestOptions;
  private readonly agent: http.Agent;
  private req: http.ClientRequest | undefined;
  private res: IncomingMessage | undefined;
  private resolve: ((code: number) => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private retried = false;
  /** Event handlers bound once; those of the request and response check the emitter is the current one. */
  private readonly onReqError: (this: http.ClientRequest, err: NodeJS.ErrnoException) => void;
  private readonly onResError: (this: IncomingMessage, err: Error) => void;
  private readonly onResClose: (this: IncomingMessage) => void;

  constructor(
    private readonly spec: RequestSpec,
    private readonly id: number,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly connectStats: LatencyHistogram,
  ) {
    const mod = transport(spec.url);
    const agent = new mod.Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1, scheduling: 'lifo' });
    const create = agent.createConnection.bind(agent);
    agent.createConnection = (opts, cb) => this.counted(create(opts, cb));
    this.agent = agent;
    this.options = { ...requestOptions(spec), agent };
    const self = this;
    this.onReqError = function (err) {
      if (this === self.req) self.requestError(err);
    };
    this.onResError = function (err) {
      if (this === self.res) self.fail(err.message);
    };
    this.onResClose = function () {
      if (this === self.res && !this.complete) self.fail('connection closed mid response');
    };
  }

  fetch(): Promise<number> {
    return new Promise((resolve) => {
      this.resolve = resolve;
      this.retried = false;
      this.send();
    });
  }

  close(): void {
    clearTimeout(this.timer);
    this.agent.destroy();
  }

  private send(): void {
    this.code = SOCKET_ERROR;
    this.size = 0;
    this.headerSize = 0;
    this.res = undefined;
    const mod = transport(this.spec.url);
    const req = mod.request(this.options, this.onResponse);
    req.on('error', this.onReqError);
    this.req = req;
    if (this.timer === undefined) {
      this.timer = setTimeout(this.onTimeout, this.spec.timeoutMs);
      this.timer.unref();
    } else this.timer.refresh();
    req.end(this.spec.payload);
  }

  private counted(socket: Duplex | null | undefined): Duplex | null | undefined {
    if (!socket) return socket;
    this.sockets++;
    const t0 = this.clock();
    const s = socket as Socket;
    s.once('connect', () => {
      const seconds = (this.clock() - t0) / 1e9;
      this.connect.record(seconds);
      this.connectStats.record(seconds);
      const host = s.remoteFamily === 'IPv6' ? `[${s.remoteAddress}]` : s.remoteAddress;
      const key = `${host}:${s.remotePort}`;
      this.addresses.set(key, (this.addresses.get(key) ?? 0) + 1);
    });
    return socket;
  }

  private readonly onResponse = (res: IncomingMessage): void => {
    this.res = res;
    this.code = res.statusCode ?? SOCKET_ERROR;
    this.headerSize = headerBytes(res);
    this.size = this.headerSize;
    res.on('data', this.onData);
    res.on('end', this.onEnd);
    res.on('error', this.onResError);
    res.on('close', this.onResClose);
  };

  private readonly onData = (chunk: Buffer): void => {
    this.size += chunk.length;
  };

  private readonly onEnd = (): void => this.finish();

  private requestError(err: NodeJS.ErrnoException): void {
    // a kept-alive socket the server closed while idle: reconnect once, as fortio does
    const reused = this.req?.reusedSocket === true;
    if (this.res === undefined && reused && !this.retried && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) {
      this.retried = true;
      this.send();
      return;
    }
    this.fail(err.message);
  }

  private readonly onTimeout = (): void => {
    if (this.resolve === undefined) return; // armed by an earlier call that already finished
    this.req?.destroy(new Error(`timeout after ${this.spec.timeoutMs}ms`));
  };

  private fail(reason: string): void {
    if (this.resolve === undefined) return;
    this.log.error(`[${this.id}] Unable to fetch ${this.spec.url.href}: ${reason}`);
    this.code = SOCKET_ERROR;
    this.finish();
  }

  private finish(): void {
    const resolve = this.resolve;
    if (resolve === undefined) return;
    this.resolve = undefined;
    resolve(this.code);
  }
}
