// Live graph frames (DESIGN.md "Dashboard": live updates patch, never rebuild): the first
// frame a client gets is the whole graph; later ones carry only the nodes and edges that
// changed, appeared or went since the frame that client last received. Pure.
import type { Graph, LiveFrame } from '@rudder/shared/protocol';

function changes<T extends { id: string }>(before: readonly T[], after: readonly T[]) {
  const old = new Map(before.map((x) => [x.id, JSON.stringify(x)]));
  const upsert = after.filter((x) => old.get(x.id) !== JSON.stringify(x));
  const present = new Set(after.map((x) => x.id));
  const remove = before.filter((x) => !present.has(x.id)).map((x) => x.id);
  return { upsert, remove };
}

/** The frame that takes a client from `last` (what it has) to `next`; undefined when nothing changed. */
export function frameFor(last: Graph | undefined, next: Graph, seq: number): LiveFrame | undefined {
  if (!last || last.graphType !== next.graphType || last.duration !== next.duration) return { type: 'graph', seq, graph: next };
  const nodes = changes(last.nodes, next.nodes);
  const edges = changes(last.edges, next.edges);
  if (!nodes.upsert.length && !nodes.remove.length && !edges.upsert.length && !edges.remove.length) return undefined;
  return { type: 'patch', seq, timestamp: next.timestamp, upsertNodes: nodes.upsert, removeNodes: nodes.remove, upsertEdges: edges.upsert, removeEdges: edges.remove };
}

/** Applies a frame to a client's graph (what the dashboard does; used to check frames round-trip). */
export function applyFrame(graph: Graph | undefined, frame: LiveFrame): Graph | undefined {
  if (frame.type === 'graph') return frame.graph;
  if (frame.type !== 'patch' || !graph) return graph;
  const merge = <T extends { id: string }>(list: readonly T[], upsert: readonly T[], remove: readonly string[]) => {
    const byId = new Map(list.map((x) => [x.id, x]));
    for (const id of remove) byId.delete(id);
    for (const x of upsert) byId.set(x.id, x);
    return [...byId.values()];
  };
  return { ...graph, timestamp: frame.timestamp, nodes: merge(graph.nodes, frame.upsertNodes, frame.removeNodes), edges: merge(graph.edges, frame.upsertEdges, frame.removeEdges) };
}
