// Each hop joins the incoming trace as a child and hands its own span id upstream
// (W3C trace-context, B3 multi and single); new traces are head-sampled.
import { describe, expect, it } from 'vitest';
import { startSpan } from './trace-context.js';

let n = 0;
const deps = (samplingPercent = 100, random = () => 0.5) => ({ id: (bytes: number) => String(++n).padStart(bytes * 2, 'a'), random, samplingPercent });

describe('startSpan', () => {
  it('starts a sampled root span when no context came in, and propagates it as traceparent', () => {
    const headers: Record<string, string> = {};
    const span = startSpan(headers, deps());
    expect(span.parentId).toBeUndefined();
    expect(span.sampled).toBe(true);
    expect(headers.traceparent).toBe(`00-${span.traceId}-${span.spanId}-01`);
  });

  it('makes the next hop a child of this one', () => {
    const headers: Record<string, string> = {};
    const gateway = startSpan(headers, deps());
    const inbound = startSpan(headers, deps());
    const outbound = startSpan(headers, deps());
    expect(inbound.traceId).toBe(gateway.traceId);
    expect(inbound.parentId).toBe(gateway.spanId);
    expect(outbound.parentId).toBe(inbound.spanId);
    expect(headers.traceparent).toBe(`00-${gateway.traceId}-${outbound.spanId}-01`);
  });

  it('head-samples new traces by percentage and honours the decision downstream', () => {
    const headers: Record<string, string> = {};
    const root = startSpan(headers, deps(1, () => 0.5));
    expect(root.sampled).toBe(false);
    expect(headers.traceparent?.endsWith('-00')).toBe(true);
    expect(startSpan(headers, deps(100)).sampled).toBe(false);
    expect(startSpan({}, deps(1, () => 0.001)).sampled).toBe(true);
  });

  it('joins B3 multi headers and rewrites span and parent ids', () => {
    const headers: Record<string, string> = { 'x-b3-traceid': '463ac35c9f6413ad', 'x-b3-spanid': 'a2fb4a1d1a96d312', 'x-b3-sampled': '1' };
    const span = startSpan(headers, deps(0));
    expect(span.traceId).toBe('0000000000000000463ac35c9f6413ad');
    expect(span.parentId).toBe('a2fb4a1d1a96d312');
    expect(span.sampled).toBe(true);
    expect(headers['x-b3-spanid']).toBe(span.spanId);
    expect(headers['x-b3-parentspanid']).toBe('a2fb4a1d1a96d312');
    expect(headers.traceparent).toBeUndefined();
  });

  it('joins a B3 single header', () => {
    const headers: Record<string, string> = { b3: '80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1' };
    const span = startSpan(headers, deps(0));
    expect(span.traceId).toBe('80f198ee56343ba864fe8b2a57d3eff7');
    expect(span.parentId).toBe('e457b5a2e4d86bd1');
    expect(headers.b3).toBe(`80f198ee56343ba864fe8b2a57d3eff7-${span.spanId}-1-e457b5a2e4d86bd1`);
  });

  it('prefers traceparent over B3 and keeps both in step', () => {
    const headers: Record<string, string> = {
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      'x-b3-traceid': '0af7651916cd43dd8448eb211c80319c',
      'x-b3-spanid': 'b7ad6b7169203331',
    };
    const span = startSpan(headers, deps());
    expect(span.parentId).toBe('b7ad6b7169203331');
    expect(headers.traceparent).toBe(`00-0af7651916cd43dd8448eb211c80319c-${span.spanId}-01`);
    expect(headers['x-b3-spanid']).toBe(span.spanId);
  });
});
