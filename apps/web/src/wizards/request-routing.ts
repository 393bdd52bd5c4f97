// Request routing (tutorial 6.2-6.4): ordered rules, each a set of conditions (all must
// hold: one Istio match block) sending requests to a subset; then a default route.
// Istio tries rules in order and the first match wins, so a rule after a catch-all is dead.
import { type Built, destination, type FormProblem, liveDefaultSubset, liveHttp, type Route, routingOutput, type WizardContext } from './model.js';

export type ConditionType = 'header' | 'query' | 'uri' | 'method';
export type MatchOp = 'exact' | 'prefix' | 'regex';

export interface Condition {
  type: ConditionType;
  /** The header or query parameter name (unused for uri and method). */
  name: string;
  op: MatchOp;
  value: string;
  /** uri only: Istio's ignoreUriCase. */
  ignoreCase: boolean;
}

export interface RoutingRule {
  conditions: Condition[];
  subset: string;
}

export interface RoutingState {
  rules: RoutingRule[];
  /** Where requests no rule matched go ('' = the whole service). */
  defaultSubset: string;
}

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export const newCondition = (): Condition => ({ type: 'header', name: 'end-user', op: 'exact', value: '', ignoreCase: false });

type StringMatch = Partial<Record<MatchOp, string>>;

const stringMatch = (c: Condition): StringMatch => ({ [c.op]: c.value });

function matchOf(rule: RoutingRule): Record<string, unknown> {
  const match: Record<string, unknown> = {};
  for (const c of rule.conditions) {
    if (c.type === 'uri') {
      match.uri = stringMatch(c);
      if (c.ignoreCase) match.ignoreUriCase = true;
    } else if (c.type === 'method') match.method = { exact: c.value };
    else {
      const key = c.type === 'header' ? 'headers' : 'queryParams';
      match[key] = { ...((match[key] as object | undefined) ?? {}), [c.name]: stringMatch(c) };
    }
  }
  return match;
}

/** A rule that matches every request: no condition, or only a URI prefix of "/" or regex ".*". */
const catchesAll = (rule: RoutingRule) => rule.conditions.every((c) => c.type === 'uri' && ((c.op === 'prefix' && c.value === '/') || (c.op === 'regex' && c.value === '.*')));

/** Rules (and the default route) that can never match because an earlier rule catches everything. */
export function unreachable(state: RoutingState): string[] {
  const first = state.rules.findIndex(catchesAll);
  if (first < 0) return [];
  const dead = state.rules.slice(first + 1).map((_, k) => `Rule ${first + k + 2} can never match: rule ${first + 1} catches every request before it.`);
  return [...dead, `The default route is never used: rule ${first + 1} catches every request.`];
}

/** "rule-2-condition-1" → "Rule 2, condition 1". */
const nameOf = (at: string) => at.replace(/^rule-(\d+)-condition-(\d+)$/, 'Rule $1, condition $2');

function conditionProblems(c: Condition, at: string): FormProblem[] {
  const problems: FormProblem[] = [];
  const where = nameOf(at);
  if ((c.type === 'header' || c.type === 'query') && !/^[A-Za-z0-9_.-]+$/.test(c.name)) {
    problems.push({ field: `${at}-name`, message: `${where}: the ${c.type === 'header' ? 'header' : 'parameter'} name is required (letters, digits, - _ .).` });
  }
  if (c.type === 'header' && /[A-Z]/.test(c.name)) problems.push({ field: `${at}-name`, message: `${where}: header names must be lowercase in Istio.` });
  if (c.value === '' && c.type !== 'method') problems.push({ field: `${at}-value`, message: `${where}: a value is required.` });
  if (c.op === 'regex') {
    try {
      new RegExp(c.value);
    } catch {
      problems.push({ field: `${at}-value`, message: `${where}: not a valid regular expression.` });
    }
  }
  if (c.type === 'uri' && c.op !== 'regex' && !c.value.startsWith('/')) problems.push({ field: `${at}-value`, message: `${where}: a URI starts with "/".` });
  return problems;
}

export function routingProblems(ctx: WizardContext, state: RoutingState): FormProblem[] {
  const problems: FormProblem[] = [];
  state.rules.forEach((rule, i) => {
    if (rule.conditions.length === 0) problems.push({ field: `rule-${i + 1}`, message: `Rule ${i + 1}: add a condition (the default route covers everything else).` });
    rule.conditions.forEach((c, k) => {
      problems.push(...conditionProblems(c, `rule-${i + 1}-condition-${k + 1}`));
    });
    if (!ctx.subsets.includes(rule.subset)) problems.push({ field: `rule-${i + 1}-subset`, message: `Rule ${i + 1}: pick a subset.` });
  });
  return problems;
}

/** Where each condition's value and each rule's subset land in the VirtualService. */
function routingFields(state: RoutingState): Record<string, string> {
  const fields: Record<string, string> = {};
  state.rules.forEach((rule, i) => {
    const at = `documents[0].spec.http[${i}]`;
    fields[`${at}.route`] = `rule-${i + 1}-subset`;
    rule.conditions.forEach((c, k) => {
      const key = c.type === 'uri' ? 'uri' : c.type === 'method' ? 'method' : `${c.type === 'header' ? 'headers' : 'queryParams'}.${c.name}`;
      fields[`${at}.match[0].${key}`] = `rule-${i + 1}-condition-${k + 1}-value`;
    });
  });
  return fields;
}

export function buildRouting(ctx: WizardContext, state: RoutingState): Built {
  const http = state.rules.map((rule) => ({ match: [matchOf(rule)], route: [destination(ctx, rule.subset)] }));
  http.push({ route: [destination(ctx, state.defaultSubset)] } as (typeof http)[number]);
  const used = [...state.rules.map((r) => r.subset), state.defaultSubset];
  return { resources: routingOutput(ctx, 'request-routing', http, used), problems: routingProblems(ctx, state), warnings: unreachable(state), fields: routingFields(state) };
}

function conditionsOf(match: Record<string, unknown>): Condition[] {
  const out: Condition[] = [];
  const fromString = (type: ConditionType, name: string, m: StringMatch, ignoreCase = false) => {
    const op = (['exact', 'prefix', 'regex'] as const).find((o) => m[o] !== undefined) ?? 'exact';
    out.push({ type, name, op, value: m[op] ?? '', ignoreCase });
  };
  if (match.uri) fromString('uri', '', match.uri as StringMatch, match.ignoreUriCase === true);
  if (match.method) fromString('method', '', match.method as StringMatch);
  for (const [name, m] of Object.entries((match.headers as Record<string, StringMatch> | undefined) ?? {})) fromString('header', name, m);
  for (const [name, m] of Object.entries((match.queryParams as Record<string, StringMatch> | undefined) ?? {})) fromString('query', name, m);
  return out;
}

/** Form state from the live VirtualService: each rule's first match block and first destination. */
export function routingFromLive(ctx: WizardContext): RoutingState {
  const rules = liveHttp(ctx)
    .filter((r) => Array.isArray(r.match) && r.match.length > 0)
    .map((r) => ({
      conditions: conditionsOf((r.match as Record<string, unknown>[])[0] ?? {}),
      subset: (r.route as Route[] | undefined)?.[0]?.destination.subset ?? '',
    }));
  return { rules, defaultSubset: liveDefaultSubset(ctx) };
}
