// Layout input and output around ELK's layered algorithm (left to right, as Kiali's Dagre
// default): explicit node sizes, app boxes as compound nodes, children ordered by their old
// positions so ELK keeps their order, and the result shifted so nodes that were already on
// screen stay where they were; pinned (dragged) nodes keep their place. Pure; the worker
// runs ELK itself.
import type { ViewGraph } from './types.js';

export const NODE_SIZE = 48;
export const BOX_PADDING = { top: 36, side: 20, bottom: 22 };
/** Wide enough for the box's label. */
export const BOX_MIN_WIDTH = 120;

export interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
}
export type Positions = Map<string, Placed>;

export interface ElkNode {
  id: string;
  width?: number;
  height?: number;
  x?: number;
  y?: number;
  children?: ElkNode[];
  edges?: { id: string; sources: string[]; targets: string[] }[];
  layoutOptions?: Record<string, string>;
}

export const ROOT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.spacing.nodeNode': '56',
  'elk.layered.spacing.nodeNodeBetweenLayers': '120',
  'elk.spacing.componentComponent': '80',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.edgeRouting': 'POLYLINE',
  'elk.padding': '[top=40,left=40,bottom=40,right=40]',
};

/** Previous order first (by old y, then x), new nodes after, by id: stable model order. */
function byOldPosition(ids: string[], prev: Positions): string[] {
  return [...ids].sort((a, b) => {
    const pa = prev.get(a);
    const pb = prev.get(b);
    if (pa && pb) return pa.y - pb.y || pa.x - pb.x;
    if (pa || pb) return pa ? -1 : 1;
    return a.localeCompare(b);
  });
}

/** Large graphs trade NETWORK_SIMPLEX's straighter rows for Brandes-Köpf's speed (about 3× faster). */
export function rootOptions(nodeCount: number): Record<string, string> {
  return nodeCount > 120 ? { ...ROOT_OPTIONS, 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF' } : ROOT_OPTIONS;
}

/**
 * An instant first layout for a large graph without boxes while ELK works: columns by
 * longest path from the roots, rows in id order. Replaced by ELK's result when it lands.
 */
export function quickLayout(view: Pick<ViewGraph, 'nodes' | 'edges'>): Positions {
  const depth = new Map(view.nodes.map((n) => [n.id, 0]));
  for (let pass = 0; pass < 50; pass++) {
    let changed = false;
    for (const e of view.edges) {
      const d = (depth.get(e.source) ?? 0) + 1;
      if (e.source !== e.target && depth.has(e.target) && d > (depth.get(e.target) ?? 0) && d < view.nodes.length) {
        depth.set(e.target, d);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows = new Map<number, number>();
  const out: Positions = new Map();
  for (const n of view.nodes) {
    const col = depth.get(n.id) ?? 0;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    out.set(n.id, { x: 40 + col * 170, y: 40 + row * 104, width: NODE_SIZE, height: NODE_SIZE });
  }
  return out;
}

export function toElk(view: Pick<ViewGraph, 'nodes' | 'boxes' | 'edges'>, prev: Positions): ElkNode {
  const leaf = (id: string): ElkNode => ({ id, width: NODE_SIZE, height: NODE_SIZE });
  const inBox = new Set(view.boxes.flatMap((b) => b.members));
  const boxes: ElkNode[] = view.boxes.map((b) => ({
    id: b.id,
    layoutOptions: { 'elk.padding': `[top=${BOX_PADDING.top},left=${BOX_PADDING.side},bottom=${BOX_PADDING.bottom},right=${BOX_PADDING.side}]`, 'elk.spacing.nodeNode': '48' },
    children: byOldPosition(b.members, prev).map(leaf),
  }));
  const loose = view.nodes.filter((n) => !inBox.has(n.id)).map((n) => n.id);
  const top = new Map<string, ElkNode>([...boxes.map((b) => [b.id, b] as const), ...loose.map((id) => [id, leaf(id)] as const)]);
  const known = new Set(view.nodes.map((n) => n.id));
  return {
    id: 'root',
    layoutOptions: rootOptions(view.nodes.length),
    children: byOldPosition([...top.keys()], prev).map((id) => top.get(id) as ElkNode),
    edges: view.edges.filter((e) => known.has(e.source) && known.has(e.target)).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}

/** ELK's result as positions: top-level absolute, box members relative to their box. */
export function fromElk(root: ElkNode): Positions {
  const out: Positions = new Map();
  const visit = (n: ElkNode) => {
    for (const c of n.children ?? []) {
      const width = c.width ?? NODE_SIZE;
      // A box narrower than its label grows around its centre, its members moving with it.
      const grow = c.children?.length ? Math.max(0, BOX_MIN_WIDTH - width) : 0;
      out.set(c.id, { x: (c.x ?? 0) - grow / 2, y: c.y ?? 0, width: width + grow, height: c.height ?? NODE_SIZE });
      visit(grow ? { ...c, children: c.children?.map((k) => ({ ...k, x: (k.x ?? 0) + grow / 2 })) } : c);
    }
  };
  visit(root);
  return out;
}

/**
 * Shifts a new layout so the top-level items that existed before move as little as
 * possible (mean displacement removed), then puts pinned items back where the user left them.
 */
export function anchor(next: Positions, prev: Positions, topLevel: ReadonlySet<string>, pinned: ReadonlySet<string> = new Set()): Positions {
  let dx = 0;
  let dy = 0;
  let n = 0;
  for (const id of topLevel) {
    const a = next.get(id);
    const b = prev.get(id);
    if (!a || !b) continue;
    dx += b.x - a.x;
    dy += b.y - a.y;
    n++;
  }
  if (n === 0 && pinned.size === 0) return next;
  const shift = n ? { x: dx / n, y: dy / n } : { x: 0, y: 0 };
  const out: Positions = new Map();
  for (const [id, p] of next) {
    const pin = pinned.has(id) ? prev.get(id) : undefined;
    out.set(id, pin ? { ...p, x: pin.x, y: pin.y } : topLevel.has(id) ? { ...p, x: p.x + shift.x, y: p.y + shift.y } : p);
  }
  return out;
}
