// Stages 5–8, the destination and the endpoint (STYLE.md principle 4): the weighted
// destination, its subset endpoints minus outlier-ejected hosts, the balancer's pick,
// connection-pool admission, then forward with retries (jittered back-off, another host
// preferred), per-try and route timeouts, and the mirror once the body is complete.
import { pickDestination, resolveDestination } from '@rudder/shared/routing';
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

export async function upstreamStage(ctx: RequestContext, deps: UpstreamDeps, cancel: Cancellation): Promise<StageResult> {
  const route = ctx.route;
  if (!route || route.kind === 'no-route') return undefined;
  const body = bufferBody(ctx.req, deps.bodyCap);
  ctx.body = body instanceof Promise ? await body : body;
  if (route.kind === 'passthrough') {
    // ALLOW_ANY: forward to the host as addressed, as a plain HTTP proxy would (no DestinationRule).
    const passthrough: Endpointish = { address: ctx.host, port: ctx.port ?? 80 };
    return sendAttempts(ctx, deps, cancel, { passthrough });
  }
  let host: string;
  let subset: string | undefined;
  let port: number | undefined;
  if (route.kind === 'route') {
    const picked = pickDestination(route.rule, deps.random);
    if (!picked) return localReply(503, 'NR');
    ({ host, subset, port } = picked);
    if (picked.headers?.request) applyHeaderOps(ctx.headers as Record<string, string | string[] | undefined>, picked.headers.request);
    if (picked.headers?.response) ctx.responseHeaderOps.push(picked.headers.response);
  } else {
    host = route.service.host;
  }
  ctx.destination = { host, subset, port };
  const resolved = resolveDestination(ctx.table, host, subset, port, {
    ...(ctx.port !== undefined ? { listenerPort: ctx.port } : {}),
    client: { namespace: ctx.source.namespace },
  });
  // No cluster (unknown host or undefined subset): Envoy answers 503 with flag NC.
  if (!resolved) return localReply(503, 'NC', 'no healthy upstream');
  // The port the route or the service decided (Envoy's cluster `outbound|<port>|<subset>|<host>`).
  if (port === undefined && resolved.port !== undefined) ctx.destination.port = resolved.port;
  if (route.kind === 'route' && route.rule.mirrors.length > 0) startMirrors(ctx, route.rule.mirrors, deps);
  const state = deps.states.get(resolved, ctx.source.namespace);
  return sendAttempts(ctx, deps, cancel, { state, resolved, timeoutMs: routeTimeoutMs(ctx) });
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
