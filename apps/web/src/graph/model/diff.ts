// Live updates without rebuilds (DESIGN.md "Dashboard"): apply /ws/live patches to the last
// graph, keep the identity of every view node and edge whose drawing did not change (so
// memoized components skip), and tell structural changes (which need a layout) from number
// changes (which never do). Pure.
import type { Graph, LiveFrame } from '@rudder/shared/protocol';
import type { ViewBox, ViewEdge, ViewGraph, ViewNode } from './types.js';

/** The graph after one frame; `undefined` when a patch arrives before any full graph. */
export function applyFrame(prev: Graph | undefined, frame: LiveFrame): Graph | undefined {
  if (frame.type === 'graph') return frame.graph;
  if (frame.type !== 'patch' || !prev) return prev;
  const nodes = new Map(prev.nodes.map((n) => [n.id, n]));
  for (const id of frame.removeNodes) nodes.delete(id);
  for (const n of frame.upsertNodes) nodes.set(n.id, n);
  const edges = new Map(prev.edges.map((e) => [e.id, e]));
  for (const id of frame.removeEdges) edges.delete(id);
  for (const e of frame.upsertEdges) edges.set(e.id, e);
  return { ...prev, timestamp: frame.timestamp, nodes: [...nodes.values()], edges: [...edges.values()] };
}

/** Node ids with their box, box ids, edge ends: what a layout depends on. */
export function structureKey(view: Pick<ViewGraph, 'nodes' | 'boxes' | 'edges'>): string {
  const nodes = view.nodes.map((n) => `${n.id}@${n.parent ?? ''}`).sort();
  const boxes = view.boxes.map((b) => b.id).sort();
  const edges = view.edges.map((e) => `${e.source}>${e.target}`).sort();
  return `${nodes.join(',')}|${boxes.join(',')}|${edges.join(',')}`;
}

const nodeSig = (n: ViewNode) =>
  JSON.stringify([n.shape, n.label, n.sublabel, n.parent, n.health, n.root, n.badges, Math.round(n.rpsIn * 100), Math.round(n.rpsOut * 100)]);
const edgeSig = (e: ViewEdge) =>
  JSON.stringify([e.mirror, e.health, Math.round(e.rps * 1000), e.errorPercent, e.share, e.p95 === undefined ? undefined : Math.round(e.p95 * 10)]);
const boxSig = (b: ViewBox) => JSON.stringify([b.label, b.health, b.members]);

function reuse<T extends { id: string }>(prev: readonly T[] | undefined, next: readonly T[], sig: (t: T) => string): { items: T[]; changed: boolean } {
  if (!prev) return { items: [...next], changed: true };
  const before = new Map(prev.map((p) => [p.id, p]));
  let changed = prev.length !== next.length;
  const items = next.map((n, i) => {
    const old = before.get(n.id);
    if (old && sig(old) === sig(n)) {
      if (prev[i] !== old) changed = true;
      return old;
    }
    changed = true;
    return n;
  });
  return { items, changed };
}

/**
 * The next view with every unchanged node, edge and box (by drawing signature) replaced
 * by the previous object, and the previous arrays kept when nothing in them changed.
 */
export function reconcile(prev: ViewGraph | undefined, next: ViewGraph): ViewGraph {
  if (!prev || prev.graphType !== next.graphType) return next;
  const nodes = reuse(prev.nodes, next.nodes, nodeSig);
  const edges = reuse(prev.edges, next.edges, edgeSig);
  const boxes = reuse(prev.boxes, next.boxes, boxSig);
  if (!nodes.changed && !edges.changed && !boxes.changed) return prev;
  return {
    graphType: next.graphType,
    nodes: nodes.changed ? nodes.items : prev.nodes,
    edges: edges.changed ? edges.items : prev.edges,
    boxes: boxes.changed ? boxes.items : prev.boxes,
  };
}
