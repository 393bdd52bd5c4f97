// One JSON access-log line per request, with Envoy's response flags, kept in a ring
// buffer (for the admin endpoint, the telemetry batches and `kubectl logs`) and
// optionally printed. Fields follow Istio's default JSON access log format.
import { type RequestContext, responseFlagsText } from '../pipeline/context.js';

export interface AccessLogEntry {
  start_time: string;
  method: string;
  path: string;
  protocol: 'HTTP/1.1';
  response_code: number;
  response_flags: string;
  duration: number;
  upstream_service_time?: number;
  x_forwarded_for?: string;
  user_agent?: string;
  request_id: string;
  authority: string;
  upstream_host?: string;
  upstream_cluster?: string;
  source_workload: string;
  source_namespace: string;
  attempts: number;
  mirrored: boolean;
  listener: string;
}

export interface AccessLog {
  add(record: AccessLogRecord): void;
  /** The newest entries, oldest first. */
  recent(limit?: number): AccessLogEntry[];
}

export const ACCESS_LOG_CAPACITY = 2000;

export function createAccessLog(sink?: (line: string) => void, capacity = ACCESS_LOG_CAPACITY): AccessLog {
  const ring: AccessLogRecord[] = [];
  let next = 0;
  return {
    add(record) {
      if (ring.length < capacity) ring.push(record);
      else ring[next] = record;
      next = (next + 1) % capacity;
      sink?.(JSON.stringify(record));
    },
    recent(limit = capacity) {
      const ordered = ring.length < capacity ? ring : [...ring.slice(next), ...ring.slice(0, next)];
      return ordered.slice(-limit).map((record) => record.toJSON());
    },
  };
}

/**
 * What one request leaves in the access log: the context's values read once the request is
 * over, formatted as Istio's JSON entry only when read (the API, `kubectl logs`, a telemetry
 * batch). Most entries are overwritten in the ring unread, so the request path pays for no
 * date formatting or string building (bench:proxy, issue 11).
 */
export class AccessLogRecord {
  readonly startedAt: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly flags: string;
  readonly durationMs: number;
  readonly upstreamMs: number | undefined;
  readonly forwardedFor: string | string[] | undefined;
  readonly userAgent: string | undefined;
  readonly requestId: string;
  readonly authority: string;
  readonly endpoint: RequestContext['endpoint'];
  readonly destination: RequestContext['destination'];
  readonly source: RequestContext['source'];
  readonly attempts: number;
  readonly mirrored: boolean;
  readonly listener: string;

  constructor(ctx: RequestContext, now: number) {
    this.startedAt = ctx.startedAt;
    this.method = ctx.method;
    this.path = ctx.path;
    this.status = ctx.status ?? 0;
    this.flags = responseFlagsText(ctx.flags);
    this.durationMs = now - ctx.startedAt;
    this.upstreamMs = ctx.upstreamMs;
    this.forwardedFor = ctx.headers['x-forwarded-for'];
    this.userAgent = ctx.req.headers['user-agent'];
    this.requestId = ctx.requestId;
    this.authority = String(ctx.req.headers.host ?? ctx.host);
    this.endpoint = ctx.endpoint;
    this.destination = ctx.destination;
    this.source = ctx.source;
    this.attempts = ctx.attempts;
    this.mirrored = ctx.mirrored;
    this.listener = ctx.listener;
  }

  toJSON(): AccessLogEntry {
    const d = this.destination;
    return {
      start_time: new Date(this.startedAt).toISOString(),
      method: this.method,
      path: this.path,
      protocol: 'HTTP/1.1',
      response_code: this.status,
      response_flags: this.flags,
      duration: Math.round(this.durationMs),
      ...(this.upstreamMs !== undefined ? { upstream_service_time: Math.round(this.upstreamMs) } : {}),
      ...(typeof this.forwardedFor === 'string' ? { x_forwarded_for: this.forwardedFor } : {}),
      ...(this.userAgent ? { user_agent: this.userAgent } : {}),
      request_id: this.requestId,
      authority: this.authority,
      ...(this.endpoint ? { upstream_host: `${this.endpoint.address}:${this.endpoint.port}` } : {}),
      ...(d ? { upstream_cluster: `outbound|${d.port ?? ''}|${d.subset ?? ''}|${d.host}` } : {}),
      source_workload: this.source.workload,
      source_namespace: this.source.namespace,
      attempts: this.attempts,
      mirrored: this.mirrored,
      listener: this.listener,
    };
  }
}
