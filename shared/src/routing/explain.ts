// Why a request did not take a rule: the first condition of each match that failed, in the
// order Envoy evaluates them. For the request simulator ("why did an earlier rule not
// match?"); the matcher itself stays condition-by-condition boolean.
import { splitAuthority } from './hosts.js';
import { requestView } from './match.js';
import { headerValue, isClaim, parseQuery, type RequestView, selectorsHold } from './request-match.js';
import { matchHeader, matchValue } from './string-match.js';
import type { CompiledMatch, CompiledRule, RouteRequest } from './types.js';

export interface RuleExplanation {
  ruleIndex: number;
  /** True when the rule would take the request. */
  matches: boolean;
  /** Per match block (ORed): the first condition that failed, or undefined when it held. */
  matchBlocks: { index: number; failed?: string }[];
}

/** The first failing condition of one match block, as `field: reason`. */
export function firstFailure(m: CompiledMatch, view: RequestView, checkPort: boolean): string | undefined {
  if (!selectorsHold(m, view, checkPort)) {
    if (checkPort && m.port !== undefined && m.port !== view.port) return `port: ${view.port} is not ${m.port}`;
    return 'sourceLabels/sourceNamespace: the caller is not selected';
  }
  if (m.uri !== undefined && !matchValue(m.uri, view.path, m.ignoreUriCase)) return `uri: ${JSON.stringify(view.path)} does not match`;
  if (m.scheme !== undefined && !matchValue(m.scheme, view.scheme)) return `scheme: ${view.scheme} does not match`;
  if (m.method !== undefined && !matchValue(m.method, view.method)) return `method: ${view.method} does not match`;
  if (m.authority !== undefined && !matchValue(m.authority, view.authority)) return `authority: ${view.authority} does not match`;
  for (const [name, sm] of m.headers) {
    if (isClaim(name)) return `headers.${name}: JWT claims are not validated by Rudder`;
    const value = headerValue(view, name);
    if (!matchHeader(sm, value, false)) return `headers.${name}: ${value === undefined ? 'absent' : JSON.stringify(value)} does not match`;
  }
  for (const [name, sm] of m.withoutHeaders) {
    if (!isClaim(name) && !matchHeader(sm, headerValue(view, name), true)) return `withoutHeaders.${name}: the header matches`;
  }
  if (m.queryParams.length > 0) {
    const params = parseQuery(view.query);
    for (const [name, sm] of m.queryParams) {
      const value = params.get(name);
      if (value === undefined || !matchValue(sm, value)) return `queryParams.${name}: ${value === undefined ? 'absent' : JSON.stringify(value)} does not match`;
    }
  }
  return undefined;
}

/** Explains each rule of a VirtualService (up to and including `upTo`) for one request. */
export function explainRules(rules: readonly CompiledRule[], request: RouteRequest, upTo = rules.length - 1): RuleExplanation[] {
  const view = requestView(request, request.port ?? splitAuthority(request.host).port ?? 80);
  const checkPort = request.listener.kind !== 'gateway';
  return rules.slice(0, upTo + 1).map((rule) => {
    const matchBlocks = rule.matches.map((m) => {
      const failed = firstFailure(m, view, checkPort);
      return failed === undefined ? { index: m.index } : { index: m.index, failed };
    });
    return { ruleIndex: rule.ruleIndex, matches: rule.matches.length === 0 || matchBlocks.some((b) => b.failed === undefined), matchBlocks };
  });
}
