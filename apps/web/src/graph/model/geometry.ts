// Edge geometry shared by the SVG edges and the animation canvas, so dots run exactly on
// the drawn line: a cubic Bézier leaving the source's right side and entering the
// target's left (left-to-right layout), straight when the ends are level. Pure.

export interface Point {
  x: number;
  y: number;
}
export interface Curve {
  p0: Point;
  p1: Point;
  p2: Point;
  p3: Point;
}

/** The curve from a source anchor to a target anchor. */
export function edgeCurve(s: Point, t: Point): Curve {
  const dx = Math.max(24, Math.abs(t.x - s.x) * 0.45);
  // A backward edge (target left of source) loops out and back in.
  const back = t.x < s.x ? 1.4 : 1;
  return { p0: s, p1: { x: s.x + dx * back, y: s.y }, p2: { x: t.x - dx * back, y: t.y }, p3: t };
}

export function pointAt(c: Curve, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const d = 3 * u * t * t;
  const e = t * t * t;
  return { x: a * c.p0.x + b * c.p1.x + d * c.p2.x + e * c.p3.x, y: a * c.p0.y + b * c.p1.y + d * c.p2.y + e * c.p3.y };
}

export const svgPath = (c: Curve) => `M${c.p0.x},${c.p0.y} C${c.p1.x},${c.p1.y} ${c.p2.x},${c.p2.y} ${c.p3.x},${c.p3.y}`;

/** Approximate length (8 chords): enough to pace dots. */
export function curveLength(c: Curve): number {
  let len = 0;
  let prev = c.p0;
  for (let i = 1; i <= 8; i++) {
    const p = pointAt(c, i / 8);
    len += Math.hypot(p.x - prev.x, p.y - prev.y);
    prev = p;
  }
  return len;
}
