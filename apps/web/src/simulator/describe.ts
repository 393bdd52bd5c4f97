// Words for a simulation's result: the outcome in one line, why a rule did not match, and the
// fault, timeout, retries, mirror, redirect and rewrite that apply — with the defaults the
// proxy uses when the route says nothing (apps/proxy/src/pipeline: fault.ts, retry-policy.ts).
import type { EndpointView } from '@rudder/shared/protocol';
import type { ReportedView } from '../api/types.js';
import type { SimActions, SimEndpoint, SimulateResult } from './types.js';

export type Tone = 'ok' | 'warn' | 'bad' | 'info';

/** `ns/name` of a VirtualService → the dashboard's page of it. */
export const virtualServiceLink = (ref: string) => {
  const [namespace, name] = ref.split('/');
  return `/config/VirtualService/${encodeURIComponent(namespace ?? 'default')}/${encodeURIComponent(name ?? '')}`;
};

// The matcher's no-route reasons (shared/src/routing/match.ts) in words.
const NO_ROUTE: Record<string, string> = {
  'no-matching-rule': 'A VirtualService takes this host, but none of its rules matches the request; Istio has no fallback.',
  'gateway-host-unbound': 'No VirtualService bound to this gateway serves the host.',
  'no-gateway': "No Gateway resource selects the ingress gateway's labels.",
  'registry-only': 'The host is in no registry and outboundTrafficPolicy is REGISTRY_ONLY.',
};

/** One line saying what happens to the request. */
export function outcomeOf(r: SimulateResult): { tone: Tone; title: string; detail: string } {
  switch (r.result) {
    case 'no-route':
      return { tone: 'bad', title: `${r.status}${r.responseFlag ? ` ${r.responseFlag}` : ''}: no route`, detail: NO_ROUTE[r.reason] ?? r.reason };
    case 'passthrough':
      return { tone: 'info', title: 'Passed through', detail: `${r.host} is in no registry; ALLOW_ANY forwards it as a plain HTTP proxy would.` };
    case 'default-route':
      return { tone: 'ok', title: 'Default route', detail: 'No VirtualService binds this host here: the whole service, balanced over every endpoint.' };
    case 'route': {
      const a = r.actions;
      const rule = `rule ${r.ruleIndex}${r.ruleName ? ` "${r.ruleName}"` : ''}`;
      if (a.directResponse) return { tone: 'info', title: `Direct response ${a.directResponse.status}`, detail: `${rule} of ${r.virtualService} answers without forwarding.` };
      if (a.redirect) return { tone: 'info', title: `Redirect ${a.redirect.redirectCode ?? 301}`, detail: `${rule} of ${r.virtualService} redirects the caller.` };
      const abort = a.fault?.abort;
      if (abort && faultPercent(abort) >= 100) return { tone: 'bad', title: `Aborted with ${abort.httpStatus ?? abort.grpcStatus ?? '?'} (FI)`, detail: `${rule} of ${r.virtualService} injects the fault on every request.` };
      const to = r.destinations.map((d) => `${shortHost(d.host)}${d.subset ? ` ${d.subset}` : ''}${r.destinations.length > 1 ? ` ${d.weight}%` : ''}`).join(', ');
      return { tone: 'ok', title: `Routed to ${to}`, detail: `by ${rule}${r.matchIndex !== undefined ? `, match ${r.matchIndex}` : ''} of ${r.virtualService}` };
    }
  }
}

export const shortHost = (host: string) => host.replace(/\.svc\.cluster\.local$/, '').replace(/\.default$/, '');

/** The proxy's rule: `percentage.value`, else the legacy `percent`, else every request. */
export function faultPercent(f: { percentage?: { value?: number }; percent?: number }): number {
  if (f.percentage) return f.percentage.value ?? 0;
  if (f.percent !== undefined) return f.percent;
  return 100;
}

const pct = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(2).replace(/0+$/, '')} %`;

/** One line per action that applies, in the pipeline's order. */
export function actionLines(a: SimActions): { label: string; text: string; tone?: Tone }[] {
  const out: { label: string; text: string; tone?: Tone }[] = [];
  const delay = a.fault?.delay;
  if (delay) out.push({ label: 'Fault: delay', text: `${delay.fixedDelay ?? delay.exponentialDelay ?? '?'} on ${pct(faultPercent(delay))} of requests (DI)`, tone: 'warn' });
  const abort = a.fault?.abort;
  if (abort) out.push({ label: 'Fault: abort', text: `HTTP ${abort.httpStatus ?? abort.grpcStatus ?? '?'} on ${pct(faultPercent(abort))} of requests (FI)`, tone: 'bad' });
  if (a.directResponse) out.push({ label: 'Direct response', text: `${a.directResponse.status}${a.directResponse.body?.string ? `: ${a.directResponse.body.string}` : ''}` });
  if (a.redirect) out.push({ label: 'Redirect', text: redirectText(a.redirect) });
  if (a.rewrite) out.push({ label: 'Rewrite', text: rewriteText(a.rewrite) });
  if (!a.redirect && !a.directResponse) {
    out.push({ label: 'Timeout', text: a.timeout ? `${a.timeout} for the whole request, retries included (UT)` : 'none (Istio has no default route timeout)' });
    out.push({ label: 'Retries', text: retriesText(a.retries) });
  }
  for (const m of a.mirrors ?? []) {
    out.push({ label: 'Mirror', text: `${shortHost(m.host)}${m.subset ? ` ${m.subset}` : ''}${m.port ? `:${m.port}` : ''} — ${pct(m.percentage ?? 100)} of requests, response discarded`, tone: 'info' });
  }
  return out;
}

function retriesText(r: SimActions['retries']): string {
  if (!r) return "Istio's default: 2 retries on connect-failure, refused-stream, unavailable, cancelled, retriable-status-codes";
  if (!r.attempts || r.attempts <= 0) return 'none (attempts: 0)';
  const parts = [`${r.attempts} ${r.attempts === 1 ? 'retry' : 'retries'}`];
  if (r.perTryTimeout) parts.push(`${r.perTryTimeout} per try`);
  parts.push(`on ${(r.retryOn ?? 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes').split(',').join(', ')}`);
  return parts.join(', ');
}

function redirectText(r: NonNullable<SimActions['redirect']>): string {
  const target = [r.scheme ? `${r.scheme}://` : '', r.authority ?? '', r.port ? `:${r.port}` : '', r.uri ?? r.prefixRewrite ?? ''].join('');
  return `${r.redirectCode ?? 301} to ${target || 'the same URL'}`;
}

function rewriteText(r: NonNullable<SimActions['rewrite']>): string {
  const parts: string[] = [];
  if (r.uri !== undefined) parts.push(`path prefix → ${r.uri || '/'}`);
  if (r.uriRegexRewrite) parts.push(`path ${r.uriRegexRewrite.match ?? ''} → ${r.uriRegexRewrite.rewrite ?? ''}`);
  if (r.authority) parts.push(`Host → ${r.authority}`);
  return parts.join(', ') || 'nothing';
}

/** Why a rule did not take the request: the first failed condition of each match block. */
export function whyNot(blocks: readonly { index: number; failed?: string }[]): string[] {
  if (blocks.length === 0) return [];
  return blocks.map((b) => (blocks.length > 1 ? `match ${b.index}: ${b.failed ?? 'matches'}` : (b.failed ?? 'matches')));
}

export interface EndpointRow extends SimEndpoint {
  /** As the calling proxy's outlier detector last reported it; absent when it has not called yet. */
  live?: { ejected: boolean; ejectedUntil?: number; ejections: number; active: number; healthy: boolean };
}

/**
 * Joins the simulated endpoints with the endpoint views the caller's proxy reported
 * (GET /rudder/v1/endpoints?caller=…): the same host and subset, the same address.
 */
export function joinEndpoints(endpoints: readonly SimEndpoint[], views: readonly ReportedView[], host: string, subset: string | undefined): EndpointRow[] {
  const mine = views.filter((v) => v.host === host && (v.subset ?? undefined) === subset);
  const byAddress = new Map<string, EndpointView>();
  for (const v of mine) for (const e of v.endpoints) byAddress.set(`${e.address}:${e.port}`, e);
  return endpoints.map((e) => {
    const live = byAddress.get(e.address);
    if (!live) return { ...e };
    const { ejected, ejectedUntil, ejections, active, healthy } = live;
    return { ...e, live: { ejected, ejections, active, healthy, ...(ejectedUntil !== undefined ? { ejectedUntil } : {}) } };
  });
}

/** The endpoint's state in words and a tone: ejection first, then the registry's health. */
export function endpointState(row: EndpointRow, now: number): { tone: Tone; text: string } {
  if (row.live?.ejected) {
    const left = row.live.ejectedUntil ? Math.max(0, Math.ceil((row.live.ejectedUntil - now) / 1000)) : undefined;
    return { tone: 'bad', text: `Ejected${left !== undefined ? ` for ${left}s more` : ''} (${row.live.ejections}×)` };
  }
  if (row.health !== 'Healthy') return { tone: 'warn', text: row.health };
  return { tone: 'ok', text: row.live && row.live.ejections > 0 ? `Healthy (ejected ${row.live.ejections}× before)` : 'Healthy' };
}
