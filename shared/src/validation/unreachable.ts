// Istio's warnings for rules and matches that can never be used (validation.go
// analyzeUnreachableHTTPRules/TCPRules/TLSRules, genMatchHTTPRoutes, coveredValidation;
// analyzers IST0130 VirtualServiceUnreachableRule and IST0131 VirtualServiceIneffectiveMatch).
import type { HTTPMatchRequest, HTTPRoute, StringMatch } from '../kinds/index.js';
import { at, child, type Report } from './report.js';

/** Pairwise prefix-overlap comparisons allowed per document; past this the (warning-only) analysis stops. */
export const OVERLAP_BUDGET = 2_000_000;

/** asJSON: a canonical form (sorted keys, Go's omitempty) to spot identical matches; the match name is ignored. */
function canonical(value: unknown): string | undefined {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return undefined;
  if (Array.isArray(value)) {
    return value.length === 0 ? undefined : `[${value.map((v) => canonical(v) ?? 'null').join(',')}]`;
  }
  if (typeof value === 'object') {
    const parts = Object.keys(value)
      .sort()
      .flatMap((k) => {
        const v = canonical((value as Record<string, unknown>)[k]);
        return v === undefined ? [] : [`${JSON.stringify(k)}:${v}`];
      });
    return parts.length === 0 ? undefined : `{${parts.join(',')}}`;
  }
  return JSON.stringify(value);
}

const matchKey = (match: object, dropName: boolean) => {
  const { name: _name, ...rest } = match as { name?: unknown };
  return canonical(dropName ? rest : match) ?? '{}';
};

interface Rule {
  name?: string | undefined;
  match?: readonly object[] | undefined;
}

const routeName = (route: Rule, n: number) => (route.name ? JSON.stringify(route.name) : `#${n}`);
const requestName = (match: { name?: string | undefined }, n: number) => (match.name ? JSON.stringify(match.name) : `#${n}`);

interface PrefixMatch {
  rule: number;
  match: number;
  routeStr: string;
  matchStr: string;
  prefix: string;
  port: number;
  method: string;
  authority: string;
  headers: Map<string, string>;
  queryParams: Map<string, string>;
  withoutHeaders: Map<string, string>;
}

/** assignExactOrPrefix: a regex (or an empty match) counts as nothing. */
const exactOrPrefix = (sm: StringMatch | undefined) => (sm?.exact ? `exact:${sm.exact}` : sm?.prefix ? `prefix:${sm.prefix}` : '');
const toMap = (m: Record<string, StringMatch> | undefined) => new Map(Object.entries(m ?? {}).map(([k, v]) => [k, exactOrPrefix(v)]));

/** genMatchHTTPRoutes: only uri-prefix matches take part; no method means GET. */
function prefixMatch(route: HTTPRoute, match: HTTPMatchRequest, rule: number, n: number): PrefixMatch | undefined {
  const prefix = match.uri?.prefix;
  if (!prefix) return undefined;
  return {
    rule, match: n, routeStr: routeName(route, rule), matchStr: requestName(match, n), prefix, port: match.port ?? 0,
    method: exactOrPrefix(match.method) || 'exact:GET', authority: exactOrPrefix(match.authority),
    headers: toMap(match.headers), queryParams: toMap(match.queryParams), withoutHeaders: toMap(match.withoutHeaders),
  };
}

/** Same keys, and each value of `a` equal to or starting with `b`'s (coveredValidation's rule, kept as Istio wrote it). */
function mapCovered(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w === undefined || (v !== w && !v.startsWith(w))) return false;
  }
  return true;
}

/** coveredValidation: does the earlier prefix match `a` shadow the later `b`? */
function covered(a: PrefixMatch, b: PrefixMatch): boolean {
  if (!b.prefix.startsWith(a.prefix) || a.port !== b.port) return false;
  if (a.method !== b.method && !a.method.startsWith(b.method)) return false;
  if (a.authority !== b.authority && !a.authority.startsWith(b.authority)) return false;
  return mapCovered(a.headers, b.headers) && mapCovered(a.queryParams, b.queryParams) && mapCovered(a.withoutHeaders, b.withoutHeaders);
}

/** analyzeUnreachable*Rules: rules after a match-less rule, and matches repeated from earlier rules. */
function analyzeRules(report: Report, field: string, routes: readonly Rule[], http: boolean): PrefixMatch[] {
  const seen = new Map<string, number>();
  const prefixes: PrefixMatch[] = [];
  let catchAll = -1;
  routes.forEach((route, n) => {
    const path = at(field, n);
    const matches = route.match ?? [];
    if (matches.length === 0) {
      if (catchAll >= 0) report.warn(path, `virtualService rule ${routeName(route, n)} not used (only the last rule can have no matches)`);
      catchAll = n;
      return;
    }
    if (catchAll >= 0) {
      report.warn(path, `virtualService rule ${routeName(route, n)} not used (route without matches defined before)`);
      return;
    }
    let duplicates = 0;
    matches.forEach((match, j) => {
      const key = matchKey(match, http);
      const dup = seen.get(key);
      if (dup !== undefined) {
        const earlier = routes[dup] as Rule;
        report.warn(at(child(path, 'match'), j), `virtualService rule ${routeName(route, n)} match ${requestName(match, j)} is not used (duplicate/overlapping match in rule ${routeName(earlier, dup)})`);
        duplicates++;
        return;
      }
      seen.set(key, n);
      const p = http ? prefixMatch(route as HTTPRoute, match as HTTPMatchRequest, n, j) : undefined;
      if (p) prefixes.push(p);
    });
    if (duplicates === matches.length) report.warn(path, `virtualService rule ${routeName(route, n)} not used (all matches used by prior rules)`);
  });
  return prefixes;
}

/** The later prefix matches an earlier one already covers, within a bounded number of comparisons. */
function analyzeOverlaps(report: Report, field: string, prefixes: readonly PrefixMatch[]): void {
  let budget = OVERLAP_BUDGET;
  for (let i = 0; i < prefixes.length; i++) {
    const a = prefixes[i] as PrefixMatch;
    for (let k = i + 1; k < prefixes.length; k++) {
      const b = prefixes[k] as PrefixMatch;
      if (--budget < 0) {
        report.warn(field, `overlapping-match analysis stopped after ${OVERLAP_BUDGET} comparisons`);
        return;
      }
      if (b.prefix === a.prefix || !covered(a, b)) continue;
      const dup = `${a.matchStr} of prefix ${a.prefix} on ${a.routeStr}`;
      report.warn(at(child(at(field, b.rule), 'match'), b.match), `virtualService rule ${b.routeStr} match ${b.matchStr} of prefix ${b.prefix} is not used (duplicate/overlapping match in rule ${dup})`);
    }
  }
}

/** All three analyses of a VirtualService spec; findings are warnings only. */
export function warnUnreachable(report: Report, spec: { http?: HTTPRoute[] | undefined; tcp?: Rule[] | undefined; tls?: Rule[] | undefined }): void {
  analyzeOverlaps(report, 'spec.http', analyzeRules(report, 'spec.http', spec.http ?? [], true));
  analyzeRules(report, 'spec.tcp', spec.tcp ?? [], false);
  analyzeRules(report, 'spec.tls', spec.tls ?? [], false);
}
