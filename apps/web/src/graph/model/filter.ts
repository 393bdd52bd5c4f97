// Views of a view graph: hide what a query matches (Kiali's Hide: a hidden node takes its
// edges, nodes left with no edges go, boxes left empty go), find (the ids to outline), and
// a namespace filter. Each returns the input arrays when nothing changes, so identity holds.
import { type LabelsOf, matchEdge, matchNode, type Query } from './find.js';
import type { ViewGraph } from './types.js';

export function hide(view: ViewGraph, query: Query, labels?: LabelsOf): ViewGraph {
  if (query.length === 0) return view;
  const hiddenNodes = new Set(view.nodes.filter((n) => matchNode(query, n, labels)).map((n) => n.id));
  const edges = view.edges.filter((e) => !hiddenNodes.has(e.source) && !hiddenNodes.has(e.target) && !matchEdge(query, e));
  const hadEdges = new Set(view.edges.flatMap((e) => [e.source, e.target]));
  const hasEdges = new Set(edges.flatMap((e) => [e.source, e.target]));
  const nodes = view.nodes.filter((n) => !hiddenNodes.has(n.id) && (hasEdges.has(n.id) || !hadEdges.has(n.id)));
  if (nodes.length === view.nodes.length && edges.length === view.edges.length) return view;
  const kept = new Set(nodes.map((n) => n.id));
  const boxes = view.boxes
    .map((b) => (b.members.every((m) => kept.has(m)) ? b : { ...b, members: b.members.filter((m) => kept.has(m)) }))
    .filter((b) => b.members.length > 0);
  return { ...view, nodes, edges, boxes };
}

/** Ids of the nodes and edges a Find query outlines. */
export function find(view: ViewGraph, query: Query, labels?: LabelsOf): Set<string> {
  const ids = new Set<string>();
  if (query.length === 0) return ids;
  for (const n of view.nodes) if (matchNode(query, n, labels)) ids.add(n.id);
  for (const e of view.edges) if (matchEdge(query, e)) ids.add(e.id);
  return ids;
}

/** Every namespace with a known node, sorted: the namespace picker's choices. */
export function namespacesOf(view: ViewGraph): string[] {
  return [...new Set(view.nodes.filter((n) => n.data.nodeType !== 'unknown').map((n) => n.data.namespace))].sort();
}

/** The nodes on any path through `id` (all upstream and downstream), for highlighting. */
export function pathThrough(view: ViewGraph, id: string): Set<string> {
  const out = new Set<string>([id]);
  const walk = (start: string, next: (n: string) => string[]) => {
    const stack = [start];
    while (stack.length) {
      const cur = stack.pop() as string;
      for (const n of next(cur)) {
        if (out.has(n)) continue;
        out.add(n);
        stack.push(n);
      }
    }
  };
  const fwd = new Map<string, string[]>();
  const back = new Map<string, string[]>();
  for (const e of view.edges) {
    fwd.set(e.source, [...(fwd.get(e.source) ?? []), e.target]);
    back.set(e.target, [...(back.get(e.target) ?? []), e.source]);
  }
  walk(id, (n) => fwd.get(n) ?? []);
  walk(id, (n) => back.get(n) ?? []);
  return out;
}
