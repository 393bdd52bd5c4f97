// Server graph → view graph (kiali-graph.md §1, §3, §5): shapes, labels as Kiali sets them,
// app boxes around the versions of a versioned app, badges, edge numbers. Pure.
import type { Graph, GraphEdge, GraphNode } from '@rudder/shared/protocol';
import { badgesOf } from './badges.js';
import { type Shape, type ViewBox, type ViewEdge, type ViewGraph, type ViewNode, worseHealth } from './types.js';

/** The server marks service nodes whose host a ServiceEntry declares (Kiali's isServiceEntry). */
const isServiceEntry = (n: GraphNode) => n.nodeType === 'service' && n.isServiceEntry !== undefined;

export function shapeOf(n: GraphNode): Shape {
  if (n.nodeType === 'unknown') return 'unknown';
  if (n.isGateway) return 'gateway';
  if (n.nodeType === 'service') return isServiceEntry(n) ? 'plate' : 'triangle';
  if (n.nodeType === 'app') return 'rect';
  return 'circle';
}

export const boxIdOf = (n: GraphNode) => `box_${n.namespace}_${n.app}`;

/** Nodes that go into an app box: versions of one app, when there are at least two. */
export function appBoxes(graph: Graph): ViewBox[] {
  if (graph.graphType !== 'versionedApp') return [];
  const groups = new Map<string, GraphNode[]>();
  for (const n of graph.nodes) {
    if (n.nodeType !== 'app' || !n.version || !n.app) continue;
    const id = boxIdOf(n);
    groups.set(id, [...(groups.get(id) ?? []), n]);
  }
  const boxes: ViewBox[] = [];
  for (const [id, members] of groups) {
    if (members.length < 2) continue;
    const first = members[0] as GraphNode;
    boxes.push({
      id,
      label: first.app ?? '',
      namespace: first.namespace,
      health: members.map((m) => m.healthStatus).reduce(worseHealth),
      members: members.map((m) => m.id).sort(),
    });
  }
  return boxes.sort((a, b) => a.id.localeCompare(b.id));
}

function labelOf(n: GraphNode, boxed: boolean): { label: string; sublabel?: string } {
  if (n.nodeType === 'unknown') return { label: 'unknown' };
  if (n.nodeType === 'service') return { label: n.service ?? n.id };
  if (n.nodeType === 'app') {
    if (boxed) return { label: n.version ?? n.app ?? n.id };
    return n.version ? { label: n.app ?? n.id, sublabel: n.version } : { label: n.app ?? n.id };
  }
  return { label: n.workload ?? n.id };
}

export function viewNode(n: GraphNode, parent: string | undefined, showNamespace: boolean): ViewNode {
  const { label, sublabel } = labelOf(n, parent !== undefined);
  const ns = showNamespace && n.nodeType !== 'unknown' ? n.namespace : undefined;
  const sub = [sublabel, ns].filter(Boolean).join(' · ');
  return {
    id: n.id,
    shape: shapeOf(n),
    label,
    ...(sub ? { sublabel: sub } : {}),
    ...(parent ? { parent } : {}),
    health: n.healthStatus,
    root: Boolean(n.isRoot),
    badges: badgesOf(n),
    rpsIn: n.httpIn.http,
    rpsOut: n.httpOut.http,
    data: n,
  };
}

export function viewEdge(e: GraphEdge): ViewEdge {
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    mirror: e.isMirror,
    health: e.healthStatus,
    rps: e.rates.http,
    errorPercent: e.httpPercentErr,
    ...(e.httpPercentReq !== undefined ? { share: e.httpPercentReq } : {}),
    ...(e.responseTime !== undefined ? { p95: e.responseTime } : {}),
    data: e,
  };
}

/** The namespace most nodes are in; others carry their namespace in the label (Kiali's outsiders). */
function mainNamespace(graph: Graph): string | undefined {
  const counts = new Map<string, number>();
  for (const n of graph.nodes) if (n.nodeType !== 'unknown') counts.set(n.namespace, (counts.get(n.namespace) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

export function buildView(graph: Graph): ViewGraph {
  const boxes = appBoxes(graph);
  const parentOf = new Map<string, string>();
  for (const b of boxes) for (const m of b.members) parentOf.set(m, b.id);
  const main = mainNamespace(graph);
  const nodes = graph.nodes.map((n) => viewNode(n, parentOf.get(n.id), n.namespace !== main));
  nodes.sort((a, b) => a.id.localeCompare(b.id));
  const edges = graph.edges.map(viewEdge).sort((a, b) => a.id.localeCompare(b.id));
  return { graphType: graph.graphType, nodes, boxes, edges };
}
