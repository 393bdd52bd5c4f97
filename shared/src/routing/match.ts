// The request matcher (DESIGN.md "The proxy pipeline", steps 1-2): which VirtualService rule,
// default route, passthrough or local reply a request gets, as Envoy's route table built by Istio
// decides it — virtual host by domain, then routes in order, first match wins; 404 NR when none.
import type { ResolvedService } from '../protocol/registry.js';
import { gatewayContextFor } from './gateways.js';
import { hostMatches, sidecarHostCandidates, splitAuthority } from './hosts.js';
import { conditionsHold, type RequestView, selectorsHold } from './request-match.js';
import { visibleFrom } from './resources.js';
import type { CompiledVirtualService, RouteEntry, RouteMatch, RouteRequest, RouteTable } from './types.js';

const NO_MATCHING_RULE = { kind: 'no-route', reason: 'no-matching-rule', status: 404, responseFlag: 'NR' } as const;
const GATEWAY_HOST_UNBOUND = { kind: 'no-route', reason: 'gateway-host-unbound', status: 404, responseFlag: 'NR' } as const;
const NO_GATEWAY = { kind: 'no-route', reason: 'no-gateway', status: 404, responseFlag: 'NR' } as const;
const REGISTRY_ONLY = { kind: 'no-route', reason: 'registry-only', status: 502 } as const;
const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

/** Matches one request against a compiled table. Pure: no I/O, no clock, no randomness. */
export function matchRoute(table: RouteTable, request: RouteRequest): RouteMatch {
  const { hostname, port: authorityPort } = splitAuthority(request.host);
  const listener = request.listener;
  const view = requestView(request, request.port ?? authorityPort ?? 80);
  if (listener.kind === 'gateway') {
    const context = gatewayContextFor(table, listener);
    if (context.gateways.length === 0) return NO_GATEWAY;
    let domain = hostname;
    let entries = context.exact.get(hostname);
    for (let i = 0; entries === undefined && i < context.wildcards.length; i++) {
      const [pattern, list] = context.wildcards[i]!;
      if (hostMatches(pattern, hostname)) {
        domain = pattern;
        entries = list;
      }
    }
    if (entries === undefined) return GATEWAY_HOST_UNBOUND;
    // No rule took it: name the (first) VirtualService bound here, so a simulation can say why.
    const first = entries[0];
    return firstMatch(entries, view, false, domain) ?? (first ? { ...NO_MATCHING_RULE, virtualService: first.virtualService } : NO_MATCHING_RULE);
  }
  const namespace = listener.namespace;
  const candidates = sidecarHostCandidates(hostname, namespace);
  // Envoy prefers an exact domain: a VirtualService host, else a registry service (whose
  // virtual host a wildcard VirtualService may own); then wildcard VirtualService hosts.
  for (const candidate of candidates) {
    const routed = routeAny(table, table.sidecar.exact.get(candidate), view, candidate, namespace);
    if (routed) return routed;
    const service = table.services.exact.get(candidate);
    if (service && serviceVisible(service, namespace)) return wildcardRoute(table, view, candidate, namespace) ?? defaultRoute(service, candidate);
  }
  for (const candidate of candidates) {
    const routed = wildcardRoute(table, view, candidate, namespace);
    if (routed) return routed;
  }
  for (const [pattern, service] of table.services.wildcards) {
    if (hostMatches(pattern, hostname) && serviceVisible(service, namespace)) return defaultRoute(service, hostname);
  }
  return table.mesh.outboundTrafficPolicy === 'REGISTRY_ONLY' ? REGISTRY_ONLY : { kind: 'passthrough', host: hostname };
}

export function requestView(request: RouteRequest, port: number): RequestView {
  let target = request.path;
  if (!target.startsWith('/') && /^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    const slash = target.indexOf('/', target.indexOf('//') + 2);
    target = slash < 0 ? '/' : target.slice(slash);
  }
  const cut = target.search(/[?#]/);
  const listener = request.listener;
  return {
    path: cut < 0 ? target : target.slice(0, cut),
    query: cut >= 0 && target[cut] === '?' ? target.slice(cut + 1).split('#')[0] : undefined,
    fullPath: target,
    method: request.method,
    scheme: request.scheme ?? 'http',
    authority: request.host,
    port,
    headers: request.headers,
    labels: listener.labels ?? NO_LABELS,
    namespace: request.sourceNamespace ?? listener.namespace,
  };
}

const defaultRoute = (service: ResolvedService, host: string): RouteMatch => ({ kind: 'default', service, host });

/**
 * The first visible VirtualService (oldest first) that has routes for this client routes the
 * request. One whose every match is deselected (sourceLabels, sourceNamespace, port) builds no
 * routes for this proxy in Istio, so the next one — or the service's default route — applies.
 */
function routeAny(
  table: RouteTable,
  list: readonly CompiledVirtualService[] | undefined,
  view: RequestView,
  host: string,
  namespace: string,
): RouteMatch | undefined {
  for (const vs of list ?? []) {
    const routed = routeOne(table, vs, view, host, namespace);
    if (routed) return routed;
  }
  return undefined;
}

function routeOne(table: RouteTable, vs: CompiledVirtualService, view: RequestView, host: string, namespace: string): RouteMatch | undefined {
  if (!visibleFrom(vs.exportTo, namespace)) return undefined;
  const found = firstMatch(table.sidecar.routes.get(vs.key) ?? [], view, true, host);
  return found === null ? { ...NO_MATCHING_RULE, virtualService: vs } : found;
}

/** The most specific wildcard VirtualService host covering `host` that has routes for this client. */
function wildcardRoute(table: RouteTable, view: RequestView, host: string, namespace: string): RouteMatch | undefined {
  for (const [pattern, vs] of table.sidecar.wildcards) {
    if (!hostMatches(pattern, host)) continue;
    const routed = routeOne(table, vs, view, host, namespace);
    if (routed) return routed;
  }
  return undefined;
}

/**
 * Routes in order; the first whose match holds wins (Envoy: no longest-prefix preference).
 * `null`: some route exists for this client but none matched (404 NR); undefined: none exists.
 */
function firstMatch(entries: readonly RouteEntry[], view: RequestView, checkPort: boolean, host: string): RouteMatch | null | undefined {
  let applies = false;
  for (const entry of entries) {
    const { match } = entry;
    if (match === undefined) return routed(entry, host);
    if (!selectorsHold(match, view, checkPort)) continue;
    applies = true;
    if (conditionsHold(match, view)) return routed(entry, host);
  }
  return applies ? null : undefined;
}

/** One allocation, one shape: `match` and `serverPort` are undefined when absent. */
function routed({ virtualService, rule, match, port }: RouteEntry, host: string): RouteMatch {
  return { kind: 'route', virtualService, ruleIndex: rule.ruleIndex, rule, match, host, serverPort: port };
}

/** ServiceEntry exportTo: absent or `*` is everyone, `.` its own namespace, `~` no one. */
function serviceVisible(service: ResolvedService, namespace: string): boolean {
  const exportTo = service.exportTo;
  if (exportTo === undefined || exportTo.length === 0) return true;
  return exportTo.some((e) => e === '*' || e === namespace || (e === '.' && service.namespace === namespace));
}
