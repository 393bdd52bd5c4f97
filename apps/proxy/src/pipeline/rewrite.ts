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

function redirect(ctx: RequestContext, r: HTTPRedirect): StageResult {
  const [path, query] = splitQuery(ctx.path);
  let nextPath = path;
  if (r.uri !== undefined) nextPath = r.uri;
  else if (r.prefixRewrite !== undefined) nextPath = replaceMatchedPrefix(ctx, path, r.prefixRewrite);
  const scheme = r.scheme ?? ctx.scheme;
  const host = r.authority ?? ctx.host;
  const derived = r.derivePort === 'FROM_PROTOCOL_DEFAULT' ? undefined : r.derivePort === 'FROM_REQUEST_PORT' ? ctx.port : undefined;
  const port = r.port ?? derived;
  const location = `${scheme}://${host}${port && !isDefaultPort(scheme, port) ? `:${port}` : ''}${nextPath}${r.uri === undefined && query ? `?${query}` : ''}`;
  return localReply(r.redirectCode ?? 301, undefined, '', { location });
}

function rewrite(ctx: RequestContext, rw: HTTPRewrite) {
  const [path, query] = splitQuery(ctx.path);
  let next = path;
  if (rw.uri !== undefined) next = replaceMatchedPrefix(ctx, path, rw.uri);
  else if (rw.uriRegexRewrite?.match !== undefined) {
    next = compileRewriteRegex(rw.uriRegexRewrite.match).replace(path, rw.uriRegexRewrite.rewrite ?? '');
  }
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
