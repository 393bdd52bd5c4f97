// Joining or starting a trace at each proxy listener, as Envoy's tracer does: read the
// incoming context (W3C traceparent, else B3 multi or single headers), make this hop's span
// a child of it, and rewrite the headers so the next hop's parent is this span. A request
// with no context starts a trace, sampled by head sampling (Istio's default 1 %); the
// decision travels in the sampled flag and later hops honour it.
// https://www.w3.org/TR/trace-context/ ; https://github.com/openzipkin/b3-propagation
import type { IncomingHttpHeaders } from 'node:http';

export interface SpanContext {
  traceId: string;
  spanId: string;
  parentId?: string;
  sampled: boolean;
}

export interface TraceDeps {
  /** A random hex id of `bytes` bytes. */
  id: (bytes: number) => string;
  random: () => number;
  /** Head sampling for new traces, in percent (0–100). */
  samplingPercent: number;
}

const TRACEPARENT = /^([\da-f]{2})-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})$/;
const HEX = /^[\da-f]{16}([\da-f]{16})?$/;

interface Incoming {
  traceId: string;
  parentId?: string;
  /** undefined: the caller deferred the decision. */
  sampled?: boolean;
}

function incoming(headers: IncomingHttpHeaders): Incoming | undefined {
  const tp = headers.traceparent;
  const w3c = typeof tp === 'string' ? TRACEPARENT.exec(tp) : null;
  if (w3c && w3c[2] !== '0'.repeat(32)) {
    return { traceId: w3c[2] as string, parentId: w3c[3] as string, sampled: (Number.parseInt(w3c[4] as string, 16) & 1) === 1 };
  }
  const b3Trace = headers['x-b3-traceid'];
  if (typeof b3Trace === 'string' && HEX.test(b3Trace)) {
    const span = headers['x-b3-spanid'];
    const flag = headers['x-b3-sampled'];
    const debug = headers['x-b3-flags'] === '1';
    const sampled = debug || flag === '1' || flag === 'true' ? true : flag === '0' || flag === 'false' ? false : undefined;
    return { traceId: b3Trace, ...(typeof span === 'string' && HEX.test(span) ? { parentId: span } : {}), ...(sampled !== undefined ? { sampled } : {}) };
  }
  const single = headers.b3;
  if (typeof single === 'string') {
    if (single === '0') return undefined;
    const [traceId, span, flag] = single.split('-');
    if (traceId && HEX.test(traceId)) {
      const sampled = flag === '1' || flag === 'd' ? true : flag === '0' ? false : undefined;
      return { traceId, ...(span && HEX.test(span) ? { parentId: span } : {}), ...(sampled !== undefined ? { sampled } : {}) };
    }
  }
  return undefined;
}

/** This hop's span: joins the incoming trace or starts one; rewrites the propagation headers for upstream. */
export function startSpan(headers: IncomingHttpHeaders, deps: TraceDeps): SpanContext {
  const from = incoming(headers);
  const sampled = from?.sampled ?? (deps.samplingPercent >= 100 || (deps.samplingPercent > 0 && deps.random() * 100 < deps.samplingPercent));
  const given = from?.traceId ?? deps.id(16);
  // A 64-bit B3 trace id is left-padded to W3C's 128 bits, so every hop records the same id.
  const traceId = given.padStart(32, '0');
  const spanId = deps.id(8);
  const flags = sampled ? '01' : '00';
  if (!from || typeof headers.traceparent === 'string') headers.traceparent = `00-${traceId}-${spanId}-${flags}`;
  if (typeof headers['x-b3-traceid'] === 'string') {
    headers['x-b3-spanid'] = spanId;
    if (from?.parentId) headers['x-b3-parentspanid'] = from.parentId;
    else delete headers['x-b3-parentspanid'];
    headers['x-b3-sampled'] = sampled ? '1' : '0';
  }
  if (typeof headers.b3 === 'string' && from) {
    headers.b3 = `${given}-${spanId}-${sampled ? '1' : '0'}${from.parentId ? `-${from.parentId}` : ''}`;
  }
  return { traceId, spanId, ...(from?.parentId ? { parentId: from.parentId } : {}), sampled };
}
