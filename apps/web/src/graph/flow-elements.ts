// View graph + positions + flags → React Flow nodes and edges, reusing the previous object
// for every element whose inputs are the same (identity lets React Flow and the memoized
// components skip work). Boxes come before their members, as React Flow requires.
import type { BoxFlowNode } from './nodes/BoxNode.js';
import type { MeshFlowNode } from './nodes/MeshNode.js';
import type { TrafficFlowEdge } from './edges/TrafficEdge.js';
import { NODE_SIZE, type Placed, type Positions } from './model/layout.js';
import type { EdgeLabelMode, ViewGraph } from './model/types.js';

export type FlowNode = MeshFlowNode | BoxFlowNode;

export interface Flags {
  found: ReadonlySet<string>;
  /** Ids on the hovered or selected path; everything else is dimmed (empty: none dimmed). */
  lit: ReadonlySet<string>;
  selected?: string;
  mode: EdgeLabelMode;
  /** False when the edges are painted on a canvas (large graphs): React Flow gets none. */
  svgEdges: boolean;
}

interface Cached<T> {
  key: unknown[];
  value: T;
}
const same = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function createFlowCache() {
  const nodes = new Map<string, Cached<FlowNode>>();
  const edges = new Map<string, Cached<TrafficFlowEdge>>();
  const memo = <T>(m: Map<string, Cached<T>>, id: string, key: unknown[], make: () => T): T => {
    const hit = m.get(id);
    if (hit && same(hit.key, key)) return hit.value;
    const value = make();
    m.set(id, { key, value });
    return value;
  };

  return function toFlow(view: ViewGraph, positions: Positions, drag: ReadonlyMap<string, { x: number; y: number }>, f: Flags) {
    const dimOf = (id: string) => f.lit.size > 0 && !f.lit.has(id);
    const at = (id: string): Placed | undefined => {
      const p = positions.get(id);
      const d = drag.get(id);
      return p && d ? { ...p, ...d } : p;
    };
    const out: FlowNode[] = [];
    for (const b of view.boxes) {
      const p = at(b.id);
      if (!p) continue;
      const dim = b.members.every(dimOf);
      out.push(
        memo(nodes, b.id, [b, p, dim, f.selected === b.id], () => ({
          id: b.id,
          type: 'box',
          position: { x: p.x, y: p.y },
          width: p.width,
          height: p.height,
          selected: f.selected === b.id,
          zIndex: -1,
          data: { box: b, dim },
        })),
      );
    }
    for (const n of view.nodes) {
      const p = at(n.id);
      if (!p) continue;
      const found = f.found.has(n.id);
      const dim = dimOf(n.id);
      const selected = f.selected === n.id;
      out.push(
        memo(nodes, n.id, [n, p, found, dim, selected, f.svgEdges], () => ({
          id: n.id,
          type: 'mesh',
          position: { x: p.x, y: p.y },
          width: NODE_SIZE,
          height: NODE_SIZE,
          selected,
          ...(n.parent && positions.has(n.parent) ? { parentId: n.parent } : {}),
          data: { node: n, found, dim, handles: f.svgEdges },
        })),
      );
    }
    const placed = new Set(out.map((n) => n.id));
    const flowEdges: TrafficFlowEdge[] = [];
    for (const e of f.svgEdges ? view.edges : []) {
      if (!placed.has(e.source) || !placed.has(e.target)) continue;
      const found = f.found.has(e.id);
      const dim = f.lit.size > 0 && !(f.lit.has(e.source) && f.lit.has(e.target));
      const selected = f.selected === e.id;
      flowEdges.push(
        memo(edges, e.id, [e, found, dim, selected, f.mode], () => ({
          id: e.id,
          type: 'traffic',
          source: e.source,
          target: e.target,
          selected,
          data: { edge: e, mode: f.mode, found, dim },
        })),
      );
    }
    return { nodes: out, edges: flowEdges };
  };
}
