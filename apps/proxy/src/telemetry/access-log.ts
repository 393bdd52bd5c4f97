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
  add(entry: AccessLogEntry): void;
  /** The newest entries, oldest first. */
  recent(limit?: number): AccessLogEntry[];
}

export const ACCESS_LOG_CAPACITY = 2000;

export function createAccessLog(sink?: (line: string) => void, capacity = ACCESS_LOG_CAPACITY): AccessLog {
  const ring: AccessLogEntry[] = [];
  let next = 0;
  return {
    add(entry) {
      if (ring.length < capacity) ring.push(entry);
      else ring[next] = entry;
      next = (next + 1) % capacity;
      sink?.(JSON.stringify(entry));
    },
    recent(limit = capacity) {
      const ordered = ring.length < capacity ? ring : [...ring.slice(next), ...ring.slice(0, next)];
      return ordered.slice(-limit);
    },
  };
}

export function accessLogEntry(ctx: RequestContext, now: number): AccessLogEntry {
  const d = ctx.destination;
  const xff = ctx.headers['x-forwarded-for'];
  const agent = ctx.req.headers['user-agent'];
  return {
    start_time: new Date(ctx.startedAt).toISOString(),
    method: ctx.method,
    path: ctx.path,
    protocol: 'HTTP/1.1',
    response_code: ctx.status ?? 0,
    response_flags: responseFlagsText(ctx.flags),
    duration: Math.round(now - ctx.startedAt),
    ...(ctx.upstreamMs !== undefined ? { upstream_service_time: Math.round(ctx.upstreamMs) } : {}),
    ...(typeof xff === 'string' ? { x_forwarded_for: xff } : {}),
    ...(agent ? { user_agent: agent } : {}),
    request_id: ctx.requestId,
    authority: String(ctx.req.headers.host ?? ctx.host),
    ...(ctx.endpoint ? { upstream_host: `${ctx.endpoint.address}:${ctx.endpoint.port}` } : {}),
    ...(d ? { upstream_cluster: `outbound|${d.port ?? ''}|${d.subset ?? ''}|${d.host}` } : {}),
    source_workload: ctx.source.workload,
    source_namespace: ctx.source.namespace,
    attempts: ctx.attempts,
    mirrored: ctx.mirrored,
    listener: ctx.listener,
  };
}
