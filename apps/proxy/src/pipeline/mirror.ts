// Stage 8, mirror (Envoy request mirroring, istio-semantics.md §2.10): once the body is
// complete, a copy from the capped buffer goes to each mirror destination picked by its
// percentage, with `-shadow` appended to the host before any port (a mesh setting), its
// own timeout, and its response discarded. Fire and forget: a hung or failing mirror
// never delays or fails the original. Bodies past the buffer cap are not mirrored.
import { type Agent, request } from 'node:http';
import { resolveDestination } from '@rudder/shared/routing';
import type { CompiledRule } from '@rudder/shared/routing';
import type { Endpoint } from '@rudder/shared/protocol';
import type { DestinationStates } from '../destination/state.js';
import { MIRROR_HEADER } from '../listeners/identity.js';
import type { RequestContext } from './context.js';

export interface MirrorDeps {
  random: () => number;
  states: DestinationStates;
  agentFor: (address: string, port: number) => Agent;
  /** Milliseconds before a mirrored request is abandoned. */
  mirrorTimeoutMs?: number;
  now?: () => number;
  /** Telemetry for the shadow copy (its own edge kind; status 0 when it got no answer). */
  recordMirror?: (ctx: RequestContext, endpoint: Endpoint, host: string, status: number, durationMs: number) => void;
}

/** `reviews:9080` → `reviews-shadow:9080` (Envoy's shadow host suffix). */
export function shadowHost(authority: string): string {
  const colon = authority.lastIndexOf(':');
  if (colon > 0 && /^\d+$/.test(authority.slice(colon + 1))) return `${authority.slice(0, colon)}-shadow${authority.slice(colon)}`;
  return `${authority}-shadow`;
}

export function startMirrors(ctx: RequestContext, mirrors: CompiledRule['mirrors'], deps: MirrorDeps): void {
  const body = ctx.body;
  if (!body?.replayable || !body.buffer) return;
  for (const mirror of mirrors) {
    const percent = mirror.percentage ?? 100;
    if (percent < 100 && !(percent > 0 && deps.random() * 100 < percent)) continue;
    const resolved = resolveDestination(ctx.table, mirror.host, mirror.subset, mirror.port, { client: { namespace: ctx.source.namespace } });
    if (!resolved) continue;
    const state = deps.states.get(resolved, ctx.source.namespace);
    const candidates = state.candidates(resolved);
    const chosen = state.balancer.pick(state.outlier ? state.outlier.healthyHosts(candidates) : candidates, {});
    if (!chosen) continue;
    ctx.mirrored = true;
    const authority = String(ctx.headers.host ?? ctx.host);
    const headers = {
      ...ctx.headers,
      host: ctx.table.mesh.shadowHostSuffix ? shadowHost(authority) : authority,
      'content-length': String(body.buffer.length),
      // Tells the target's inbound listener (which strips it) to report the copy as mirrored.
      [MIRROR_HEADER]: '1',
    };
    const copy = request({
      host: chosen.endpoint.address,
      port: chosen.endpoint.port,
      method: ctx.method,
      path: ctx.path,
      headers,
      agent: deps.agentFor(chosen.endpoint.address, chosen.endpoint.port),
      timeout: deps.mirrorTimeoutMs ?? 10_000,
    });
    const started = deps.now?.() ?? 0;
    let reported = false;
    const report = (status: number) => {
      if (reported) return;
      reported = true;
      deps.recordMirror?.(ctx, chosen.endpoint, resolved.host, status, (deps.now?.() ?? 0) - started);
    };
    copy.on('response', (res) => {
      res.resume();
      res.once('end', () => report(res.statusCode ?? 0));
      res.once('error', () => report(0));
    });
    copy.on('timeout', () => copy.destroy());
    copy.on('error', () => report(0));
    copy.end(body.buffer);
  }
}
