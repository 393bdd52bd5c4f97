// Destination-level wizards: load balancing (6.10, 6.11) per service and per subset, and
// the circuit breaker (6.12, 6.13: connection pool and outlier detection). Both edit the
// DestinationRule's trafficPolicy in place and leave its other fields (subsets, the other
// policy) as they are.
import { parseDuration } from '@rudder/shared/values';
import { type Built, destinationRule, type FormProblem, isInt, type WizardContext, withSubsets } from './model.js';

type Spec = Record<string, unknown>;
type Subset = { name: string; labels?: Record<string, string>; trafficPolicy?: Spec };

// ---- Load balancer

export type Simple = 'ROUND_ROBIN' | 'RANDOM' | 'LEAST_REQUEST';
export type StickyBy = 'cookie' | 'header' | 'sourceIp' | 'query';

export interface BalancerChoice {
  /** `default`: no loadBalancer (Istio's least request; a subset inherits the service's). */
  mode: 'default' | 'simple' | 'sticky';
  simple: Simple;
  sticky: { by: StickyBy; name: string; ttl: string };
}

/** Per scope: '' is the whole service, otherwise a subset name. */
export type BalancerState = Record<string, BalancerChoice>;

const defaultChoice = (): BalancerChoice => ({ mode: 'default', simple: 'ROUND_ROBIN', sticky: { by: 'cookie', name: 'user', ttl: '1800s' } });

function choiceOf(lb: Spec | undefined): BalancerChoice {
  const choice = defaultChoice();
  if (!lb) return choice;
  if (typeof lb.simple === 'string') return { ...choice, mode: 'simple', simple: lb.simple === 'LEAST_CONN' ? 'LEAST_REQUEST' : (lb.simple as Simple) };
  const hash = lb.consistentHash as Spec | undefined;
  if (!hash) return choice;
  const cookie = hash.httpCookie as { name?: string; ttl?: string } | undefined;
  const sticky: BalancerChoice['sticky'] = cookie
    ? { by: 'cookie', name: cookie.name ?? '', ttl: cookie.ttl ?? '' }
    : hash.httpHeaderName
      ? { by: 'header', name: String(hash.httpHeaderName), ttl: '' }
      : hash.httpQueryParameterName
        ? { by: 'query', name: String(hash.httpQueryParameterName), ttl: '' }
        : { by: 'sourceIp', name: '', ttl: '' };
  return { ...choice, mode: 'sticky', sticky };
}

function loadBalancerOf(c: BalancerChoice): Spec | undefined {
  if (c.mode === 'default') return undefined;
  if (c.mode === 'simple') return { simple: c.simple };
  const { by, name, ttl } = c.sticky;
  const hash = by === 'cookie' ? { httpCookie: { name, ...(ttl.trim() ? { ttl: ttl.trim() } : {}) } } : by === 'header' ? { httpHeaderName: name } : by === 'query' ? { httpQueryParameterName: name } : { useSourceIp: true };
  return { consistentHash: hash };
}

export function balancerFromLive(ctx: WizardContext): BalancerState {
  const spec = ctx.live.dr?.spec ?? {};
  const state: BalancerState = { '': choiceOf((spec.trafficPolicy as Spec | undefined)?.loadBalancer as Spec | undefined) };
  const subsets = (spec.subsets as Subset[] | undefined) ?? [];
  for (const name of ctx.subsets) state[name] = choiceOf(subsets.find((s) => s.name === name)?.trafficPolicy?.loadBalancer as Spec | undefined);
  return state;
}

/** Sets or clears `loadBalancer` in a trafficPolicy, dropping the policy when it ends up empty. */
function withBalancer(policy: Spec | undefined, lb: Spec | undefined): Spec | undefined {
  const { loadBalancer: _old, ...rest } = policy ?? {};
  const next = lb ? { ...rest, loadBalancer: lb } : rest;
  return Object.keys(next).length > 0 ? next : undefined;
}

export function buildBalancer(ctx: WizardContext, state: BalancerState): Built {
  const problems: FormProblem[] = [];
  for (const [scope, c] of Object.entries(state)) {
    const where = scope ? `subset ${scope}` : 'the service';
    if (c.mode !== 'sticky') continue;
    if (c.sticky.by !== 'sourceIp' && !/^[A-Za-z0-9_.-]+$/.test(c.sticky.name)) problems.push({ field: `sticky-name-${scope}`, message: `Sticky name for ${where}: required (letters, digits, - _ .).` });
    const ttl = c.sticky.ttl.trim();
    if (c.sticky.by === 'cookie' && ttl && !((parseDuration(ttl) ?? -1) >= 0)) problems.push({ field: `sticky-ttl-${scope}`, message: `Cookie TTL for ${where}: a duration such as 1800s (0s for a session cookie).` });
  }
  const dr = destinationRule(ctx, 'load-balancer', (spec) => {
    const withScoped = withSubsets(
      spec,
      Object.entries(state)
        .filter(([scope, c]) => scope && c.mode !== 'default')
        .map(([scope]) => scope),
    );
    const policy = withBalancer(withScoped.trafficPolicy as Spec | undefined, loadBalancerOf(state[''] ?? defaultChoice()));
    const subsets = ((withScoped.subsets as Subset[] | undefined) ?? []).map((s) => {
      const choice = state[s.name];
      if (!choice) return s;
      const { trafficPolicy: _tp, ...rest } = s;
      const tp = withBalancer(s.trafficPolicy, loadBalancerOf(choice));
      return tp ? { ...rest, trafficPolicy: tp } : rest;
    });
    const { trafficPolicy: _tp, subsets: _s, ...rest } = withScoped;
    return { ...rest, ...(policy ? { trafficPolicy: policy } : {}), ...(subsets.length ? { subsets } : {}) };
  });
  const fields: Record<string, string> = { 'documents[0].spec.trafficPolicy.loadBalancer': 'mode-' };
  ((dr?.spec?.subsets as Subset[] | undefined) ?? []).forEach((s, i) => {
    fields[`documents[0].spec.subsets[${i}].trafficPolicy.loadBalancer`] = `mode-${s.name}`;
  });
  return { resources: dr ? [dr] : [], problems, warnings: dr ? [] : ['Nothing to change: the live DestinationRule already says this.'], fields };
}

// ---- Circuit breaker

export interface BreakerState {
  pool: { enabled: boolean; maxConnections: string; connectTimeout: string; maxRequests: string; maxRequestsPerConnection: string; maxPending: string };
  outlier: { enabled: boolean; consecutive5xx: string; consecutiveGateway: string; interval: string; baseEjectionTime: string; maxEjectionPercent: string };
}

/** Tutorial 6.13's values (consecutiveErrors: 1, deprecated, becomes consecutiveGatewayErrors as Rudder reads it). */
export const TUTORIAL_BREAKER: BreakerState = {
  pool: { enabled: true, maxConnections: '2', connectTimeout: '30ms', maxRequests: '1', maxRequestsPerConnection: '1', maxPending: '' },
  outlier: { enabled: true, consecutive5xx: '', consecutiveGateway: '1', interval: '1s', baseEjectionTime: '3m', maxEjectionPercent: '' },
};

const str = (v: unknown) => (v === undefined ? '' : String(v));

export function breakerFromLive(ctx: WizardContext): BreakerState {
  const tp = (ctx.live.dr?.spec?.trafficPolicy ?? {}) as { connectionPool?: { tcp?: Spec; http?: Spec }; outlierDetection?: Spec };
  const tcp = tp.connectionPool?.tcp ?? {};
  const http = tp.connectionPool?.http ?? {};
  const od = tp.outlierDetection ?? {};
  return {
    pool: { enabled: Boolean(tp.connectionPool), maxConnections: str(tcp.maxConnections), connectTimeout: str(tcp.connectTimeout), maxRequests: str(http.http2MaxRequests), maxRequestsPerConnection: str(http.maxRequestsPerConnection), maxPending: str(http.http1MaxPendingRequests) },
    outlier: { enabled: Boolean(tp.outlierDetection), consecutive5xx: str(od.consecutive5xxErrors), consecutiveGateway: str(od.consecutiveGatewayErrors ?? od.consecutiveErrors), interval: str(od.interval), baseEjectionTime: str(od.baseEjectionTime), maxEjectionPercent: str(od.maxEjectionPercent) },
  };
}

/** Reads optional number and duration fields into an object, naming each bad one. */
function readFields(entries: [key: string, field: string, label: string, value: string, kind: 'int' | 'duration' | 'percent'][], problems: FormProblem[]): Spec {
  const out: Spec = {};
  for (const [key, field, label, raw, kind] of entries) {
    const value = raw.trim();
    if (!value) continue;
    const ms = parseDuration(value);
    if (kind === 'duration' && (ms === undefined || ms <= 0)) problems.push({ field, message: `${label}: a positive duration such as 30ms or 1s.` });
    else if (kind === 'int' && !isInt(value, 0, 2 ** 31 - 1)) problems.push({ field, message: `${label}: a whole number, 0 or more.` });
    else if (kind === 'percent' && !isInt(value, 0, 100)) problems.push({ field, message: `${label}: a whole number from 0 to 100.` });
    out[key] = kind === 'duration' ? value : Number(value);
  }
  return out;
}

export function buildBreaker(ctx: WizardContext, s: BreakerState): Built {
  const problems: FormProblem[] = [];
  const p = s.pool;
  const tcp = readFields([['maxConnections', 'max-connections', 'Max connections', p.maxConnections, 'int'], ['connectTimeout', 'connect-timeout', 'Connect timeout', p.connectTimeout, 'duration']], problems);
  const http = readFields([['http1MaxPendingRequests', 'max-pending', 'Max pending requests', p.maxPending, 'int'], ['http2MaxRequests', 'max-requests', 'Max requests in flight', p.maxRequests, 'int'], ['maxRequestsPerConnection', 'per-connection', 'Max requests per connection', p.maxRequestsPerConnection, 'int']], problems);
  const o = s.outlier;
  const od = readFields([['consecutive5xxErrors', 'consecutive-5xx', 'Consecutive 5xx errors', o.consecutive5xx, 'int'], ['consecutiveGatewayErrors', 'consecutive-gateway', 'Consecutive gateway errors', o.consecutiveGateway, 'int'], ['interval', 'interval', 'Interval', o.interval, 'duration'], ['baseEjectionTime', 'base-ejection', 'Base ejection time', o.baseEjectionTime, 'duration'], ['maxEjectionPercent', 'max-ejection', 'Max ejection percent', o.maxEjectionPercent, 'percent']], problems);
  const pool = { ...(Object.keys(tcp).length ? { tcp } : {}), ...(Object.keys(http).length ? { http } : {}) };
  if (p.enabled && Object.keys(pool).length === 0) problems.push({ field: 'max-connections', message: 'Connection pool: set at least one limit.' });
  const nothing = !p.enabled && !o.enabled && !ctx.live.dr;
  const dr = nothing ? undefined : destinationRule(ctx, 'circuit-breaker', (spec) => {
    const { connectionPool: _cp, outlierDetection: _od, ...rest } = (spec.trafficPolicy as Spec | undefined) ?? {};
    const policy = { ...rest, ...(p.enabled ? { connectionPool: pool } : {}), ...(o.enabled ? { outlierDetection: od } : {}) };
    const { trafficPolicy: _tp, ...without } = spec;
    return Object.keys(policy).length ? { ...without, trafficPolicy: policy } : without;
  });
  const cp = 'documents[0].spec.trafficPolicy.connectionPool';
  const odPath = 'documents[0].spec.trafficPolicy.outlierDetection';
  const fields = {
    [`${cp}.tcp.maxConnections`]: 'max-connections',
    [`${cp}.tcp.connectTimeout`]: 'connect-timeout',
    [`${cp}.http.http1MaxPendingRequests`]: 'max-pending',
    [`${cp}.http.http2MaxRequests`]: 'max-requests',
    [`${cp}.http.maxRequestsPerConnection`]: 'per-connection',
    [`${odPath}.consecutive5xxErrors`]: 'consecutive-5xx',
    [`${odPath}.consecutiveGatewayErrors`]: 'consecutive-gateway',
    [`${odPath}.interval`]: 'interval',
    [`${odPath}.baseEjectionTime`]: 'base-ejection',
    [`${odPath}.maxEjectionPercent`]: 'max-ejection',
  };
  // Both off is not an error: on a DestinationRule with a breaker it removes it; on one without, there is nothing to write yet.
  const idle = !p.enabled && !o.enabled ? "Turn on the connection pool, outlier detection, or both (or use the tutorial's values)." : 'Nothing to change: the live DestinationRule already says this.';
  return { resources: dr ? [dr] : [], problems, warnings: dr ? [] : [idle], fields };
}
