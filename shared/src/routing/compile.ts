// The route-table compiler: a config snapshot (Istio resources + registry) becomes an immutable
// table the matcher reads without further work (DESIGN.md "Processes and data flow", step 2:
// compile once, swap atomically; a snapshot that fails to compile is NACKed).
import type { DestinationRuleSpec, GatewaySpec, Resource, VirtualServiceSpec } from '../kinds/index.js';
import type { ConfigSnapshot } from '../protocol/config.js';
import { indexDestinationRules } from './destination-rules.js';
import { compileGateways } from './gateways.js';
import { byCreation } from './resources.js';
import { buildSidecarIndex, indexServices } from './sidecar.js';
import type { CompiledVirtualService, GatewayContext, ResolvedDestination, RouteTable } from './types.js';
import { compileVirtualServices } from './virtual-services.js';

/** The snapshot cannot be served (Envoy would reject the route config): every problem is listed. */
export class RouteCompileError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`route table does not compile: ${problems.join('; ')}`);
    this.name = 'RouteCompileError';
  }
}

/** Resources of one kind, namespace defaulted, oldest first. */
function ofKind<Spec>(snapshot: ConfigSnapshot, kind: string): Resource<Spec>[] {
  return snapshot.resources
    .filter((r) => r.kind === kind && r.metadata.deletionTimestamp === undefined)
    .map((r) => (r.metadata.namespace ? r : { ...r, metadata: { ...r.metadata, namespace: 'default' } }))
    .sort(byCreation) as unknown as Resource<Spec>[];
}

/**
 * Compiles a snapshot. Throws RouteCompileError when a regex does not compile with RE2;
 * softer findings (missing delegate, duplicate mesh host, unknown gateway) become `warnings`.
 */
export function compileRouteTable(snapshot: ConfigSnapshot): RouteTable {
  const warnings: string[] = [];
  const problems: string[] = [];
  const vss = compileVirtualServices(ofKind<VirtualServiceSpec>(snapshot, 'VirtualService'), warnings, problems);
  if (problems.length > 0) throw new RouteCompileError(problems);
  const gateways = compileGateways(ofKind<GatewaySpec>(snapshot, 'Gateway'));
  const gatewayKeys = new Set(gateways.map((g) => g.key));
  const byGateway = new Map<string, CompiledVirtualService[]>();
  for (const vs of vss) {
    for (const g of vs.gateways) {
      if (g === 'mesh') continue;
      if (!gatewayKeys.has(g)) warnings.push(`VirtualService ${vs.key}: gateway ${g} not found`);
      byGateway.set(g, [...(byGateway.get(g) ?? []), vs]);
    }
  }
  const table: RouteTable = {
    version: snapshot.version,
    mesh: snapshot.mesh,
    virtualServices: new Map(vss.map((vs) => [vs.key, vs])),
    gateways: new Map(gateways.map((g) => [g.key, g])),
    services: indexServices(snapshot.services),
    destinationRules: indexDestinationRules(ofKind<DestinationRuleSpec>(snapshot, 'DestinationRule'), warnings),
    sidecar: buildSidecarIndex(vss, warnings),
    warnings,
    gatewayContexts: new Map<string, GatewayContext>(),
    listenerContexts: new WeakMap<object, GatewayContext>(),
    byGateway,
    destinationCache: new Map<string, ResolvedDestination | null>(),
  };
  return Object.freeze(table);
}
