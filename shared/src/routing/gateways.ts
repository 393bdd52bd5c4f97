// Gateways and the routes they serve (istio-semantics.md §4), after istio/istio
// pilot/pkg/networking/core/gateway.go buildGatewayHTTPRouteConfig: a VirtualService bound to
// a gateway serves the intersection of its hosts and the server's `[ns/]hosts`; the routes of
// every VirtualService for one virtual host are concatenated oldest first, then catch-all
// routes move last (SortVHostRoutes). Rudder's one gateway listener (8080) serves HTTP servers
// declared on 80 or 8080.
import type { GatewaySpec, Resource } from '../kinds/index.js';
import { byWildcardSpecificity, hostIntersection, serverHostsForNamespace } from './hosts.js';
import { labelsMatch, visibleFrom } from './resources.js';
import { routeEntries, sortVHostRoutes } from './route-entries.js';
import type { CompiledGateway, CompiledVirtualService, GatewayContext, ListenerContext, RouteEntry, RouteTable } from './types.js';

/** Ports whose HTTP servers Rudder's gateway listener serves. */
export const GATEWAY_PORTS: ReadonlySet<number> = new Set([80, 8080]);

/** Gateway pod labels assumed when a gateway listener names neither gateways nor labels. */
export const DEFAULT_GATEWAY_LABELS: Readonly<Record<string, string>> = { istio: 'ingressgateway' };

/** Gateways oldest first, keeping only the servers Rudder serves (plain HTTP on 80/8080). */
export function compileGateways(resources: readonly Resource<GatewaySpec>[]): CompiledGateway[] {
  return resources.map((r) => ({
    name: r.metadata.name,
    namespace: r.metadata.namespace,
    key: `${r.metadata.namespace}/${r.metadata.name}`,
    selector: r.spec?.selector ?? {},
    servers: (r.spec?.servers ?? [])
      .filter((s) => GATEWAY_PORTS.has(s.port.number) && s.port.protocol.toUpperCase() === 'HTTP')
      .map((s) => ({ port: s.port.number, protocol: s.port.protocol, hosts: s.hosts, httpsRedirect: s.tls?.httpsRedirect ?? false })),
  }));
}

/** The gateway context for a listener, built once per (gateway set, namespace) and cached in the table. */
export function gatewayContextFor(table: RouteTable, listener: Extract<ListenerContext, { kind: 'gateway' }>): GatewayContext {
  const known = table.listenerContexts.get(listener);
  if (known) return known;
  const keys: string[] = [];
  if (listener.gateways !== undefined) {
    for (const g of listener.gateways) {
      const key = g.includes('/') ? g : `default/${g}`;
      if (table.gateways.has(key) && !keys.includes(key)) keys.push(key);
    }
  } else {
    const labels = listener.labels ?? DEFAULT_GATEWAY_LABELS;
    for (const gw of table.gateways.values()) if (labelsMatch(gw.selector, labels)) keys.push(gw.key);
  }
  const cacheKey = `${listener.namespace ?? ''}|${keys.join(',')}`;
  let context = table.gatewayContexts.get(cacheKey);
  if (context === undefined) {
    const ordered = [...table.gateways.values()].filter((g) => keys.includes(g.key));
    context = buildGatewayContext(table.byGateway, ordered, listener.namespace);
    table.gatewayContexts.set(cacheKey, context);
  }
  table.listenerContexts.set(listener, context);
  return context;
}

function buildGatewayContext(
  byGateway: ReadonlyMap<string, readonly CompiledVirtualService[]>,
  gateways: readonly CompiledGateway[],
  proxyNamespace: string | undefined,
): GatewayContext {
  const vhosts = new Map<string, RouteEntry[]>();
  const added = new Set<string>();
  for (const gw of gateways) {
    for (const server of gw.servers) {
      for (const vs of byGateway.get(gw.key) ?? []) {
        if (!visibleFrom(vs.exportTo, proxyNamespace)) continue;
        const hosts = hostIntersection(serverHostsForNamespace(server.hosts, vs.namespace, gw.namespace), vs.hosts);
        if (hosts.length === 0) continue;
        const entries = routeEntries(vs, gw.key, server.port);
        if (entries.length === 0) continue;
        for (const host of hosts) {
          // Servers on 80 and 8080 share one listener here: add a VirtualService once per host.
          const once = `${host}\n${vs.key}`;
          if (added.has(once)) continue;
          added.add(once);
          vhosts.set(host, [...(vhosts.get(host) ?? []), ...entries]);
        }
      }
    }
  }
  const exact = new Map<string, RouteEntry[]>();
  const wildcards: [string, RouteEntry[]][] = [];
  for (const [host, entries] of vhosts) {
    const sorted = sortVHostRoutes(entries);
    if (host.startsWith('*')) wildcards.push([host, sorted]);
    else exact.set(host, sorted);
  }
  wildcards.sort((a, b) => byWildcardSpecificity(a[0], b[0]));
  return { gateways, exact, wildcards };
}
