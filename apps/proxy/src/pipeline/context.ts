// The plain request context every stage reads and writes, and what a stage returns
// (STYLE.md principle 3): nothing to continue, or a local reply that ends the pipeline.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { CompiledRule, RouteMatch, RouteTable } from '@rudder/shared/routing';
import type { Endpoint } from '@rudder/shared/protocol';
import type { PeerIdentity } from '../listeners/identity.js';
import type { SpanContext } from '../telemetry/trace-context.js';
import type { BufferedBody } from './body.js';

/** Envoy's response flags (istio-semantics.md §5). */
export type ResponseFlag = 'UH' | 'UF' | 'UO' | 'NR' | 'NC' | 'URX' | 'UT' | 'DI' | 'FI' | 'UC' | 'UPE' | 'UAEX' | 'RL';

/** Envoy's order of the flags in a log line (StreamInfo ResponseFlagUtils: UH, UT, …, URX, …). */
const FLAG_ORDER: readonly ResponseFlag[] = ['UH', 'UT', 'UF', 'UC', 'UO', 'NR', 'DI', 'FI', 'RL', 'UAEX', 'URX', 'UPE', 'NC'];

/** `-` for none, else the flags comma-joined in Envoy's order. */
export function responseFlagsText(flags: ReadonlySet<ResponseFlag>): string {
  if (flags.size === 0) return '-';
  if (flags.size === 1) for (const f of flags) return f;
  return FLAG_ORDER.filter((f) => flags.has(f)).join(',');
}

export type ListenerKind = 'gateway' | 'outbound' | 'inbound';

export interface HeaderOps {
  set?: Record<string, string>;
  add?: Record<string, string>;
  remove?: string[];
}

/** A reply the proxy makes itself (fault abort, redirect, no route, overflow…). */
export interface LocalReply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  flag?: ResponseFlag;
}

export type StageResult = LocalReply | undefined;

export const localReply = (status: number, flag?: ResponseFlag, body?: string, headers?: Record<string, string>): LocalReply => ({
  status,
  ...(flag ? { flag } : {}),
  ...(body !== undefined ? { body } : {}),
  ...(headers ? { headers } : {}),
});

/**
 * What every stage reads and writes for one request. A class, so every request's context has
 * one shape from the start (V8 keeps the stages' property reads monomorphic); fields a stage
 * sets later start as undefined. Built by newContext() at a listener.
 */
export class RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly listener: ListenerKind;
  /** The table this request started on; a swap mid-request does not change it. */
  readonly table: RouteTable;
  readonly startedAt: number;
  readonly requestId: string;
  /** Who is calling (from the peer-metadata header inbound; the listener's own workload outbound). */
  readonly source: PeerIdentity;
  /** Host as addressed, without port. */
  host: string;
  port: number | undefined;
  /** Path with query, origin form. */
  path: string;
  method: string;
  scheme: 'http' | 'https' = 'http';
  /** Headers as they will go upstream (hop-by-hop already removed). */
  headers: IncomingHttpHeaders;
  route: RouteMatch | undefined = undefined;
  rule: CompiledRule | undefined = undefined;
  /** The destination picked by weight: qualified host, subset, port. */
  destination: { host: string; subset: string | undefined; port: number | undefined } | undefined = undefined;
  /** The endpoint of the last attempt. */
  endpoint: Endpoint | undefined = undefined;
  /** Headers to set/add/remove on the response (route and destination level). */
  responseHeaderOps: HeaderOps[] = [];
  flags = new Set<ResponseFlag>();
  attempts: number;
  body: BufferedBody | undefined = undefined;
  status: number | undefined = undefined;
  /** Milliseconds spent upstream (x-envoy-upstream-service-time). */
  upstreamMs: number | undefined = undefined;
  mirrored: boolean;
  /** This hop's span (trace context joined or started by the listener). */
  span: SpanContext | undefined = undefined;
  /** Response body bytes sent downstream. */
  responseBytes: number | undefined = undefined;

  constructor(fields: ContextFields) {
    this.req = fields.req;
    this.res = fields.res;
    this.listener = fields.listener;
    this.table = fields.table;
    this.startedAt = fields.startedAt;
    this.requestId = fields.requestId;
    this.source = fields.source;
    this.headers = fields.headers;
    this.host = fields.target.host;
    this.port = fields.target.port;
    this.path = fields.target.path;
    this.method = fields.req.method ?? 'GET';
    this.attempts = fields.attempts ?? 0;
    this.mirrored = fields.mirrored ?? false;
  }
}

type ContextFields = Pick<RequestContext, 'req' | 'res' | 'listener' | 'table' | 'startedAt' | 'requestId' | 'source' | 'headers'> & {
  target: { host: string; port: number | undefined; path: string };
  attempts?: number;
  mirrored?: boolean;
};

/** A fresh context for a request arriving at a listener; the listener fills in what differs. */
export function newContext(fields: ContextFields): RequestContext {
  return new RequestContext(fields);
}
