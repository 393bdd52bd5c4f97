// Hit-testing for edges drawn on a canvas (large graphs): which edge is under a point, in
// flow coordinates, with the same reach as the SVG edges' 14 px invisible stroke, and the
// label boxes counted as part of their edge. Pure.
import { type Curve, pointAt } from './geometry.js';

export interface HitEdge {
  id: string;
  curve: Curve;
  /** The label's box (flow coordinates), when one is drawn. */
  label?: { x: number; y: number; width: number; height: number };
}

/** An edge label as .edge-label draws it: 10.5 px text at 1.3 line height, 5 px by 1 px padding, 1 px border. */
export const LABEL = { font: 10.5, lineHeight: 13.65, padX: 5, padY: 1, border: 1, radius: 5 };

/** The box of a label centred on `mid`, from its lines' text widths. */
export function labelBox(mid: { x: number; y: number }, widths: readonly number[]): { x: number; y: number; width: number; height: number } {
  const width = Math.ceil(Math.max(0, ...widths)) + 2 * (LABEL.padX + LABEL.border);
  const height = widths.length * LABEL.lineHeight + 2 * (LABEL.padY + LABEL.border);
  return { x: mid.x - width / 2, y: mid.y - height / 2, width, height };
}

/** Chords per curve: the flattened curve strays under half a pixel from the true one at the graph's scales. */
const STEPS = 16;

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Distance from a point to a curve (to its 16-chord polyline). */
export function curveDistance(c: Curve, x: number, y: number): number {
  let best = Number.POSITIVE_INFINITY;
  let prev = c.p0;
  for (let i = 1; i <= STEPS; i++) {
    const p = pointAt(c, i / STEPS);
    best = Math.min(best, segmentDistance(x, y, prev.x, prev.y, p.x, p.y));
    prev = p;
  }
  return best;
}

/** The curve lies inside its control points' hull: a point far from the hull's box needs no chords. */
function nearHull(c: Curve, x: number, y: number, reach: number): boolean {
  const xs = [c.p0.x, c.p1.x, c.p2.x, c.p3.x];
  const ys = [c.p0.y, c.p1.y, c.p2.y, c.p3.y];
  return x >= Math.min(...xs) - reach && x <= Math.max(...xs) + reach && y >= Math.min(...ys) - reach && y <= Math.max(...ys) + reach;
}

/**
 * The edge under (x, y): a label box containing the point wins (labels sit on top), else the
 * nearest line within `reach` (flow units); undefined when none. Later edges win ties, as
 * later SVG elements are on top.
 */
export function edgeAt(edges: readonly HitEdge[], x: number, y: number, reach: number): string | undefined {
  for (let i = edges.length - 1; i >= 0; i--) {
    const l = (edges[i] as HitEdge).label;
    if (l && x >= l.x && x <= l.x + l.width && y >= l.y && y <= l.y + l.height) return (edges[i] as HitEdge).id;
  }
  let found: string | undefined;
  let best = reach;
  for (const e of edges) {
    if (!nearHull(e.curve, x, y, reach)) continue;
    const d = curveDistance(e.curve, x, y);
    if (d <= best) {
      best = d;
      found = e.id;
    }
  }
  return found;
}
