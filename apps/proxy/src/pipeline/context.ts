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

export interface RequestContext {
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
  scheme: 'http' | 'https';
  /** Headers as they will go upstream (hop-by-hop already removed). */
  headers: IncomingHttpHeaders;
  route?: RouteMatch;
  rule?: CompiledRule;
  /** The destination picked by weight: qualified host, subset, port. */
  destination?: { host: string; subset?: string; port?: number };
  /** The endpoint of the last attempt. */
  endpoint?: Endpoint;
  /** Headers to set/add/remove on the response (route and destination level). */
  responseHeaderOps: HeaderOps[];
  flags: Set<ResponseFlag>;
  attempts: number;
  body?: BufferedBody;
  status?: number;
  /** Milliseconds spent upstream (x-envoy-upstream-service-time). */
  upstreamMs?: number;
  mirrored: boolean;
  /** This hop's span (trace context joined or started by the listener). */
  span?: SpanContext;
  /** Response body bytes sent downstream. */
  responseBytes?: number;
}

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

/** A fresh context for a request arriving at a listener; the listener fills in what differs. */
export function newContext(
  fields: Pick<RequestContext, 'req' | 'res' | 'listener' | 'table' | 'startedAt' | 'requestId' | 'source' | 'headers'> & {
    target: { host: string; port: number | undefined; path: string };
    attempts?: number;
    mirrored?: boolean;
  },
): RequestContext {
  const { target, attempts = 0, mirrored = false, ...rest } = fields;
  return {
    ...rest,
    host: target.host,
    port: target.port,
    path: target.path,
    method: fields.req.method ?? 'GET',
    scheme: 'http',
    responseHeaderOps: [],
    flags: new Set(),
    attempts,
    mirrored,
  };
}
