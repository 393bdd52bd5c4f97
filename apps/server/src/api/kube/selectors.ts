// Label and field selectors with the apiserver's grammar (k8s.io/apimachinery
// pkg/labels/selector.go): `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a)`, `k`, `!k`,
// joined by commas. For custom resources only metadata.name and metadata.namespace
// are selectable fields (kubectl-api.md §3).
import { RudderError } from '@rudder/shared/errors';

export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'notexists' };

export type Selector = (labels: Record<string, string> | undefined) => boolean;

const KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Splits on commas that are not inside parentheses. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms.map((t) => t.trim()).filter((t) => t !== '');
}

function parseTerm(term: string): Requirement {
  const bad = (why: string) => new RudderError('BadRequest', `unable to parse requirement: ${JSON.stringify(term)}: ${why}`);
  const checkKey = (key: string) => {
    if (!KEY.test(key)) throw bad(`invalid label key ${JSON.stringify(key)}`);
    return key;
  };
  const checkValue = (value: string) => {
    if (!VALUE.test(value) || value.length > 63) throw bad(`invalid label value ${JSON.stringify(value)}`);
    return value;
  };
  const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (set) {
    const values = (set[3] ?? '').split(',').map((v) => checkValue(v.trim()));
    return { key: checkKey(set[1] ?? ''), op: set[2] as 'in' | 'notin', values };
  }
  const cmp = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
  if (cmp) {
    const value = checkValue((cmp[3] ?? '').trim());
    return { key: checkKey(cmp[1] ?? ''), op: cmp[2] === '!=' ? 'notin' : 'in', values: [value] };
  }
  if (term.startsWith('!')) return { key: checkKey(term.slice(1).trim()), op: 'notexists' };
  return { key: checkKey(term), op: 'exists' };
}

export function parseLabelSelector(text: string | undefined): Requirement[] {
  return text ? splitTerms(text).map(parseTerm) : [];
}

export function matchesRequirements(requirements: readonly Requirement[], labels: Record<string, string> = {}): boolean {
  return requirements.every((r) => {
    const has = Object.hasOwn(labels, r.key);
    if (!('values' in r)) return has === (r.op === 'exists');
    const listed = has && r.values.includes(labels[r.key] as string);
    return r.op === 'in' ? listed : !listed;
  });
}

export interface FieldSelector {
  name?: { value: string; equal: boolean };
  namespace?: { value: string; equal: boolean };
}

export function parseFieldSelector(text: string | undefined): FieldSelector {
  const selector: FieldSelector = {};
  for (const term of text ? splitTerms(text) : []) {
    const m = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    const field = m?.[1];
    if (!m || (field !== 'metadata.name' && field !== 'metadata.namespace')) {
      throw new RudderError('BadRequest', `"${term}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
    }
    const entry = { value: (m[3] ?? '').trim(), equal: m[2] !== '!=' };
    if (field === 'metadata.name') selector.name = entry;
    else selector.namespace = entry;
  }
  return selector;
}

export function matchesFields(selector: FieldSelector, meta: { name: string; namespace: string }): boolean {
  const test = (cond: { value: string; equal: boolean } | undefined, actual: string) => !cond || (cond.value === actual) === cond.equal;
  return test(selector.name, meta.name) && test(selector.namespace, meta.namespace);
}
