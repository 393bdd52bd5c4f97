// Redirect, direct response, rewrite and request header manipulation for the matched
// rule (Envoy route actions), before a destination is chosen.
// https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRedirect
import type { HTTPRedirect, HTTPRewrite } from '@rudder/shared/kinds';
import type { HeaderOps, RequestContext, StageResult } from './context.js';
import { localReply } from './context.js';
import { compileRewriteRegex } from './rewrite-regex.js';

export function rewriteStage(ctx: RequestContext): StageResult {
  const spec = ctx.rule?.spec;
  if (!spec) return undefined;
  if (spec.redirect) return redirect(ctx, spec.redirect);
  if (spec.directResponse) {
    const body = spec.directResponse.body;
    const text = body?.string ?? (body?.bytes ? Buffer.from(body.bytes, 'base64').toString('utf8') : undefined);
    return localReply(spec.directResponse.status, undefined, text ?? '', text === undefined ? {} : { 'content-type': 'text/plain' });
  }
  if (spec.rewrite) rewrite(ctx, spec.rewrite);
  if (spec.headers?.request) applyHeaderOps(ctx.headers as Record<string, string | string[] | undefined>, spec.headers.request);
  if (spec.headers?.response) ctx.responseHeaderOps.push(spec.headers.response);
  return undefined;
}

/**
 * Envoy's Http::Utility::newUri: the scheme, the host as requested (its port dropped when a
 * new port is given, or when the scheme changes and it was the old scheme's default), or
 * `authority`; then the port — `port`, or derivePort FROM_REQUEST_PORT: the port the route
 * was built for (the Gateway server's at a gateway, the service port at a sidecar) — left out
 * when it is the scheme's default; then the path with the original query unless `uri` has one.
 */
function redirect(ctx: RequestContext, r: HTTPRedirect): StageResult {
  const [path, query] = splitQuery(ctx.path);
  let nextPath = path;
  if (r.uri !== undefined) nextPath = r.uri;
  else if (r.prefixRewrite !== undefined) nextPath = replaceMatchedPrefix(ctx, path, r.prefixRewrite);
  const scheme = r.scheme ?? ctx.scheme;
  const requestPort = ctx.route?.kind === 'route' ? (ctx.route.serverPort ?? ctx.port ?? 80) : (ctx.port ?? 80);
  const port = r.port ?? (r.derivePort === 'FROM_REQUEST_PORT' ? requestPort : undefined);
  let host = r.authority ?? ctx.host;
  const keepRequestPort = r.authority === undefined && port === undefined && r.derivePort !== 'FROM_PROTOCOL_DEFAULT' && ctx.port !== undefined;
  if (keepRequestPort && !(scheme !== ctx.scheme && isDefaultPort(ctx.scheme, ctx.port as number))) host += `:${ctx.port}`;
  const portText = port !== undefined && !isDefaultPort(scheme, port) ? `:${port}` : '';
  const keepQuery = query && !(r.uri ?? '').includes('?');
  const location = `${scheme}://${host}${portText}${nextPath}${keepQuery ? `?${query}` : ''}`;
  return localReply(r.redirectCode ?? 301, undefined, '', { location });
}

function rewrite(ctx: RequestContext, rw: HTTPRewrite) {
  const [path, query] = splitQuery(ctx.path);
  let next = path;
  if (rw.uri !== undefined) next = replaceMatchedPrefix(ctx, path, rw.uri);
  else if (rw.uriRegexRewrite?.match !== undefined) {
    next = compileRewriteRegex(rw.uriRegexRewrite.match).replace(path, rw.uriRegexRewrite.rewrite ?? '');
  }
  // Envoy keeps the path before a uri rewrite in x-envoy-original-path (router rewritePathHeader).
  if (next !== path) ctx.headers['x-envoy-original-path'] = ctx.path;
  ctx.path = query ? `${next}?${query}` : next;
  if (rw.authority) {
    ctx.headers.host = rw.authority;
  }
}

/**
 * Envoy's prefix_rewrite: when the match was a uri prefix, only that prefix is replaced;
 * otherwise (exact, regex or no uri match) the whole path is replaced.
 */
function replaceMatchedPrefix(ctx: RequestContext, path: string, replacement: string): string {
  const prefix = ctx.route?.kind === 'route' ? ctx.route.match?.spec.uri?.prefix : undefined;
  if (prefix !== undefined && path.toLowerCase().startsWith(prefix.toLowerCase())) return replacement + path.slice(prefix.length);
  return replacement;
}

export function applyHeaderOps(headers: Record<string, string | string[] | undefined>, ops: HeaderOps) {
  for (const [name, value] of Object.entries(ops.set ?? {})) headers[name.toLowerCase()] = value;
  for (const [name, value] of Object.entries(ops.add ?? {})) {
    const key = name.toLowerCase();
    const existing = headers[key];
    headers[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  for (const name of ops.remove ?? []) delete headers[name.toLowerCase()];
}

export function splitQuery(path: string): [string, string] {
  const q = path.indexOf('?');
  return q < 0 ? [path, ''] : [path.slice(0, q), path.slice(q + 1)];
}

const isDefaultPort = (scheme: string, port: number) => (scheme === 'http' && port === 80) || (scheme === 'https' && port === 443);
