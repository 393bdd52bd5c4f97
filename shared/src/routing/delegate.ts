// VirtualService delegation (istio-semantics.md §2.5): a root rule with `delegate` is replaced
// by the delegate's rules, each match narrowed to lie within a root match. A port of istio/istio
// pilot/pkg/model/virtualservice.go MergeHTTPRoutes / mergeHTTPRoute / mergeHTTPMatchRequests /
// hasConflict / stringMatchConflict (master, also in pilot/pkg/config/kube/virtualservice).
import type { HTTPMatchRequest, HTTPRoute, StringMatch } from '../kinds/index.js';

/**
 * The delegate's rules merged under `root`, each with its index in the delegate; a delegate
 * rule whose matches conflict with every root match is dropped (`route` undefined).
 */
export function mergeHTTPRoutes(root: HTTPRoute, delegate: readonly HTTPRoute[]): { index: number; route?: HTTPRoute }[] {
  return delegate.map((sub, index) => {
    const route = mergeHTTPRoute(root, sub);
    return route ? { index, route } : { index };
  });
}

/** Fields a delegate rule inherits from the root rule when it leaves them unset. */
const INHERITED = [
  'rewrite',
  'directResponse',
  'timeout',
  'retries',
  'fault',
  'mirror',
  'mirrorPercent',
  'mirror_percent',
  'mirrorPercentage',
  'corsPolicy',
  'mirrors',
  'headers',
] as const;

function mergeHTTPRoute(root: HTTPRoute, sub: HTTPRoute): HTTPRoute | undefined {
  const match = mergeMatches(root.match ?? [], sub.match ?? []);
  if (match === 'conflict') return undefined;
  const out: HTTPRoute = { ...sub };
  if (match.length > 0) out.match = match;
  else delete out.match;
  if (!sub.name) {
    if (root.name) out.name = root.name;
  } else if (root.name) out.name = `${root.name}-${sub.name}`;
  for (const key of INHERITED) {
    if (out[key] === undefined && root[key] !== undefined) (out as Record<string, unknown>)[key] = root[key];
  }
  delete out.delegate;
  return out;
}

/** Each delegate match must fit inside at least one root match; it yields one merged match per fitting root match. */
function mergeMatches(root: readonly HTTPMatchRequest[], sub: readonly HTTPMatchRequest[]): HTTPMatchRequest[] | 'conflict' {
  if (root.length === 0) return [...sub];
  if (sub.length === 0) return [...root];
  const out: HTTPMatchRequest[] = [];
  for (const leaf of sub) {
    let found = false;
    for (const rootMatch of root) {
      if (hasConflict(rootMatch, leaf)) continue;
      out.push(mergeMatch(rootMatch, leaf));
      found = true;
    }
    if (!found) return 'conflict';
  }
  return out.length === 0 ? 'conflict' : out;
}

function mergeMatch(root: HTTPMatchRequest, leaf: HTTPMatchRequest): HTTPMatchRequest {
  const out: HTTPMatchRequest = { ...leaf };
  if (!leaf.name) {
    if (root.name) out.name = root.name;
  } else if (root.name) out.name = `${root.name}-${leaf.name}`;
  out.uri ??= root.uri;
  out.scheme ??= root.scheme;
  out.method ??= root.method;
  out.authority ??= root.authority;
  const maps = ['headers', 'withoutHeaders', 'queryParams', 'sourceLabels'] as const;
  for (const key of maps) {
    const merged = { ...(root[key] ?? {}), ...(leaf[key] ?? {}) };
    if (Object.keys(merged).length > 0) (out as Record<string, unknown>)[key] = merged;
  }
  if (!out.port) out.port = root.port;
  if (!out.sourceNamespace) out.sourceNamespace = root.sourceNamespace;
  if (!out.gateways || out.gateways.length === 0) out.gateways = root.gateways;
  if (!out.statPrefix) out.statPrefix = root.statPrefix;
  for (const key of Object.keys(out) as (keyof HTTPMatchRequest)[]) if (out[key] === undefined) delete out[key];
  return out;
}

function hasConflict(root: HTTPMatchRequest, leaf: HTTPMatchRequest): boolean {
  for (const key of ['uri', 'scheme', 'method', 'authority'] as const) {
    if (stringMatchConflict(root[key], leaf[key])) return true;
  }
  for (const [key, value] of Object.entries(leaf.headers ?? {})) if (stringMatchConflict(root.headers?.[key], value)) return true;
  for (const [key, value] of Object.entries(leaf.withoutHeaders ?? {})) {
    if (stringMatchConflict(root.withoutHeaders?.[key], value)) return true;
  }
  for (const [key, value] of Object.entries(leaf.queryParams ?? {})) {
    if (stringMatchConflict(root.queryParams?.[key], value)) return true;
  }
  if ((root.ignoreUriCase ?? false) !== (leaf.ignoreUriCase ?? false)) return true;
  if (root.port && leaf.port && root.port !== leaf.port) return true;
  if (root.sourceNamespace && leaf.sourceNamespace !== root.sourceNamespace) return true;
  for (const [key, value] of Object.entries(leaf.sourceLabels ?? {})) {
    const rootValue = root.sourceLabels?.[key];
    if (rootValue !== undefined && rootValue !== value) return true;
  }
  const rootGateways = root.gateways ?? [];
  const leafGateways = leaf.gateways ?? [];
  if (rootGateways.length > 0 && leafGateways.length > 0) {
    if (rootGateways.length < leafGateways.length) return true;
    if (leafGateways.some((g) => !rootGateways.includes(g))) return true;
  }
  return false;
}

/** Go's proto getters read an unset oneof as "", so empty strings count as unset here too. */
function stringMatchConflict(root: StringMatch | undefined, leaf: StringMatch | undefined): boolean {
  if (!root || !leaf) return false;
  if (root.regex && (leaf.regex || leaf.prefix || leaf.exact)) return true;
  if (leaf.regex && (root.regex || root.prefix || root.exact)) return true;
  if (root.exact) return !!leaf.prefix || leaf.exact !== root.exact;
  if (root.prefix) {
    if (leaf.prefix) return !leaf.prefix.startsWith(root.prefix);
    if (leaf.exact) return !leaf.exact.startsWith(root.prefix);
  }
  return true;
}
