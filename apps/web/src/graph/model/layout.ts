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

/**
 * Large graphs (over 120 nodes) trade quality for time, measured on the benchmark's mesh
 * (Node, warm; 200 / 1000 nodes): Brandes-Köpf placement instead of NETWORK_SIMPLEX
 * (about 3× faster), crossing minimisation at thoroughness 1 instead of 7 (490 → 230 ms,
 * 2.6 → 1.2 s), and no model order on a first layout, where the order is only ids
 * (230 → 180 ms, 1.2 → 0.8 s). A relayout keeps model order: it is what keeps nodes in place.
 */
export function rootOptions(nodeCount: number, seeded = true): Record<string, string> {
  if (nodeCount <= 120) return ROOT_OPTIONS;
  return {
    ...ROOT_OPTIONS,
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.thoroughness': '1',
    ...(seeded ? {} : { 'elk.layered.considerModelOrder.strategy': 'NONE' }),
  };
}

/**
 * An instant first layout for a large graph without boxes while ELK works: columns by
 * longest path from the roots, rows ordered by the mean row of each node's callers (one
 * barycentre sweep: most crossings gone at no cost), and columns taller than the graph is
 * wide wrapped into several, so the whole graph fits the screen at once (React Flow only
 * draws nodes in view). Replaced by ELK's result when it lands.
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
  const columns: string[][] = [];
  for (const n of view.nodes) {
    const d = depth.get(n.id) ?? 0;
    const column = columns[d];
    if (column) column.push(n.id);
    else columns[d] = [n.id];
  }
  const callers = new Map<string, string[]>();
  for (const e of view.edges) {
    if (e.source === e.target) continue;
    const list = callers.get(e.target);
    if (list) list.push(e.source);
    else callers.set(e.target, [e.source]);
  }
  const row = new Map<string, number>();
  const maxRows = Math.max(12, Math.ceil(Math.sqrt(view.nodes.length * 1.5)));
  const out: Positions = new Map();
  let x = 40;
  for (const column of columns) {
    if (!column) continue;
    const mean = (id: string) => {
      const rows = (callers.get(id) ?? []).map((c) => row.get(c)).filter((r) => r !== undefined);
      return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : Number.POSITIVE_INFINITY;
    };
    const ordered = column.map((id) => [id, mean(id)] as const).sort((a, b) => a[1] - b[1]);
    // A wrapped column keeps its order top to bottom, then the next sub-column; rows are
    // stretched to the same height as a single column would use.
    const wraps = Math.ceil(ordered.length / maxRows);
    const rows = Math.ceil(ordered.length / wraps);
    ordered.forEach(([id], i) => {
      const r = i % rows;
      row.set(id, (r * maxRows) / rows);
      out.set(id, { x: x + Math.floor(i / rows) * 110, y: 40 + ((r * maxRows) / rows) * 104, width: NODE_SIZE, height: NODE_SIZE });
    });
    x += (wraps - 1) * 110 + 170;
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
    layoutOptions: rootOptions(view.nodes.length, prev.size > 0),
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
