// Per-route policies of an HTTP route: retries, fault injection and CORS
// (agent/validation.go ValidateHTTPRetry; validation.go validateHTTPFaultInjection*,
// validateCORSPolicy).
import type { CorsPolicy, HTTPFaultInjection, HTTPRetry } from '../kinds/index.js';
import { validateCorsHeaderName } from './headers.js';
import { checkRegex } from './http-match.js';
import { at, child, type Report } from './report.js';
import { checkDuration, durationNanos, validatePercent, validatePercentage } from './values.js';

/** Envoy's x-envoy-retry-on and x-envoy-retry-grpc-on policies (supportedRetryOnPolicies). */
const RETRY_ON = new Set([
  '5xx', 'gateway-error', 'reset', 'reset-before-request', 'connect-failure', 'retriable-4xx', 'refused-stream',
  'retriable-status-codes', 'retriable-headers', 'envoy-ratelimited', 'http3-post-connect-failure',
  'cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable',
]);

/** Codes Go's net/http.StatusText knows: a retryOn token may be any of them. */
const STATUS_CODES = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308,
  400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423,
  424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);

/** A retryOn token: an Envoy policy, or (strconv.Atoi) an HTTP status code Go knows. */
function isRetryOnToken(token: string): boolean {
  if (RETRY_ON.has(token)) return true;
  return /^[+-]?\d{1,10}$/.test(token) && STATUS_CODES.has(Number(token));
}

/** ValidateHTTPRetry */
export function checkRetry(report: Report, field: string, retries: HTTPRetry | undefined): void {
  if (retries === undefined) return;
  const attempts = retries.attempts ?? 0;
  if (attempts < 0) report.invalid(child(field, 'attempts'), attempts, 'attempts cannot be negative');
  if (attempts === 0) {
    // Only these three: backoff and retryIgnorePreviousHosts are not checked by Istio.
    const configured = [
      ['perTryTimeout', retries.perTryTimeout !== undefined],
      ['retryOn', (retries.retryOn ?? '') !== ''],
      ['retryRemoteLocalities', retries.retryRemoteLocalities !== undefined],
    ] as const;
    for (const [name, set] of configured) {
      if (set) report.forbidden(child(field, name), 'http retry policy configured when attempts are set to 0 (disabled)');
    }
  }
  checkDuration(report, child(field, 'perTryTimeout'), retries.perTryTimeout);
  if (retries.retryOn) {
    for (const token of retries.retryOn.split(',')) {
      if (!isRetryOnToken(token)) report.invalid(child(field, 'retryOn'), retries.retryOn, `${JSON.stringify(token)} is not a valid retryOn policy`);
    }
  }
  checkDuration(report, child(field, 'backoff'), retries.backoff);
}

/** grpc.SupportedGRPCStatus */
const GRPC_STATUS = new Set([
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE',
  'DATA_LOSS', 'UNAUTHENTICATED',
]);

/** validateHTTPStatus: 200..600 (Istio's message says 200-599). */
export function validateHTTPStatus(status: number): string | undefined {
  return status < 200 || status > 600 ? `HTTP status ${status} is not in range 200-599` : undefined;
}

/** Fields of a proto oneof that are set; all but the first are reported. */
export function checkOneOf(report: Report, field: string, value: object, names: readonly string[]): string[] {
  const set = names.filter((n) => (value as Record<string, unknown>)[n] !== undefined);
  for (const extra of set.slice(1)) report.forbidden(child(field, extra), `only one of ${names.join(', ')} may be set (${set[0]} is set)`);
  return set;
}

/** validateHTTPFaultInjection, validateHTTPFaultInjectionAbort, validateHTTPFaultInjectionDelay */
export function checkFault(report: Report, field: string, fault: HTTPFaultInjection | undefined): void {
  if (fault === undefined) return;
  const { abort, delay } = fault;
  if (abort === undefined && delay === undefined) report.required(field, 'HTTP fault injection must have an abort and/or a delay');
  if (abort !== undefined) {
    const path = child(field, 'abort');
    const value = abort.percentage?.value ?? 0;
    if (abort.percentage) report.check(child(path, 'percentage.value'), value, validatePercentage(value));
    const types = checkOneOf(report, path, abort, ['httpStatus', 'grpcStatus', 'http2Error']);
    if (abort.httpStatus !== undefined) report.check(child(path, 'httpStatus'), abort.httpStatus, validateHTTPStatus(abort.httpStatus));
    if (abort.grpcStatus !== undefined && !GRPC_STATUS.has(abort.grpcStatus)) {
      report.notSupported(child(path, 'grpcStatus'), abort.grpcStatus, [...GRPC_STATUS]);
    }
    if (abort.http2Error !== undefined) report.invalid(child(path, 'http2Error'), abort.http2Error, 'HTTP/2 abort fault injection not supported yet');
    if (types.length === 0) report.warn(path, 'abort configured, but error type not set');
  }
  if (delay !== undefined) {
    const path = child(field, 'delay');
    const value = delay.percentage?.value ?? 0;
    if (delay.percentage) report.check(child(path, 'percentage.value'), value, validatePercentage(value));
    // The legacy integer `percent` (used when percentage is absent): Istio's webhook leaves it unchecked; Rudder holds it to 0-100.
    if (delay.percent !== undefined) report.check(child(path, 'percent'), delay.percent, validatePercent(delay.percent));
    checkOneOf(report, path, delay, ['fixedDelay', 'exponentialDelay']);
    checkDuration(report, child(path, 'fixedDelay'), delay.fixedDelay);
    if (delay.exponentialDelay !== undefined) {
      checkDuration(report, child(path, 'exponentialDelay'), delay.exponentialDelay);
      report.invalid(child(path, 'exponentialDelay'), delay.exponentialDelay, 'exponentialDelay not supported yet');
    }
  }
}

const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', '*'];

/** validateCORSPolicy and validateAllowOrigins */
export function checkCors(report: Report, field: string, policy: CorsPolicy | undefined): void {
  if (policy === undefined) return;
  policy.allowOrigins?.forEach((origin, i) => {
    const path = at(child(field, 'allowOrigins'), i);
    checkOneOf(report, path, origin, ['exact', 'prefix', 'regex']);
    const match = origin.exact ?? origin.prefix ?? origin.regex ?? '';
    if (match === '') report.invalid(path, origin, `'' is not a valid match type for CORS allow origins`);
    else if (origin.exact === undefined && origin.prefix === undefined && origin.regex !== undefined) checkRegex(report, child(path, 'regex'), origin.regex);
  });
  policy.allowMethods?.forEach((method, i) => {
    if (!CORS_METHODS.includes(method)) report.notSupported(at(child(field, 'allowMethods'), i), method, CORS_METHODS);
  });
  for (const list of ['allowHeaders', 'exposeHeaders'] as const) {
    policy[list]?.forEach((name, i) => {
      report.check(at(child(field, list), i), name, validateCorsHeaderName(name));
    });
  }
  if (policy.maxAge !== undefined) {
    const path = child(field, 'maxAge');
    checkDuration(report, path, policy.maxAge);
    const ns = durationNanos(policy.maxAge);
    if (ns !== undefined && ns > 0n && ns % 1_000_000_000n !== 0n) report.invalid(path, policy.maxAge, 'max_age duration is accurate only to seconds precision');
  }
}
