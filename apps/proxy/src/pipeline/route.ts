// Stage 2, route: the VirtualServices for the host visible from this listener, rules in
// order, first match wins (istio-semantics.md §2.2). Unknown hosts at a sidecar are
// passed through (ALLOW_ANY) or refused with 502 (REGISTRY_ONLY); at the gateway, and
// when every rule of a VirtualService misses, Envoy answers 404 with flag NR.
import { matchRoute, type ListenerContext } from '@rudder/shared/routing';
import { localReply, type RequestContext, type StageResult } from './context.js';

export function routeStage(ctx: RequestContext, listener: ListenerContext): StageResult {
  const match = matchRoute(ctx.table, {
    listener,
    host: ctx.port !== undefined ? `${ctx.host}:${ctx.port}` : ctx.host,
    ...(ctx.port !== undefined ? { port: ctx.port } : {}),
    method: ctx.method,
    path: ctx.path,
    scheme: ctx.scheme,
    headers: ctx.headers as Record<string, string | string[] | undefined>,
    sourceNamespace: ctx.source.namespace,
  });
  ctx.route = match;
  if (match.kind === 'no-route') return localReply(match.status, match.responseFlag);
  if (match.kind === 'route') ctx.rule = match.rule;
  return undefined;
}
