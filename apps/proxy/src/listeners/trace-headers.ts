// Request id and trace context at the edge of the mesh, as Envoy does: x-request-id is
// generated when absent; a W3C traceparent is created when neither it nor B3 headers
// came in, and B3 single/multi headers are kept as they are (propagated).
// https://www.w3.org/TR/trace-context/ ; https://github.com/openzipkin/b3-propagation
import { randomUUID } from 'node:crypto';
import { createRandomIds } from '../telemetry/random-ids.js';
import type { IncomingHttpHeaders } from 'node:http';

export function ensureRequestId(headers: IncomingHttpHeaders): string {
  const existing = headers['x-request-id'];
  if (typeof existing === 'string' && existing !== '') return existing;
  const id = randomUUID();
  headers['x-request-id'] = id;
  return id;
}

/** Ids from a pooled entropy buffer: two crypto calls and Buffers per request cost more than the rest of this. */
const randomId = createRandomIds();

/** Starts a trace when the request carries none; returns the trace id either way. */
export function ensureTraceContext(headers: IncomingHttpHeaders): string {
  const parent = headers.traceparent;
  if (typeof parent === 'string' && /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/.test(parent)) return parent.slice(3, 35);
  const b3 = headers['x-b3-traceid'] ?? (typeof headers.b3 === 'string' ? headers.b3.split('-')[0] : undefined);
  if (typeof b3 === 'string' && b3 !== '') return b3;
  const traceId = randomId(16);
  headers.traceparent = `00-${traceId}-${randomId(8)}-01`;
  return traceId;
}
