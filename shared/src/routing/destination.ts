// Destination level (STYLE.md principle 4): the weighted pick among a rule's destinations
// (Envoy weighted_clusters, istio-semantics.md §2.4) and the resolution of one destination to
// its service, subset endpoints and effective policy (§3.1-3.2), keyed for per-destination state.
import { type DestinationClient, effectivePolicy, findDestinationRule } from './destination-rules.js';
import { hostMatches } from './hosts.js';
import { labelsMatch } from './resources.js';
import type { CompiledRule, ResolvedDestination, RouteTable, WeightedDestination } from './types.js';

/**
 * Picks a destination in proportion to the weights (they need not sum to 100, Istio ≥ 1.15):
 * `random()` in [0, 1) scaled to the total, first running total above it wins — 80/20 sends
 * 0.79 to the first and 0.81 to the second. One destination always wins; undefined when the
 * rule has none (redirect, directResponse) or every weight is 0.
 */
export function pickDestination(rule: CompiledRule, random: () => number): WeightedDestination | undefined {
  const { destinations, totalWeight } = rule;
  if (destinations.length <= 1 || totalWeight <= 0) return destinations[0];
  const point = random() * totalWeight;
  for (const d of destinations) if (point < d.upTo) return d;
  return destinations[destinations.length - 1];
}

export interface ResolveOptions {
  /** Port the request came in on: the destination port when neither the route nor a single-port service decides. */
  readonly listenerPort?: number;
  /** The calling proxy, whose namespace decides which DestinationRule applies. */
  readonly client?: DestinationClient;
}

/**
 * Resolves `host` (qualified), `subset` and `port` to the service, the subset's endpoints and the
 * effective policy. Undefined when the host is in no registry or the subset is defined by no
 * DestinationRule: Envoy has no cluster for it and answers 503 NC. Results are cached in the table.
 */
export function resolveDestination(
  table: RouteTable,
  host: string,
  subset: string | undefined,
  port: number | undefined,
  options: ResolveOptions = {},
): ResolvedDestination | undefined {
  const client = options.client ?? {};
  const cacheable = client.labels === undefined;
  const cacheKey = `${host}|${port ?? ''}|${subset ?? ''}|${options.listenerPort ?? ''}|${client.namespace ?? ''}`;
  if (cacheable) {
    const hit = table.destinationCache.get(cacheKey);
    if (hit !== undefined) return hit ?? undefined;
  }
  const result = resolve(table, host.toLowerCase(), subset, port, options.listenerPort, client);
  if (cacheable) table.destinationCache.set(cacheKey, result ?? null);
  return result;
}

function resolve(
  table: RouteTable,
  host: string,
  subset: string | undefined,
  port: number | undefined,
  listenerPort: number | undefined,
  client: DestinationClient,
): ResolvedDestination | undefined {
  const service = table.services.exact.get(host) ?? table.services.wildcards.find(([pattern]) => hostMatches(pattern, host))?.[1];
  if (service === undefined) return undefined;
  // route.go GetDestinationCluster: the port written, else the service's only port, else the listener's.
  const only = service.ports.length === 1 ? service.ports[0]?.port : undefined;
  const resolvedPort = port ?? only ?? listenerPort ?? service.ports[0]?.port;
  const rule = findDestinationRule(table.destinationRules, service.host.toLowerCase(), service.namespace, client);
  const definition = subset === undefined ? undefined : rule?.subsets.find((s) => s.name === subset);
  if (subset !== undefined && definition === undefined) return undefined;
  const endpoints = definition ? service.endpoints.filter((e) => labelsMatch(definition.labels, e.labels)) : service.endpoints;
  const policy = effectivePolicy(rule?.trafficPolicy, definition?.trafficPolicy, resolvedPort);
  return {
    host,
    service,
    port: resolvedPort,
    ...(subset !== undefined ? { subset } : {}),
    endpoints,
    policy,
    policyKey: `${host}|${resolvedPort ?? ''}|${subset ?? ''}|${hashPolicy(policy)}`,
    ...(rule ? { destinationRule: rule } : {}),
  };
}

/** A short, stable hash of a policy (key order does not matter): two FNV-1a 32-bit passes. */
export function hashPolicy(policy: unknown): string {
  const text = stableJson(policy);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
