// What sidecars see (istio-semantics.md §2.1-2.2): VirtualServices bound to `mesh` by host —
// for one host the oldest wins (Istio keeps the first virtual host per domain; analyzer IST0109),
// an exact host beats a wildcard and the most specific wildcard wins (istio route.go
// mostSpecificWildcardVsIndex) — and the registry's services by host.
import type { ResolvedService } from '../protocol/registry.js';
import { byWildcardSpecificity } from './hosts.js';
import { routeEntries } from './route-entries.js';
import type { CompiledVirtualService, RouteEntry, ServiceIndex, SidecarIndex } from './types.js';

/** Indexes the mesh-bound VirtualServices (`vss` oldest first). */
export function buildSidecarIndex(vss: readonly CompiledVirtualService[], warnings: string[]): SidecarIndex {
  const exact = new Map<string, CompiledVirtualService[]>();
  const wildcards: [string, CompiledVirtualService][] = [];
  const routes = new Map<string, RouteEntry[]>();
  for (const vs of vss) {
    if (!vs.gateways.includes('mesh')) continue;
    routes.set(vs.key, routeEntries(vs, 'mesh'));
    for (const host of vs.hosts) {
      if (host.startsWith('*')) {
        wildcards.push([host, vs]);
        continue;
      }
      const list = exact.get(host) ?? [];
      if (list.length > 0) {
        warnings.push(`VirtualService ${vs.key}: host ${host} is already routed for the mesh by ${list[0]?.key}; the oldest one wins (IST0109)`);
      }
      list.push(vs);
      exact.set(host, list);
    }
  }
  wildcards.sort((a, b) => byWildcardSpecificity(a[0], b[0]));
  return { exact, wildcards, routes };
}

/** Services by host (lower-cased); wildcard ServiceEntry hosts most specific first. The first entry for a host wins. */
export function indexServices(services: readonly ResolvedService[]): ServiceIndex {
  const exact = new Map<string, ResolvedService>();
  const wildcards: [string, ResolvedService][] = [];
  for (const service of services) {
    const host = service.host.toLowerCase();
    if (host.startsWith('*')) wildcards.push([host, service]);
    else if (!exact.has(host)) exact.set(host, service);
  }
  wildcards.sort((a, b) => byWildcardSpecificity(a[0], b[0]));
  return { exact, wildcards };
}
