// Where a Kubernetes field path sits in YAML text, and which path a text offset is in: the
// editor puts the API's markers (`spec.http[0].route[1].weight`) on the right line and
// finds the schema under the cursor. Works on documents with errors as far as they parse.
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, parseDocument } from 'yaml';

export type PathSegment = string | number;

export interface TextRange {
  from: number;
  to: number;
  /** False when the path ends below what the text holds (a missing field): the range is its deepest present ancestor. */
  exact: boolean;
}

/** `spec.http[0].route[1].weight` → ['spec', 'http', 0, 'route', 1, 'weight']; `metadata.labels[app]` → [..., 'labels', 'app']. */
export function parseFieldPath(field: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^\d+$/.test(m[2] ?? '') ? Number(m[2]) : (m[2] ?? ''));
  }
  return out;
}

const parse = (text: string) => parseDocument(text, { version: '1.1', uniqueKeys: false, keepSourceTokens: false });

function pairOf(map: Node, key: PathSegment): Pair<Node, Node | null> | undefined {
  if (!isMap(map)) return undefined;
  // The last of duplicate keys wins, as when the text is read.
  return (map.items as Pair<Node, Node | null>[]).findLast((p) => isScalar(p.key) && String(p.key.value) === String(key));
}

const rangeOf = (n: Node | null | undefined) => (n?.range ? { from: n.range[0], to: n.range[1] } : undefined);

/**
 * The text range of a field: `key: value` for a map entry, the item for a list index. A
 * path that goes deeper than the text (a required field that is absent) gives its deepest
 * present ancestor with `exact: false`; an empty path or nothing parseable gives undefined.
 */
export function rangeOfField(text: string, field: string | readonly PathSegment[]): TextRange | undefined {
  const path = typeof field === 'string' ? parseFieldPath(field) : field;
  let node: Node | null | undefined = parse(text).contents as Node | null;
  let best: { from: number; to: number } | undefined;
  let resolved = 0;
  for (const segment of path) {
    if (!node) break;
    if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      best = rangeOf(item) ?? best;
      node = item;
    } else {
      const pair = pairOf(node, segment);
      const key = rangeOf(pair?.key);
      if (!pair || !key) break;
      const value = rangeOf(pair.value);
      best = { from: key.from, to: value && value.to > key.to ? value.to : key.to };
      node = pair.value;
    }
    resolved++;
  }
  return best ? { ...best, exact: resolved === path.length } : undefined;
}

/**
 * The path of the innermost key or value at `offset` (document start is []). A key itself
 * counts as its entry: the cursor on `weight` in `weight: 5` gives [..., 'weight'].
 */
export function pathAtOffset(text: string, offset: number): PathSegment[] {
  const path: PathSegment[] = [];
  let node: Node | null = parse(text).contents as Node | null;
  const inside = (n: Node | null | undefined) => Boolean(n?.range && n.range[0] <= offset && offset <= n.range[1]);
  while (node) {
    if (isSeq(node)) {
      const index = node.items.findIndex((item) => inside(item as Node));
      if (index < 0) break;
      path.push(index);
      node = node.items[index] as Node;
    } else if (isMap(node)) {
      const pair = (node.items as Pair<Node, Node | null>[]).find((p) => isPair(p) && (inside(p.key) || inside(p.value)));
      if (!pair || !isScalar(pair.key)) break;
      path.push(String(pair.key.value));
      node = inside(pair.value) ? pair.value : null;
    } else break;
  }
  return path;
}

/** The keys of the map at `path` ([] when the path holds no map): what is already written there. */
export function keysAtPath(text: string, path: readonly PathSegment[]): string[] {
  let node: Node | null | undefined = parse(text).contents as Node | null;
  for (const segment of path) {
    if (isSeq(node) && typeof segment === 'number') node = node.items[segment] as Node | undefined;
    else node = node ? pairOf(node, segment)?.value : undefined;
  }
  return isMap(node) ? (node.items as Pair<Node, Node | null>[]).flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : [])) : [];
}
