// Envoy routes of one VirtualService for one proxy (istio route.go BuildHTTPRoutesForVirtualService):
// one route per (rule, match); a match whose `gateways` omit this proxy's gateway, or whose `port`
// differs from the listener port, yields nothing; emission stops after the first catch-all route.
import type { CompiledVirtualService, RouteEntry } from './types.js';

/**
 * Routes for `gateway` (`mesh` or `ns/name`). With `port` the match ports are checked here (a
 * gateway server port); without it they are checked per request (a sidecar's service port).
 */
export function routeEntries(vs: CompiledVirtualService, gateway: string, port?: number): RouteEntry[] {
  const out: RouteEntry[] = [];
  for (const rule of vs.rules) {
    if (rule.matches.length === 0) {
      out.push({ virtualService: vs, rule, catchAll: true, ...(port !== undefined ? { port } : {}) });
      return out;
    }
    for (const match of rule.matches) {
      if (match.gateways.length > 0 && !match.gateways.includes(gateway)) continue;
      if (port !== undefined && match.port !== undefined && match.port !== port) continue;
      out.push({ virtualService: vs, rule, match, catchAll: match.catchAll, ...(port !== undefined ? { port } : {}) });
      // Unconditional only when nothing is left to check per request.
      const unconditional =
        match.catchAll &&
        (port !== undefined || match.port === undefined) &&
        (match.gateways.length > 0 || (match.sourceLabels.length === 0 && match.sourceNamespace === undefined));
      if (unconditional) return out;
    }
  }
  return out;
}

/** Moves catch-all routes after all the others, keeping relative order (istio route.go SortVHostRoutes). */
export function sortVHostRoutes(routes: readonly RouteEntry[]): RouteEntry[] {
  return [...routes.filter((r) => !r.catchAll), ...routes.filter((r) => r.catchAll)];
}
