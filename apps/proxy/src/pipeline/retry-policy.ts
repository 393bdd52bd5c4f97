// A route's retry policy: Istio's HTTPRetry compiled as Istio hands it to Envoy (istio/istio
// pilot/pkg/networking/core/route/retry/retry.go ConvertPolicy), and Envoy's decision whether an
// attempt's outcome is retried (envoy source/common/router/retry_state_impl.cc
// wouldRetryFromHeaders / wouldRetryFromReset; docs http_filters/router_filter "x-envoy-retry-on").
//
// - No `retries` on the route: Istio's default policy, 2 retries on
//   connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes. The status list is
//   empty since Istio 1.24 (EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY=true); it held 503 before.
// - `attempts` ≤ 0 (or absent): no retries at all. Otherwise the default with overrides; a bare
//   status code in retryOn ("503") joins the status list and adds retriable-status-codes.
// - A retry avoids hosts already tried (previous-hosts predicate, 5 selection attempts) unless the
//   destination hashes consistently; retryIgnorePreviousHosts (1.26+) overrides either way.
// - Local replies (UO overflow, UH, NC, the route timeout's UT, FI…) are never retried.
import type { HTTPRetry } from '@rudder/shared/kinds';
import { parseDuration } from '@rudder/shared/values';
import { DEFAULT_BASE_INTERVAL_MS } from './backoff.js';

export const RETRY_ON_TOKENS = [
  '5xx',
  'gateway-error',
  'reset',
  'reset-before-request',
  'connect-failure',
  'envoy-ratelimited',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'retriable-headers',
  'http3-post-connect-failure',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
] as const;
export type RetryOnToken = (typeof RETRY_ON_TOKENS)[number];

export const ISTIO_DEFAULT_RETRY_ON = 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes';

/** gRPC status codes of the gRPC retry tokens, read from the response headers (not trailers). */
const GRPC_STATUS: Partial<Record<RetryOnToken, string>> = {
  cancelled: '1',
  'deadline-exceeded': '4',
  'resource-exhausted': '8',
  internal: '13',
  unavailable: '14',
};

/** Status codes Go's http.StatusText knows: what Istio's parseRetryOn takes for a status code. */
const KNOWN_STATUS = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401,
  402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428,
  429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);

type Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

/** How one attempt ended, as the forward stage saw it. */
export interface AttemptOutcome {
  /** The status the upstream actually returned (a reset the proxy turns into 503 is `reset`, not 503). */
  status?: number;
  /** The upstream's response headers (lower-case names). */
  headers?: Headers;
  /** The connection failed or timed out before the request went out (UF). */
  connectFailure?: boolean;
  /** The upstream reset or closed without a response (UC, UR). */
  reset?: boolean;
  /** Whether any request bytes reached the upstream before a reset; default true. */
  requestSent?: boolean;
  /** The per-try timeout fired: Envoy resets the stream and treats it as a reset after sending. */
  perTryTimeout?: boolean;
  /** HTTP/2 REFUSED_STREAM (never seen on Rudder's HTTP/1.1 upstreams). */
  refusedStream?: boolean;
  /** A reply the proxy made itself (UO, UH, NC, NR, UT, FI, DI…): never retried. */
  localReply?: string;
}

export interface RetryPolicy {
  /** Retries allowed after the first attempt. */
  attempts: number;
  perTryTimeoutMs?: number;
  retryOn: ReadonlySet<RetryOnToken>;
  retriableStatusCodes: readonly number[];
  /** retryOn parts that are neither a token nor a known status code (ignored). */
  unknownTokens: readonly string[];
  /** Prefer hosts not tried yet (Envoy previous_hosts), with this many selection attempts. */
  retryIgnorePreviousHosts: boolean;
  hostSelectionRetryMaxAttempts: number;
  retryRemoteLocalities: boolean;
  backoffBaseMs: number;
  backoffMaxMs: number;
  shouldRetry(outcome: AttemptOutcome): boolean;
}

export interface RetryPolicyOptions {
  /** The destination balances by consistent hash: retries stay on the hashed host by default. */
  consistentHash?: boolean;
  /** Istio ≥ 1.24 default true; false restores 503 in the default policy (Istio ≤ 1.23). */
  exclude503FromDefault?: boolean;
  /** Envoy's retriable_headers (names whose presence makes a response retriable); Istio sets none. */
  retriableHeaders?: readonly string[];
}

/** Istio's parseRetryOn: comma-separated, trimmed; known status codes apart from policy names. */
export function parseRetryOn(text: string): { tokens: RetryOnToken[]; codes: number[]; unknown: string[] } {
  const tokens: RetryOnToken[] = [];
  const codes: number[] = [];
  const unknown: string[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    if (/^[+-]?\d+$/.test(part) && KNOWN_STATUS.has(Number(part))) codes.push(Number(part));
    else if ((RETRY_ON_TOKENS as readonly string[]).includes(part)) tokens.push(part as RetryOnToken);
    else unknown.push(part);
  }
  return { tokens, codes, unknown };
}

const header = (headers: Headers | undefined, name: string): string | undefined => {
  const value = headers?.[name];
  return typeof value === 'string' ? value : value?.[0];
};

/** Compile a route's retries; undefined when the route retries nothing. */
export function compileRetryPolicy(retries: HTTPRetry | undefined, options: RetryPolicyOptions = {}): RetryPolicy | undefined {
  let attempts = 2;
  let retryOnText = ISTIO_DEFAULT_RETRY_ON;
  let codes: number[] = options.exclude503FromDefault === false ? [503] : [];
  let unknownTokens: string[] = [];
  let ignorePrevious = !options.consistentHash;
  let perTryTimeoutMs: number | undefined;
  let backoffBaseMs = DEFAULT_BASE_INTERVAL_MS;

  if (retries) {
    if (!retries.attempts || retries.attempts <= 0) return undefined;
    attempts = retries.attempts;
    if (retries.retryOn) {
      const parsed = parseRetryOn(retries.retryOn);
      codes = parsed.codes;
      unknownTokens = parsed.unknown;
      retryOnText = parsed.tokens.join(',');
      if (codes.length > 0 && !parsed.tokens.includes('retriable-status-codes')) retryOnText += ',retriable-status-codes';
    }
    if (retries.perTryTimeout !== undefined) perTryTimeoutMs = parseDuration(retries.perTryTimeout);
    if (retries.retryIgnorePreviousHosts !== undefined) ignorePrevious = retries.retryIgnorePreviousHosts;
    const backoff = retries.backoff === undefined ? undefined : parseDuration(retries.backoff);
    if (backoff !== undefined && backoff > 0) backoffBaseMs = Math.max(1, backoff);
  }

  const retryOn = new Set(parseRetryOn(retryOnText).tokens);
  const has = (token: RetryOnToken) => retryOn.has(token);
  const retriableHeaders = (options.retriableHeaders ?? []).map((h) => h.toLowerCase());

  const fromReset = (sent: boolean, refused: boolean) =>
    (has('reset-before-request') && !sent) || has('reset') || has('5xx') || has('gateway-error') || (has('refused-stream') && refused);

  const fromResponse = (status: number, headers: Headers | undefined): boolean => {
    // A response from a rate-limiting upstream Envoy is retried only under envoy-ratelimited.
    if (header(headers, 'x-envoy-ratelimited') !== undefined) return has('envoy-ratelimited');
    if (has('5xx') && status >= 500 && status <= 599) return true;
    if (has('gateway-error') && status >= 502 && status <= 504) return true;
    if (has('retriable-4xx') && status === 409) return true;
    if (has('retriable-status-codes') && codes.includes(status)) return true;
    if (has('retriable-headers') && retriableHeaders.some((name) => header(headers, name) !== undefined)) return true;
    const grpc = header(headers, 'grpc-status');
    return grpc !== undefined && Object.entries(GRPC_STATUS).some(([token, code]) => code === grpc && has(token as RetryOnToken));
  };

  return {
    attempts,
    ...(perTryTimeoutMs !== undefined ? { perTryTimeoutMs } : {}),
    retryOn,
    retriableStatusCodes: codes,
    unknownTokens,
    retryIgnorePreviousHosts: ignorePrevious,
    hostSelectionRetryMaxAttempts: 5,
    retryRemoteLocalities: retries?.retryRemoteLocalities === true,
    backoffBaseMs,
    backoffMaxMs: 10 * backoffBaseMs,
    shouldRetry(outcome) {
      if (outcome.localReply !== undefined) return false;
      // A failed connect never sent a byte: connect-failure and reset-before-request both apply.
      if (outcome.connectFailure) return has('connect-failure') || fromReset(false, false);
      if (outcome.reset || outcome.perTryTimeout || outcome.refusedStream) {
        return fromReset(outcome.perTryTimeout === true || outcome.requestSent !== false, outcome.refusedStream === true);
      }
      return outcome.status !== undefined && fromResponse(outcome.status, outcome.headers);
    },
  };
}

/** Istio's retry policy on a sidecar's inbound routes (ENABLE_INBOUND_RETRY_POLICY, 1.24+): 2 retries on reset-before-request. */
export const compileInboundRetryPolicy = (): RetryPolicy =>
  compileRetryPolicy({ attempts: 2, retryOn: 'reset-before-request', retryIgnorePreviousHosts: false })!;
