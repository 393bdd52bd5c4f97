// One VirtualService http rule compiled for matching: matches as Envoy route matches (istio
// pilot/pkg/networking/core/route/route.go TranslateRouteMatch, IsCatchAllRoute) and weighted
// destinations as applyHTTPRouteDestination builds them (weight-0 entries dropped when there
// are several; a single destination takes everything, whatever its weight).
import type { CorsPolicy, HTTPMatchRequest, HTTPRoute, StringMatch } from '../kinds/index.js';
import { parseDuration } from '../values/duration.js';
import { type CompiledStringMatch, compileStringMatch, RegexError } from './string-match.js';
import type { CompiledCors, CompiledMatch, CompiledRule, WeightedDestination } from './types.js';

/** Where a rule comes from, for provenance and error paths. */
export interface RuleOrigin {
  readonly ruleIndex: number;
  readonly delegate?: { readonly name: string; readonly namespace: string; readonly ruleIndex: number };
  /** `VirtualService ns/name spec.http[i]` (with the delegate rule when there is one). */
  readonly path: string;
}

/** Compiles a rule whose hosts and gateway names are already qualified; regex failures go to `problems`. */
export function compileRule(spec: HTTPRoute, origin: RuleOrigin, problems: string[]): CompiledRule {
  const matches = (spec.match ?? []).map((m, i) => compileMatch(m, i, `${origin.path}.match[${i}]`, problems));
  const { destinations, totalWeight } = weighted(spec);
  const cors = spec.corsPolicy ? compileCors(spec.corsPolicy, `${origin.path}.corsPolicy`, problems) : undefined;
  return {
    ruleIndex: origin.ruleIndex,
    ...(origin.delegate ? { delegate: origin.delegate } : {}),
    ...(spec.name ? { name: spec.name } : {}),
    spec,
    matches,
    destinations,
    totalWeight,
    ...(cors ? { cors } : {}),
    mirrors: mirrorsOf(spec),
  };
}

/** TranslateCORSPolicy: allowOrigins (else the deprecated exact allowOrigin), lists joined with `,`, maxAge in seconds. */
function compileCors(policy: CorsPolicy, path: string, problems: string[]): CompiledCors {
  const origins: CompiledStringMatch[] = [];
  if (policy.allowOrigins) {
    policy.allowOrigins.forEach((m, i) => {
      try {
        origins.push(compileStringMatch(m));
      } catch (error) {
        if (!(error instanceof RegexError)) throw error;
        problems.push(`${path}.allowOrigins[${i}]: ${error.message}`);
      }
    });
  } else {
    for (const exact of policy.allowOrigin ?? []) origins.push({ kind: 'exact', value: exact });
  }
  const maxAgeMs = policy.maxAge === undefined ? undefined : parseDuration(policy.maxAge);
  return {
    allowOrigins: origins,
    allowMethods: (policy.allowMethods ?? []).join(','),
    allowHeaders: (policy.allowHeaders ?? []).join(','),
    exposeHeaders: (policy.exposeHeaders ?? []).join(','),
    maxAge: maxAgeMs === undefined ? '' : String(Math.floor(maxAgeMs / 1000)),
    allowCredentials: policy.allowCredentials === true,
    forwardNotMatchingPreflights: policy.unmatchedPreflights !== 'IGNORE',
  };
}

function compileMatch(spec: HTTPMatchRequest, index: number, path: string, problems: string[]): CompiledMatch {
  const one = (m: StringMatch | undefined, field: string): CompiledStringMatch | undefined => {
    if (m === undefined || m === null) return undefined;
    try {
      return compileStringMatch(m);
    } catch (error) {
      if (!(error instanceof RegexError)) throw error;
      problems.push(`${path}.${field}: ${error.message}`);
      return { kind: 'exact', value: '\u0000never' };
    }
  };
  // A key with no value (`x-user:` in YAML) is an empty StringMatch: present_match.
  const map = (record: Record<string, StringMatch> | undefined, field: string, lower: boolean) =>
    Object.entries(record ?? {}).map(([key, m]) => [lower ? key.toLowerCase() : key, one(m ?? {}, `${field}[${key}]`)!] as const);
  const headers = map(spec.headers, 'headers', true);
  const withoutHeaders = map(spec.withoutHeaders, 'withoutHeaders', true);
  const queryParams = map(spec.queryParams, 'queryParams', false);
  const uri = one(spec.uri, 'uri');
  const scheme = one(spec.scheme, 'scheme');
  const method = one(spec.method, 'method');
  const authority = one(spec.authority, 'authority');
  const pathIsCatchAll =
    uri === undefined || uri.kind === 'present' || (uri.kind === 'prefix' && uri.value === '/') || (uri.kind === 'regex' && uri.value === '.*');
  return {
    index,
    ...(spec.name ? { name: spec.name } : {}),
    ...(uri ? { uri } : {}),
    ignoreUriCase: spec.ignoreUriCase ?? false,
    ...(scheme ? { scheme } : {}),
    ...(method ? { method } : {}),
    ...(authority ? { authority } : {}),
    headers,
    withoutHeaders,
    queryParams,
    ...(spec.port ? { port: spec.port } : {}),
    sourceLabels: Object.entries(spec.sourceLabels ?? {}),
    ...(spec.sourceNamespace ? { sourceNamespace: spec.sourceNamespace } : {}),
    gateways: spec.gateways ?? [],
    // Method, authority and scheme become `:method`/`:authority`/`:scheme` header matchers in Envoy.
    catchAll:
      pathIsCatchAll &&
      headers.length === 0 &&
      withoutHeaders.length === 0 &&
      queryParams.length === 0 &&
      !scheme &&
      !method &&
      !authority,
    spec,
  };
}

function weighted(spec: HTTPRoute): { destinations: WeightedDestination[]; totalWeight: number } {
  const route = spec.route ?? [];
  const single = route.length === 1;
  const destinations: WeightedDestination[] = [];
  let total = 0;
  for (const entry of route) {
    const weight = single ? 100 : (entry.weight ?? 0);
    if (weight <= 0) continue;
    total += weight;
    const d = entry.destination;
    destinations.push({
      host: d.host.toLowerCase(),
      ...(d.subset ? { subset: d.subset } : {}),
      ...(d.port?.number ? { port: d.port.number } : {}),
      weight,
      upTo: total,
      ...(entry.headers ? { headers: entry.headers } : {}),
      destination: d,
    });
  }
  return { destinations, totalWeight: total };
}

/** Mirror targets with their share (route.go MirrorPercent / MirrorPercentByPolicy); 0% mirrors are left out. */
function mirrorsOf(spec: HTTPRoute): CompiledRule['mirrors'] {
  const out: { host: string; subset?: string; port?: number; percentage?: number }[] = [];
  const add = (d: { host: string; subset?: string; port?: { number?: number } }, percentage: number) => {
    if (percentage <= 0) return;
    out.push({
      host: d.host.toLowerCase(),
      ...(d.subset ? { subset: d.subset } : {}),
      ...(d.port?.number ? { port: d.port.number } : {}),
      percentage,
    });
  };
  if (spec.mirror) {
    const legacy = spec.mirrorPercent ?? spec.mirror_percent;
    add(spec.mirror, spec.mirrorPercentage ? (spec.mirrorPercentage.value ?? 0) : (legacy ?? 100));
  }
  for (const m of spec.mirrors ?? []) add(m.destination, m.percentage ? (m.percentage.value ?? 0) : 100);
  return out;
}
