// DestinationRule lookup and traffic-policy layering (istio-semantics.md §3.1-3.2), after
// istio/istio pilot/pkg/model/push_context.go destinationRule() and mergeDestinationRule(), and
// pilot/pkg/networking/util/util.go MergeSubsetTrafficPolicy / GetPortLevelTrafficPolicy.
import type { DestinationRuleSpec, Resource, Subset } from '../kinds/index.js';
import type { TrafficPolicy } from '../kinds/traffic-policy.js';
import { byWildcardSpecificity, hostMatches, qualifyHost } from './hosts.js';
import { exportToSet, labelsMatch, visibleFrom } from './resources.js';
import type { CompiledDestinationRule, DestinationRuleIndex, NamespaceRules } from './types.js';

export const ROOT_NAMESPACE = 'istio-system';

type MutableRule = { -readonly [K in keyof CompiledDestinationRule]: CompiledDestinationRule[K] } & { subsets: Subset[]; names: string[] };

/**
 * Indexes rules by namespace and host. `rules` must be oldest first: rules without a
 * workloadSelector for the same host and namespace merge — subsets concatenated (the first
 * of a duplicate name wins), trafficPolicy and exportTo from the oldest rule that sets them.
 */
export function indexDestinationRules(rules: readonly Resource<DestinationRuleSpec>[], warnings: string[]): DestinationRuleIndex {
  const perNamespace = new Map<string, Map<string, MutableRule[]>>();
  for (const resource of rules) {
    const spec = resource.spec;
    if (spec?.host === undefined) continue;
    const { name, namespace } = resource.metadata;
    const host = qualifyHost(spec.host, namespace).toLowerCase();
    const hosts = perNamespace.get(namespace) ?? new Map<string, MutableRule[]>();
    perNamespace.set(namespace, hosts);
    const list = hosts.get(host) ?? [];
    hosts.set(host, list);
    const selector = spec.workloadSelector?.matchLabels;
    const hasSelector = selector !== undefined && Object.keys(selector).length > 0;
    const merged = hasSelector ? undefined : list.find((r) => r.workloadSelector === undefined);
    if (merged === undefined) {
      list.push({
        host,
        namespace,
        names: [name],
        subsets: [...(spec.subsets ?? [])],
        ...(spec.trafficPolicy ? { trafficPolicy: spec.trafficPolicy } : {}),
        ...(spec.exportTo ? { exportTo: exportToSet(spec.exportTo, namespace) } : {}),
        ...(hasSelector ? { workloadSelector: selector } : {}),
      });
      continue;
    }
    merged.names.push(name);
    merged.trafficPolicy ??= spec.trafficPolicy;
    if (merged.exportTo === undefined && spec.exportTo) merged.exportTo = exportToSet(spec.exportTo, namespace);
    for (const subset of spec.subsets ?? []) {
      if (merged.subsets.some((s) => s.name === subset.name)) {
        warnings.push(`DestinationRule ${namespace}/${name}: subset ${subset.name} of ${host} is already defined by ${merged.names[0]}; the first one wins`);
      } else merged.subsets.push(subset);
    }
  }
  const byNamespace = new Map<string, NamespaceRules>();
  for (const [namespace, hosts] of perNamespace) {
    const exact = new Map<string, CompiledDestinationRule[]>();
    const wildcards: [string, CompiledDestinationRule[]][] = [];
    for (const [host, list] of hosts) {
      if (host.startsWith('*')) wildcards.push([host, list]);
      else exact.set(host, list);
    }
    wildcards.sort((a, b) => byWildcardSpecificity(a[0], b[0]));
    byNamespace.set(namespace, { exact, wildcards });
  }
  return { byNamespace, rootNamespace: ROOT_NAMESPACE };
}

/** The caller whose DestinationRule view applies (Istio computes it per client proxy). */
export interface DestinationClient {
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The rule for `host`: the most specific one in the client's namespace (any exportTo, a
 * matching workloadSelector first), else one the service's namespace exports to the client,
 * else one the root namespace exports. Lookup stops at the first namespace with a match.
 */
export function findDestinationRule(
  index: DestinationRuleIndex,
  host: string,
  serviceNamespace: string | undefined,
  client: DestinationClient = {},
): CompiledDestinationRule | undefined {
  const h = host.toLowerCase();
  const local = client.namespace;
  if (local !== undefined) {
    const found = mostSpecific(index.byNamespace.get(local), h, (r) =>
      r.workloadSelector === undefined ? true : client.labels !== undefined && labelsMatch(r.workloadSelector, client.labels),
    );
    if (found) return found;
  }
  for (const ns of [serviceNamespace, index.rootNamespace]) {
    if (ns === undefined || ns === local) continue;
    const found = mostSpecific(index.byNamespace.get(ns), h, (r) => r.workloadSelector === undefined && visibleFrom(r.exportTo, local));
    if (found) return found;
  }
  return undefined;
}

function mostSpecific(
  rules: NamespaceRules | undefined,
  host: string,
  usable: (rule: CompiledDestinationRule) => boolean,
): CompiledDestinationRule | undefined {
  if (rules === undefined) return undefined;
  const pick = (list: readonly CompiledDestinationRule[]) =>
    list.find((r) => r.workloadSelector !== undefined && usable(r)) ?? list.find(usable);
  const exact = rules.exact.get(host);
  const hit = exact && pick(exact);
  if (hit) return hit;
  for (const [pattern, list] of rules.wildcards) {
    if (!hostMatches(pattern, host)) continue;
    const found = pick(list);
    if (found) return found;
  }
  return undefined;
}

/** The policy for one port: a matching portLevelSettings entry replaces the four sections wholesale. */
function forPort(policy: TrafficPolicy, port: number | undefined): { policy: TrafficPolicy; portLevel: boolean } {
  const entry = port === undefined ? undefined : policy.portLevelSettings?.find((p) => p.port?.number === port);
  if (entry === undefined) {
    const { portLevelSettings: _drop, ...rest } = policy;
    return { policy: rest, portLevel: false };
  }
  // "port level policies do not inherit and instead default if not provided" (GetPortLevelTrafficPolicy)
  return { policy: pick(entry), portLevel: true };
}

const SECTIONS = ['connectionPool', 'loadBalancer', 'outlierDetection', 'tls'] as const;
const EXTRAS = ['tunnel', 'proxyProtocol', 'retryBudget'] as const;

function pick(source: TrafficPolicy | Record<string, unknown>): TrafficPolicy {
  const out: Record<string, unknown> = {};
  for (const key of SECTIONS) if ((source as Record<string, unknown>)[key] !== undefined) out[key] = (source as Record<string, unknown>)[key];
  return out as TrafficPolicy;
}

/**
 * The effective policy for a destination port and subset (MergeSubsetTrafficPolicy): the
 * rule-level policy narrowed to the port, then each section the subset sets replaces the
 * rule's (all four when the subset has a portLevelSettings entry for the port).
 * The result never holds portLevelSettings.
 */
export function effectivePolicy(
  rulePolicy: TrafficPolicy | undefined,
  subsetPolicy: TrafficPolicy | undefined,
  port: number | undefined,
): TrafficPolicy {
  const base = rulePolicy === undefined ? undefined : forPort(rulePolicy, port).policy;
  if (subsetPolicy === undefined) return base ?? {};
  const subset = forPort(subsetPolicy, port);
  if (base === undefined) return subset.policy;
  const merged: Record<string, unknown> = { ...base };
  const over = subset.policy as Record<string, unknown>;
  for (const key of SECTIONS) {
    if (over[key] !== undefined || subset.portLevel) {
      if (over[key] === undefined) delete merged[key];
      else merged[key] = over[key];
    }
  }
  for (const key of EXTRAS) if (over[key] !== undefined) merged[key] = over[key];
  return merged as TrafficPolicy;
}
