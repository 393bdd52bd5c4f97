// Stages 5–8, the destination and the endpoint (STYLE.md principle 4): the weighted
// destination, its subset endpoints minus outlier-ejected hosts, the balancer's pick,
// connection-pool admission, then forward with retries (jittered back-off, another host
// preferred), per-try and route timeouts, and the mirror once the body is complete.
import { pickDestination, type ResolvedDestination, resolveDestination, type RouteMatch } from '@rudder/shared/routing';
import { parseDuration } from '@rudder/shared/values';
import type { DestinationStates } from '../destination/state.js';
import { bufferBody } from './body.js';
import type { Cancellation } from './cancel.js';
import { localReply, type RequestContext, type StageResult } from './context.js';
import { type Endpointish, sendAttempts } from './attempts.js';
import type { Forwarder } from './forward.js';
import { type MirrorDeps, startMirrors } from './mirror.js';
import { applyHeaderOps } from './rewrite.js';

export interface UpstreamDeps extends MirrorDeps {
  random: () => number;
  now: () => number;
  sleep: (ms: number, cancel: Cancellation) => Promise<void>;
  forwarder: Forwarder;
  states: DestinationStates;
  bodyCap?: number;
}

/** A local reply at once, or the promise of the attempts' outcome; no promise of its own. */
export function upstreamStage(ctx: RequestContext, deps: UpstreamDeps, cancel: Cancellation): StageResult | Promise<StageResult> {
  const route = ctx.route;
  if (!route || route.kind === 'no-route') return undefined;
  const body = bufferBody(ctx.req, deps.bodyCap);
  if (body instanceof Promise) {
    return body.then((buffered) => {
      ctx.body = buffered;
      return toDestination(ctx, route, deps, cancel);
    });
  }
  ctx.body = body;
  return toDestination(ctx, route, deps, cancel);
}

function toDestination(ctx: RequestContext, route: Exclude<RouteMatch, { kind: 'no-route' }>, deps: UpstreamDeps, cancel: Cancellation): StageResult | Promise<StageResult> {
  if (route.kind === 'passthrough') {
    // ALLOW_ANY: forward to the host as addressed, as a plain HTTP proxy would (no DestinationRule).
    const passthrough: Endpointish = { address: ctx.host, port: ctx.port ?? 80 };
    return sendAttempts(ctx, deps, cancel, { passthrough });
  }
  let host: string;
  let subset: string | undefined;
  let port: number | undefined;
  let picked: object;
  if (route.kind === 'route') {
    const weighted = pickDestination(route.rule, deps.random);
    if (!weighted) return localReply(503, 'NR');
    picked = weighted;
    ({ host, subset, port } = weighted);
    if (weighted.headers?.request) applyHeaderOps(ctx.headers as Record<string, string | string[] | undefined>, weighted.headers.request);
    if (weighted.headers?.response) ctx.responseHeaderOps.push(weighted.headers.response);
  } else {
    host = route.service.host;
    picked = route.service;
  }
  ctx.destination = { host, subset, port };
  const resolved = resolveOnce(ctx, picked, host, subset, port);
  // No cluster (unknown host or undefined subset): Envoy answers 503 with flag NC.
  if (!resolved) return localReply(503, 'NC', 'no healthy upstream');
  // The port the route or the service decided (Envoy's cluster `outbound|<port>|<subset>|<host>`).
  if (port === undefined && resolved.port !== undefined) ctx.destination.port = resolved.port;
  if (route.kind === 'route' && route.rule.mirrors.length > 0) startMirrors(ctx, route.rule.mirrors, deps);
  const state = deps.states.get(resolved, ctx.source.namespace);
  return sendAttempts(ctx, deps, cancel, { state, resolved, timeoutMs: routeTimeoutMs(ctx) });
}

/**
 * resolveDestination per destination object of the table (a weighted destination, or a
 * default route's service), remembered for the listener port and caller namespace last asked
 * with (a listener asks with one of each): no cache key string per request.
 */
const resolvedMemo = new WeakMap<object, { listenerPort: number | undefined; namespace: string; resolved: ResolvedDestination | undefined }>();
function resolveOnce(ctx: RequestContext, picked: object, host: string, subset: string | undefined, port: number | undefined) {
  const namespace = ctx.source.namespace;
  const memo = resolvedMemo.get(picked);
  if (memo && memo.listenerPort === ctx.port && memo.namespace === namespace) return memo.resolved;
  const resolved = resolveDestination(ctx.table, host, subset, port, {
    ...(ctx.port !== undefined ? { listenerPort: ctx.port } : {}),
    client: { namespace },
  });
  resolvedMemo.set(picked, { listenerPort: ctx.port, namespace, resolved });
  return resolved;
}

/** The route's timeout in ms, parsed once per rule (Istio's routes have none by default). */
const timeouts = new WeakMap<object, number>();
function routeTimeoutMs(ctx: RequestContext): number | undefined {
  const spec = ctx.rule?.spec;
  if (!spec?.timeout) return undefined;
  let ms = timeouts.get(spec);
  if (ms === undefined) {
    ms = parseDuration(spec.timeout) ?? 0;
    timeouts.set(spec, ms);
  }
  return ms || undefined;
}
