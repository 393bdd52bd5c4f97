import { describe, expect, it } from 'vitest';
import { type AttemptOutcome, compileInboundRetryPolicy, compileRetryPolicy, parseRetryOn, RETRY_ON_TOKENS, type RetryPolicy } from './retry-policy.js';

const policy = (retryOn: string, options = {}): RetryPolicy => compileRetryPolicy({ attempts: 3, retryOn }, options)!;

const status = (code: number, headers?: AttemptOutcome['headers']): AttemptOutcome => (headers ? { status: code, headers } : { status: code });
const connectFailure: AttemptOutcome = { connectFailure: true };
const reset: AttemptOutcome = { reset: true };
const resetBeforeSending: AttemptOutcome = { reset: true, requestSent: false };
const perTryTimeout: AttemptOutcome = { perTryTimeout: true };
const refused: AttemptOutcome = { refusedStream: true };

describe('Istio default retry policy (istio retry.go DefaultPolicy; EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY since 1.24)', () => {
  it('a route without retries gets 2 retries on connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes', () => {
    const p = compileRetryPolicy(undefined)!;
    expect(p.attempts).toBe(2);
    expect([...p.retryOn].sort()).toEqual(['cancelled', 'connect-failure', 'refused-stream', 'retriable-status-codes', 'unavailable']);
    expect(p.retriableStatusCodes).toEqual([]);
    expect(p.perTryTimeoutMs).toBeUndefined();
    expect([p.retryIgnorePreviousHosts, p.hostSelectionRetryMaxAttempts]).toEqual([true, 5]);
    expect([p.backoffBaseMs, p.backoffMaxMs]).toEqual([25, 250]);
  });

  it('retries a connect failure but not an upstream 503 (Istio ≥ 1.24)', () => {
    const p = compileRetryPolicy(undefined)!;
    expect(p.shouldRetry(connectFailure)).toBe(true);
    expect(p.shouldRetry(status(503))).toBe(false);
    expect(p.shouldRetry(reset)).toBe(false);
    expect(p.shouldRetry(status(200, { 'grpc-status': '14' }))).toBe(true); // unavailable
  });

  it('retries 503 again when exclude503FromDefault is false (Istio ≤ 1.23)', () => {
    expect(compileRetryPolicy(undefined, { exclude503FromDefault: false })!.shouldRetry(status(503))).toBe(true);
  });

  it('keeps retries on the hashed host under consistent hashing (DefaultConsistentHashPolicy)', () => {
    expect(compileRetryPolicy(undefined, { consistentHash: true })!.retryIgnorePreviousHosts).toBe(false);
  });

  it('the sidecar inbound default: 2 retries on reset-before-request', () => {
    const p = compileInboundRetryPolicy();
    expect(p.attempts).toBe(2);
    expect(p.shouldRetry(resetBeforeSending)).toBe(true);
    expect(p.shouldRetry(reset)).toBe(false);
  });
});

describe('HTTPRetry (istio retry.go ConvertPolicy)', () => {
  it('attempts 0 or absent disables retries entirely', () => {
    expect(compileRetryPolicy({ attempts: 0 })).toBeUndefined();
    expect(compileRetryPolicy({ retryOn: '5xx' })).toBeUndefined();
  });

  it('attempts without retryOn keeps the default conditions', () => {
    const p = compileRetryPolicy({ attempts: 5 })!;
    expect(p.attempts).toBe(5);
    expect(p.retryOn.has('connect-failure')).toBe(true);
  });

  it('perTryTimeout, backoff (base, cap 10×) and retryIgnorePreviousHosts are taken', () => {
    const p = compileRetryPolicy({ attempts: 1, perTryTimeout: '2s', backoff: '100ms', retryIgnorePreviousHosts: false, retryRemoteLocalities: true })!;
    expect([p.perTryTimeoutMs, p.backoffBaseMs, p.backoffMaxMs, p.retryIgnorePreviousHosts, p.retryRemoteLocalities]).toEqual([2000, 100, 1000, false, true]);
    expect(compileRetryPolicy({ attempts: 1, retryIgnorePreviousHosts: true }, { consistentHash: true })!.retryIgnorePreviousHosts).toBe(true);
  });

  it('a bare status code joins the status list and adds retriable-status-codes', () => {
    const p = policy('503,reset');
    expect(p.retriableStatusCodes).toEqual([503]);
    expect(p.retryOn.has('retriable-status-codes')).toBe(true);
    expect(p.shouldRetry(status(503))).toBe(true);
    expect(p.shouldRetry(status(500))).toBe(false);
  });

  it('parseRetryOn trims parts, skips empty ones, and keeps unknown ones apart', () => {
    expect(parseRetryOn(' 5xx , ,gateway-error,409,599,bogus')).toEqual({ tokens: ['5xx', 'gateway-error'], codes: [409], unknown: ['599', 'bogus'] });
  });

  it.each(RETRY_ON_TOKENS)('recognises the retryOn token %s', (token) => expect([...policy(token).retryOn]).toEqual([token]));
});

describe('shouldRetry per retryOn token (envoy retry_state_impl.cc wouldRetryFromHeaders / wouldRetryFromReset)', () => {
  it('5xx: any 5xx, a reset, a per-try timeout, a connect failure — not a 4xx', () => {
    const p = policy('5xx');
    for (const o of [status(500), status(503), status(599), reset, perTryTimeout, connectFailure, refused]) expect(p.shouldRetry(o)).toBe(true);
    expect(p.shouldRetry(status(404))).toBe(false);
    expect(p.shouldRetry(status(200))).toBe(false);
  });

  it('gateway-error: 502, 503, 504 and resets — not 500', () => {
    const p = policy('gateway-error');
    for (const o of [status(502), status(503), status(504), reset, connectFailure]) expect(p.shouldRetry(o)).toBe(true);
    expect(p.shouldRetry(status(500))).toBe(false);
  });

  it('reset: no response at all (disconnect, reset, per-try timeout) — not a 503 the upstream sent', () => {
    const p = policy('reset');
    for (const o of [reset, resetBeforeSending, perTryTimeout, connectFailure]) expect(p.shouldRetry(o)).toBe(true);
    expect(p.shouldRetry(status(503))).toBe(false);
  });

  it('reset-before-request: only when no request byte went out', () => {
    const p = policy('reset-before-request');
    expect(p.shouldRetry(resetBeforeSending)).toBe(true);
    expect(p.shouldRetry(connectFailure)).toBe(true);
    expect(p.shouldRetry(reset)).toBe(false);
    expect(p.shouldRetry(perTryTimeout)).toBe(false);
  });

  it('connect-failure: a failed or timed-out connect only', () => {
    const p = policy('connect-failure');
    expect(p.shouldRetry(connectFailure)).toBe(true);
    expect(p.shouldRetry(reset)).toBe(false);
    expect(p.shouldRetry(status(503))).toBe(false);
  });

  it('refused-stream: an HTTP/2 REFUSED_STREAM only', () => {
    const p = policy('refused-stream');
    expect(p.shouldRetry(refused)).toBe(true);
    expect(p.shouldRetry(reset)).toBe(false);
  });

  it('retriable-4xx: 409 only', () => {
    const p = policy('retriable-4xx');
    expect(p.shouldRetry(status(409))).toBe(true);
    expect(p.shouldRetry(status(404))).toBe(false);
    expect(p.shouldRetry(status(429))).toBe(false);
  });

  it('retriable-status-codes alone retries nothing without codes', () => {
    expect(policy('retriable-status-codes').shouldRetry(status(503))).toBe(false);
    expect(policy('retriable-status-codes,429').shouldRetry(status(429))).toBe(true);
  });

  it('retriable-headers: a response carrying a configured header (Istio configures none)', () => {
    expect(policy('retriable-headers').shouldRetry(status(200, { 'x-retry-me': '1' }))).toBe(false);
    const p = policy('retriable-headers', { retriableHeaders: ['X-Retry-Me'] });
    expect(p.shouldRetry(status(200, { 'x-retry-me': '1' }))).toBe(true);
    expect(p.shouldRetry(status(200, {}))).toBe(false);
  });

  it('envoy-ratelimited: x-envoy-ratelimited is retried only under it, even when 5xx is set', () => {
    const limited = status(429, { 'x-envoy-ratelimited': 'true' });
    expect(policy('envoy-ratelimited').shouldRetry(limited)).toBe(true);
    expect(policy('5xx').shouldRetry(status(503, { 'x-envoy-ratelimited': 'true' }))).toBe(false);
  });

  it.each([
    ['cancelled', '1'],
    ['deadline-exceeded', '4'],
    ['resource-exhausted', '8'],
    ['internal', '13'],
    ['unavailable', '14'],
  ])('gRPC %s: grpc-status %s in the response headers', (token, code) => {
    const p = policy(token);
    expect(p.shouldRetry(status(200, { 'grpc-status': code }))).toBe(true);
    expect(p.shouldRetry(status(200, { 'grpc-status': '0' }))).toBe(false);
  });

  it('http3-post-connect-failure never applies to Rudder\'s HTTP/1.1 upstreams', () => {
    expect(policy('http3-post-connect-failure').shouldRetry(reset)).toBe(false);
  });

  it.each(['UO', 'UH', 'NC', 'UT', 'FI', 'NR'])('a local reply (%s) is never retried, whatever retryOn says', (flag) => {
    expect(policy('5xx,reset,connect-failure,retriable-status-codes,503').shouldRetry({ localReply: flag, status: 503 })).toBe(false);
  });
});
