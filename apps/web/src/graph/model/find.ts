// Find and Hide (kiali-graph.md §7): `OR`-joined clauses of `AND`-joined terms, Kiali's
// operand names and operators, plus `%error` and `%err` aliases (Kiali lacks them) and
// `ejected`/`overflow`/`retries` for Rudder's extra badges. A clause is about nodes or about
// edges, never both. Pure: parse once, then match.
import type { ViewEdge, ViewNode } from './types.js';

type Op = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'contains' | '!contains' | 'startswith' | '!startswith' | 'endswith' | '!endswith';
export interface Term {
  target: 'node' | 'edge';
  operand: string;
  negate: boolean;
  op?: Op;
  value?: string;
}
export type Query = Term[][];
export type Parsed = { ok: true; query: Query } | { ok: false; error: string };
/** Labels of a node's workloads, for `label:<name>` (from the registry). */
export type LabelsOf = (n: ViewNode) => Record<string, string> | undefined;

const OP_ALIASES: Record<string, Op> = { '*=': 'contains', '^=': 'startswith', '$=': 'endswith', '!*=': '!contains', '!^=': '!startswith', '!$=': '!endswith' };
const NODE_VALUE = ['name', 'app', 'ns', 'namespace', 'svc', 'service', 'wl', 'workload', 'version', 'node', 'httpin', 'httpout'];
const NODE_UNARY = ['healthy', 'root', 'trafficsource', 'gateway', 'vs', 'cb', 'fi', 'mirroring', 'rto', 'ts', 'retries', 'ejected', 'overflow', 'se'];
const EDGE_VALUE = ['http', 'rps', '%httperr', '%error', '%err', '%httptraffic', '%traffic', 'rt', 'responsetime', 'p95', 'protocol'];
const EDGE_UNARY = ['mirror', 'traffic'];
const TERM = /^(?:(!|not\s+))?\s*(?:(?:is|has)\s+)?([%\w:./-]+)\s*(?:(!\*=|!\^=|!\$=|!=|>=|<=|\*=|\^=|\$=|=|>|<|\s!?contains\s|\s!?startswith\s|\s!?endswith\s)\s*(.+?))?\s*$/i;

function parseTerm(text: string): Term | string {
  const m = TERM.exec(text.trim());
  if (!m) return `cannot read "${text.trim()}"`;
  const operand = (m[2] as string).toLowerCase();
  const rawOp = m[3]?.trim().toLowerCase();
  const op = rawOp ? ((OP_ALIASES[rawOp] ?? rawOp) as Op) : undefined;
  const negate = Boolean(m[1]);
  const isLabel = operand.startsWith('label:');
  if (op) {
    const value = (m[4] as string).replace(/^["']|["']$/g, '');
    if (isLabel || NODE_VALUE.includes(operand)) return { target: 'node', operand, negate, op, value };
    if (EDGE_VALUE.includes(operand)) return { target: 'edge', operand, negate, op, value };
    return `unknown operand "${operand}" (try name, app, version, label:app, rt, %error, http)`;
  }
  if (NODE_UNARY.includes(operand) || isLabel) return { target: 'node', operand, negate };
  if (EDGE_UNARY.includes(operand)) return { target: 'edge', operand, negate };
  if (NODE_VALUE.includes(operand) || EDGE_VALUE.includes(operand)) return `"${operand}" needs an operator and a value, like ${operand} = x`;
  // A bare word finds by name, as a search box would.
  return { target: 'node', operand: 'name', negate, op: 'contains', value: operand };
}

export function parseQuery(text: string): Parsed {
  if (!text.trim()) return { ok: true, query: [] };
  const query: Query = [];
  for (const clause of text.split(/\s+(?:or|\|\|)\s+/i)) {
    const terms: Term[] = [];
    for (const t of clause.split(/\s+(?:and|&&)\s+/i)) {
      const term = parseTerm(t);
      if (typeof term === 'string') return { ok: false, error: term };
      terms.push(term);
    }
    if (new Set(terms.map((t) => t.target)).size > 1) return { ok: false, error: 'AND cannot mix node and edge terms; use OR between them' };
    query.push(terms);
  }
  return { ok: true, query };
}

function compare(actual: string | number | undefined, op: Op, value: string): boolean {
  if (typeof actual === 'number' || actual === undefined) {
    if (value.toLowerCase() === 'nan') return (actual === undefined || Number.isNaN(actual)) === (op === '=');
    if (actual === undefined) return op === '!=';
    const v = Number(value);
    if (Number.isNaN(v)) return false;
    return { '=': actual === v, '!=': actual !== v, '>': actual > v, '>=': actual >= v, '<': actual < v, '<=': actual <= v }[op as '='] ?? false;
  }
  const a = actual.toLowerCase();
  const v = value.toLowerCase();
  const base = op.replace('!', '');
  const hit = base === '=' ? a === v : base === 'contains' ? a.includes(v) : base === 'startswith' ? a.startsWith(v) : base === 'endswith' ? a.endsWith(v) : undefined;
  if (hit === undefined) return compare(Number(actual), op, value);
  return op.startsWith('!') ? !hit : hit;
}

function nodeValue(n: ViewNode, operand: string, labels?: LabelsOf): string | number | undefined {
  const d = n.data;
  if (operand.startsWith('label:')) {
    const key = operand.slice(6);
    return labels?.(n)?.[key] ?? (key === 'app' ? d.app : key === 'version' ? d.version : undefined);
  }
  switch (operand) {
    case 'app':
      return d.app;
    case 'ns':
    case 'namespace':
      return d.namespace;
    case 'svc':
    case 'service':
      return d.service;
    case 'wl':
    case 'workload':
      return d.workload;
    case 'version':
      return d.version;
    case 'node':
      return n.shape === 'plate' ? 'serviceentry' : d.nodeType;
    case 'httpin':
      return d.httpIn.http;
    case 'httpout':
      return d.httpOut.http;
    default:
      return undefined;
  }
}

function nodeUnary(n: ViewNode, operand: string, labels?: LabelsOf): boolean {
  const has = (k: string) => n.badges.some((b) => b.kind === k);
  if (operand.startsWith('label:')) return Boolean(labels?.(n)?.[operand.slice(6)]);
  const table: Record<string, () => boolean> = {
    healthy: () => n.health === 'Healthy' || n.health === 'NA',
    root: () => n.root,
    trafficsource: () => n.root,
    gateway: () => Boolean(n.data.isGateway),
    se: () => n.shape === 'plate',
    vs: () => has('vs'),
    cb: () => has('cb'),
    fi: () => has('fault'),
    mirroring: () => has('mirror'),
    rto: () => has('timeout'),
    ts: () => has('shift'),
    retries: () => has('retries'),
    ejected: () => has('ejected'),
    overflow: () => has('overflow'),
  };
  return table[operand]?.() ?? false;
}

function matchNodeTerm(n: ViewNode, t: Term, labels?: LabelsOf): boolean {
  if (!t.op) return nodeUnary(n, t.operand, labels) !== t.negate;
  if (t.operand === 'name') {
    const names = [n.data.app, n.data.service, n.data.workload, n.label].filter((s): s is string => Boolean(s));
    const hits = names.map((s) => compare(s, t.op as Op, t.value ?? ''));
    const hit = (t.op as string).startsWith('!') || t.op === '!=' ? hits.every(Boolean) : hits.some(Boolean);
    return hit !== t.negate;
  }
  return compare(nodeValue(n, t.operand, labels), t.op, t.value ?? '') !== t.negate;
}

function edgeValue(e: ViewEdge, operand: string): string | number | undefined {
  if (operand === 'http' || operand === 'rps') return e.rps;
  if (operand.startsWith('%') && operand.includes('err')) return e.errorPercent;
  if (operand.startsWith('%')) return e.share;
  if (operand === 'protocol') return e.data.protocol;
  return e.p95;
}

function matchEdgeTerm(e: ViewEdge, t: Term): boolean {
  if (!t.op) return (t.operand === 'mirror' ? e.mirror : e.rps > 0) !== t.negate;
  return compare(edgeValue(e, t.operand), t.op, t.value ?? '') !== t.negate;
}

export const matchNode = (q: Query, n: ViewNode, labels?: LabelsOf) =>
  q.some((c) => c[0]?.target === 'node' && c.every((t) => matchNodeTerm(n, t, labels)));
export const matchEdge = (q: Query, e: ViewEdge) => q.some((c) => c[0]?.target === 'edge' && c.every((t) => matchEdgeTerm(e, t)));
