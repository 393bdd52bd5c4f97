// VirtualServices compiled for the route table: short names qualified in each resource's own
// namespace (istio model.ResolveVirtualServiceShortnames), then delegate rules spliced into their
// root, one level deep (istio pilot/pkg/config/kube/virtualservice/merge.go MergeVirtualServices).
import type { HTTPRoute, Resource, VirtualServiceSpec } from '../kinds/index.js';
import { compileRule } from './compile-rule.js';
import { mergeHTTPRoutes } from './delegate.js';
import { qualifyHost, resolveGatewayName } from './hosts.js';
import { exportToSet, visibleFrom } from './resources.js';
import type { CompiledRule, CompiledVirtualService } from './types.js';

/** Qualifies destination, mirror and gateway names of every http rule in the VirtualService's namespace. */
export function resolveShortnames(http: readonly HTTPRoute[], namespace: string): HTTPRoute[] {
  const dest = <D extends { host: string }>(d: D): D => ({ ...d, host: qualifyHost(d.host, namespace) });
  return http.map((rule) => {
    const out: HTTPRoute = { ...rule };
    if (rule.match) {
      out.match = rule.match.map((m) => (m.gateways ? { ...m, gateways: m.gateways.map((g) => resolveGatewayName(g, namespace)) } : m));
    }
    if (rule.route) out.route = rule.route.map((r) => ({ ...r, destination: dest(r.destination) }));
    if (rule.mirror) out.mirror = dest(rule.mirror);
    if (rule.mirrors) out.mirrors = rule.mirrors.map((m) => ({ ...m, destination: dest(m.destination) }));
    return out;
  });
}

/**
 * Compiles every root VirtualService (one with hosts), oldest first. A VirtualService without
 * hosts is a delegate: it is never routed to on its own. A missing, unexported or conflicting
 * delegate drops only the affected rules, with a warning, as Istio does.
 */
export function compileVirtualServices(
  resources: readonly Resource<VirtualServiceSpec>[],
  warnings: string[],
  problems: string[],
): CompiledVirtualService[] {
  const delegates = new Map<string, Resource<VirtualServiceSpec>>();
  for (const r of resources) {
    if ((r.spec?.hosts ?? []).length === 0) delegates.set(`${r.metadata.namespace}/${r.metadata.name}`, r);
  }
  const out: CompiledVirtualService[] = [];
  for (const resource of resources) {
    const spec = resource.spec ?? {};
    if ((spec.hosts ?? []).length === 0) continue;
    const { name, namespace } = resource.metadata;
    const key = `${namespace}/${name}`;
    const rules: CompiledRule[] = [];
    resolveShortnames(spec.http ?? [], namespace).forEach((rule, ruleIndex) => {
      const path = `VirtualService ${key} spec.http[${ruleIndex}]`;
      if (!rule.delegate) {
        rules.push(compileRule(rule, { ruleIndex, path }, problems));
        return;
      }
      const delegateNs = rule.delegate.namespace || namespace;
      const delegateName = rule.delegate.name ?? '';
      const target = delegates.get(`${delegateNs}/${delegateName}`);
      if (target === undefined) {
        warnings.push(`${path}: delegate VirtualService ${delegateNs}/${delegateName} not found; the rule is ignored`);
        return;
      }
      if (!visibleFrom(exportToSet(target.spec?.exportTo, delegateNs), namespace)) {
        warnings.push(`${path}: delegate VirtualService ${delegateNs}/${delegateName} is not exported to ${namespace}; the rule is ignored`);
        return;
      }
      const delegateHttp = resolveShortnames(target.spec?.http ?? [], delegateNs);
      for (const { index, route } of mergeHTTPRoutes(rule, delegateHttp)) {
        const delegatePath = `${path} (delegate ${delegateNs}/${delegateName} spec.http[${index}])`;
        if (!route) {
          warnings.push(`${delegatePath}: its matches do not fit within the root rule's matches; the rule is ignored`);
          continue;
        }
        const delegate = { name: delegateName, namespace: delegateNs, ruleIndex: index };
        rules.push(compileRule(route, { ruleIndex, delegate, path: delegatePath }, problems));
      }
    });
    const exportTo = exportToSet(spec.exportTo, namespace);
    out.push({
      name,
      namespace,
      key,
      hosts: (spec.hosts ?? []).map((h) => qualifyHost(h, namespace).toLowerCase()),
      gateways: (spec.gateways ?? []).length === 0 ? ['mesh'] : (spec.gateways ?? []).map((g) => resolveGatewayName(g, namespace)),
      ...(exportTo ? { exportTo } : {}),
      rules,
      resource,
    });
  }
  return out;
}
