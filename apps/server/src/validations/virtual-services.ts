// Kiali's VirtualService checks (kiali/kiali business/checkers/virtualservices/):
// no_host_checker.go KIA1101, no_gateway_checker.go KIA1102 and KIA1108, route_checker.go
// KIA1104 and KIA1105, single_host_checker.go KIA1106, subset_presence_checker.go KIA1107.
import type { Resource, VirtualServiceSpec } from '@rudder/shared/kinds';
import { type CheckContext, hostKnown } from './context.js';
import { kiali } from './findings.js';
import { fqdn, gatewayKey, getHost, isOldGatewayForm, withinWildcard } from './hosts.js';

type VS = Resource<VirtualServiceSpec>;
interface WeightedDestination {
  destination?: { host?: string; subset?: string } | undefined;
  weight?: number | undefined;
}
const ROUTE_KINDS = ['http', 'tcp', 'tls'] as const;

/** Every rule of http, tcp and tls with its path and destinations. */
function rules(vs: VS): { path: string; route: readonly WeightedDestination[] }[] {
  return ROUTE_KINDS.flatMap((kind) =>
    ((vs.spec?.[kind] ?? []) as ({ route?: WeightedDestination[] } | null)[]).map((rule, i) => ({ path: `spec.${kind}[${i}]`, route: rule?.route ?? [] })),
  );
}

export function checkVirtualServices(ctx: CheckContext): void {
  const subsets = subsetIndex(ctx);
  for (const vs of ctx.virtualServices) {
    checkHosts(ctx, vs);
    checkGateways(ctx, vs);
    checkRoutes(ctx, vs, subsets);
  }
  checkSingleHost(ctx);
}

/** KIA1101: a destination host is neither a Service nor a ServiceEntry host. */
function checkHosts(ctx: CheckContext, vs: VS): void {
  for (const { path, route } of rules(vs)) {
    route.forEach((dw, i) => {
      const host = dw?.destination?.host;
      if (!host || hostKnown(ctx, fqdn(host, vs.metadata.namespace, ctx.namespaces))) return;
      ctx.findings.add(vs, kiali('KIA1101', `${path}.route[${i}].destination.host`, ctx.allowAny ? 'warning' : undefined));
    });
  }
}

/** KIA1102 and KIA1108 for `spec.gateways` and every `http[].match[].gateways`. */
function checkGateways(ctx: CheckContext, vs: VS): void {
  const known = new Set(ctx.gateways.map((g) => `${g.metadata.namespace}/${g.metadata.name}`));
  const check = (refs: readonly string[] | undefined, path: string) => {
    (refs ?? []).forEach((ref, i) => {
      if (ref === 'mesh') return;
      if (isOldGatewayForm(ref)) ctx.findings.add(vs, kiali('KIA1108', `${path}[${i}]`));
      if (!known.has(gatewayKey(ref, vs.metadata.namespace))) ctx.findings.add(vs, kiali('KIA1102', `${path}[${i}]`));
    });
  };
  check(vs.spec?.gateways, 'spec.gateways');
  (vs.spec?.http ?? []).forEach((rule, r) => {
    (rule?.match ?? []).forEach((m, j) => {
      check(m?.gateways, `spec.http[${r}].match[${j}].gateways`);
    });
  });
}

/** Destination rule subsets by the FQDN of their host (virtual_service_checker prepareSubsetMap). */
function subsetIndex(ctx: CheckContext): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const dr of ctx.destinationRules) {
    const host = fqdn(dr.spec?.host ?? '', dr.metadata.namespace, ctx.namespaces);
    const names = index.get(host) ?? new Set<string>();
    for (const s of dr.spec?.subsets ?? []) if (s) names.add(s.name);
    index.set(host, names);
  }
  return index;
}

/** KIA1104 single weight, KIA1105 repeated host+subset, KIA1107 subset not found. */
function checkRoutes(ctx: CheckContext, vs: VS, subsets: Map<string, Set<string>>): void {
  const ns = vs.metadata.namespace;
  for (const { path, route } of rules(vs)) {
    const weight = route.length === 1 ? (route[0]?.weight ?? 0) : 0;
    if (weight > 0 && weight < 100) ctx.findings.add(vs, kiali('KIA1104', `${path}.route[0].weight`));
    const seen = new Map<string, number[]>();
    route.forEach((dw, i) => {
      if (!dw?.destination) return;
      const { host = '', subset = '' } = dw.destination;
      const key = `${fqdn(host, ns, ctx.namespaces)}\u0000${subset}`;
      seen.set(key, [...(seen.get(key) ?? []), i]);
      if (host && subset && !subsetPresent(subsets, fqdn(host, ns, ctx.namespaces), subset)) {
        ctx.findings.add(vs, kiali('KIA1107', `${path}.route[${i}].destination.subset`));
      }
    });
    for (const indexes of seen.values()) {
      if (indexes.length > 1) for (const i of indexes) ctx.findings.add(vs, kiali('KIA1105', `${path}.route[${i}].destination`));
    }
  }
}

/** subsetPresent: a rule for the same host, or a wildcard host holding it, defines the subset. */
function subsetPresent(subsets: Map<string, Set<string>>, host: string, subset: string): boolean {
  for (const [drHost, names] of subsets) {
    if (names.has(subset) && (drHost === host || withinWildcard(host, drHost))) return true;
  }
  return false;
}

/**
 * KIA1106 (single_host_checker): per gateway (none means mesh) and namespace, more than one
 * VirtualService for a host, or a `*` VirtualService beside others of its namespace.
 */
function checkSingleHost(ctx: CheckContext): void {
  // gateway + cluster + namespace → service → VirtualServices
  const groups = new Map<string, Map<string, Set<VS>>>();
  for (const vs of ctx.virtualServices) {
    const ns = vs.metadata.namespace;
    const gateways = vs.spec?.gateways?.length ? vs.spec.gateways.map((g) => (g === 'mesh' ? g : gatewayKey(g, ns))) : ['mesh'];
    for (const name of vs.spec?.hosts ?? []) {
      const host = getHost(name, ns, ctx.namespaces);
      for (const gw of new Set(gateways)) {
        const key = `${gw}\u0000${host.cluster}\u0000${host.namespace}`;
        const group = groups.get(key) ?? new Map<string, Set<VS>>();
        group.set(host.service, (group.get(host.service) ?? new Set<VS>()).add(vs));
        groups.set(key, group);
      }
    }
  }
  for (const group of groups.values()) {
    const all = new Set([...group.values()].flatMap((s) => [...s]));
    if (all.size < 2) continue;
    const wildcard = group.has('*') && group.size > 1;
    for (const list of group.values()) {
      if (list.size > 1 || wildcard) for (const vs of list) ctx.findings.add(vs, kiali('KIA1106', 'spec.hosts'));
    }
  }
}
