// The request path, declared once in Envoy's order (DESIGN.md "The proxy pipeline"):
//   route    — which VirtualService rule, first match wins; nothing else makes sense first
//   cors     — Istio puts Envoy's CORS filter before the fault filter: preflights are answered
//              with the route's policy, never faulted or forwarded
//   fault    — Envoy's fault filter runs before the router, so faults hit before any upstream
//   rewrite  — redirect/direct response end here; rewrites and headers shape what goes out
//   upstream — destination by weight, subset, balancer (skipping ejected hosts), pool
//              admission, forward with retries and timeouts, then mirror the buffered body
// Each stage returns nothing to continue or a local reply; one place sends replies and
// one recorder writes the telemetry record.
import type { ListenerContext } from '@rudder/shared/routing';
import type { IncomingHttpHeaders } from 'node:http';
import type { SpanContext } from '../telemetry/trace-context.js';
import { Cancellation } from './cancel.js';
import type { LocalReply, RequestContext } from './context.js';
import { corsStage } from './cors.js';
import { type FaultDeps, faultStage } from './fault.js';
import { sendLocalReply } from './respond.js';
import { rewriteStage } from './rewrite.js';
import { routeStage } from './route.js';
import { type UpstreamDeps, upstreamStage } from './upstream.js';

export interface PipelineDeps extends FaultDeps, UpstreamDeps {
  /** Called once per request when it is over (telemetry, access log). */
  record: (ctx: RequestContext) => void;
  /** Joins or starts this hop's span and rewrites the trace headers (telemetry/trace-context.ts). */
  trace?: (headers: IncomingHttpHeaders) => SpanContext;
}

export async function runPipeline(ctx: RequestContext, listener: ListenerContext, deps: PipelineDeps): Promise<void> {
  const cancel = new Cancellation();
  // Client gone before we finished: abort upstream work so pool slots are freed (DESIGN.md traps).
  const onClose = () => {
    if (!ctx.res.writableFinished) cancel.abort('client');
  };
  ctx.res.once('close', onClose);
  try {
    // Stages that need not wait return their result directly: no promise per stage per request.
    let reply: LocalReply | undefined = routeStage(ctx, listener) ?? corsStage(ctx);
    if (!reply) {
      const fault = faultStage(ctx, deps, cancel);
      reply = fault instanceof Promise ? await fault : fault;
    }
    reply ??= rewriteStage(ctx);
    if (!reply) {
      const upstream = upstreamStage(ctx, deps, cancel);
      reply = upstream instanceof Promise ? await upstream : upstream;
    }
    if (reply && !cancel.clientGone) sendLocalReply(ctx, reply);
  } catch (error) {
    if (!cancel.clientGone) sendLocalReply(ctx, { status: 500, body: `internal proxy error: ${(error as Error).message}` });
  } finally {
    ctx.res.off('close', onClose);
    if (cancel.clientGone && ctx.status === undefined) ctx.status = 0;
    deps.record(ctx);
  }
}
