// CORS (Istio corsPolicy → Envoy's CORS filter, envoy source/extensions/filters/http/cors/
// cors_filter.cc; istio-semantics.md §2.12). Istio's filter chain puts it after route
// selection and before the fault filter and the router, so a preflight is answered here,
// never faulted, retried or forwarded: OPTIONS with a non-empty Origin and
// Access-Control-Request-Method. An origin is allowed when a matcher matches it (or "*");
// the answer echoes the origin. Other requests from an allowed origin go on and their
// response (upstream or local) gets Allow-Origin, Allow-Credentials and Expose-Headers.
import { type CompiledCors, matchValue } from '@rudder/shared/routing';
import { localReply, type RequestContext, type StageResult } from './context.js';

const first = (value: string | string[] | undefined) => (typeof value === 'string' ? value : value?.[0]);

const allows = (cors: CompiledCors, origin: string) => cors.allowOrigins.some((m) => matchValue(m, '*') || matchValue(m, origin));

export function corsStage(ctx: RequestContext): StageResult {
  const cors = ctx.rule?.cors;
  if (cors === undefined) return undefined;
  const origin = first(ctx.headers.origin);
  if (!origin) return undefined;
  const allowed = allows(cors, origin);
  const requestMethod = ctx.method === 'OPTIONS' ? first(ctx.headers['access-control-request-method']) : undefined;
  if (!requestMethod) {
    if (allowed) ctx.responseHeaderOps.push({ set: actualResponseHeaders(cors, origin) });
    return undefined;
  }
  if (!allowed && cors.forwardNotMatchingPreflights) return undefined;
  return localReply(200, undefined, '', preflightHeaders(cors, allowed ? origin : undefined, requestMethod, first(ctx.headers['access-control-request-headers'])));
}

/** CorsFilter::decodeHeaders' preflight answer; `*` methods or headers echo what the preflight asks for. */
function preflightHeaders(cors: CompiledCors, origin: string | undefined, method: string, requestHeaders: string | undefined) {
  const headers: Record<string, string> = {};
  if (origin !== undefined) headers['access-control-allow-origin'] = origin;
  if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  if (cors.allowMethods) headers['access-control-allow-methods'] = cors.allowMethods === '*' ? method : cors.allowMethods;
  if (cors.allowHeaders) headers['access-control-allow-headers'] = cors.allowHeaders === '*' ? (requestHeaders ?? '') : cors.allowHeaders;
  if (cors.maxAge) headers['access-control-max-age'] = cors.maxAge;
  return headers;
}

/** CorsFilter::encodeHeaders for a request from an allowed origin. */
function actualResponseHeaders(cors: CompiledCors, origin: string) {
  const headers: Record<string, string> = { 'access-control-allow-origin': origin };
  if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  if (cors.exposeHeaders) headers['access-control-expose-headers'] = cors.exposeHeaders;
  return headers;
}
