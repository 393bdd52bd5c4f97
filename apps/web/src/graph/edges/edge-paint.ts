// Painting edges on a canvas as the SVG edges and .edge-label draw them (graph.css "Edges"):
// the curve coloured by tone, 2 px (3 px accent when selected), dashed when mirrored, the
// arrowhead of EdgeMarkers (a 10-unit marker at 0.7 × stroke width), a find halo under it,
// the label box on top, everything dimmed to 18 % off the hovered path. Lines of one style
// go into one path, so a thousand edges cost a handful of strokes.
import { type Curve, pointAt } from '../model/geometry.js';
import { LABEL, labelBox } from '../model/edge-hit.js';

export interface PaintEdge {
  id: string;
  curve: Curve;
  tone: string;
  lines: string[];
  found: boolean;
  dim: boolean;
  selected: boolean;
}

export type Palette = Record<'ok' | 'warn' | 'bad' | 'idle' | 'mirror' | 'accent' | 'find' | 'surface' | 'surface2' | 'border' | 'text' | 'badBorder' | 'font', string>;

/** `#rrggbb` mixed with another at `pct` % of the first, as CSS color-mix(in srgb) does. */
export function mixHex(a: string, b: string, pct: number): string {
  const parse = (h: string) => [1, 3, 5].map((i) => Number.parseInt(h.slice(i, i + 2), 16));
  if (!/^#[0-9a-f]{6}$/i.test(a) || !/^#[0-9a-f]{6}$/i.test(b)) return a;
  const [x, y] = [parse(a), parse(b)];
  return `#${x.map((v, i) => Math.round((v * pct + (y[i] as number) * (100 - pct)) / 100).toString(16).padStart(2, '0')).join('')}`;
}

/** The theme's colours, normalised by the canvas (so `var()` values become `#rrggbb`). */
export function readPalette(el: HTMLElement, ctx: CanvasRenderingContext2D): Palette {
  const css = getComputedStyle(el);
  const colour = (name: string) => {
    ctx.fillStyle = '#000000';
    ctx.fillStyle = css.getPropertyValue(name).trim() || '#000000';
    return String(ctx.fillStyle);
  };
  const p = { ok: colour('--ok'), warn: colour('--warn'), bad: colour('--bad'), idle: colour('--idle'), mirror: colour('--mirror'), accent: colour('--accent'), find: colour('--find'), surface: colour('--surface'), surface2: colour('--surface-2'), border: colour('--border'), text: colour('--text') };
  return { ...p, badBorder: mixHex(p.bad, p.border, 45), font: `600 ${LABEL.font}px ${css.fontFamily}` };
}

const toneColour = (p: Palette, tone: string) => (tone === 'ok' || tone === 'warn' || tone === 'bad' || tone === 'mirror' ? p[tone] : p.idle);

function arrow(ctx: CanvasRenderingContext2D, c: Curve, width: number) {
  // The marker's tip (9, 5) sits on the end point, its back corners at (0, 1) and (0, 9).
  const dx = c.p3.x - c.p2.x;
  const dy = c.p3.y - c.p2.y;
  const len = Math.hypot(dx, dy) || 1;
  const [ux, uy] = [dx / len, dy / len];
  const s = 0.7 * width;
  const bx = c.p3.x - ux * 9 * s;
  const by = c.p3.y - uy * 9 * s;
  ctx.moveTo(c.p3.x, c.p3.y);
  ctx.lineTo(bx - uy * 4 * s, by + ux * 4 * s);
  ctx.lineTo(bx + uy * 4 * s, by - ux * 4 * s);
  ctx.closePath();
}

function strokeGroup(ctx: CanvasRenderingContext2D, group: readonly PaintEdge[], colour: string, width: number, dashed: boolean) {
  ctx.beginPath();
  for (const e of group) {
    const c = e.curve;
    ctx.moveTo(c.p0.x, c.p0.y);
    ctx.bezierCurveTo(c.p1.x, c.p1.y, c.p2.x, c.p2.y, c.p3.x, c.p3.y);
  }
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.setLineDash(dashed ? [6, 4] : []);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.beginPath();
  for (const e of group) arrow(ctx, e.curve, width);
  ctx.fillStyle = colour;
  ctx.fill();
}

/**
 * App boxes' fill (.app-box: surface-2 at 55 %), under the lines as with SVG edges: the
 * box elements above the canvas then draw only their border and label.
 */
export function paintBoxes(ctx: CanvasRenderingContext2D, boxes: readonly { x: number; y: number; width: number; height: number; dim: boolean }[], p: Palette) {
  ctx.fillStyle = p.surface2;
  for (const b of boxes) {
    ctx.globalAlpha = b.dim ? 0.55 * 0.18 : 0.55;
    ctx.beginPath();
    ctx.roundRect(b.x, b.y, b.width, b.height, 12);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}

/** Lines, arrowheads and find halos, in flow coordinates (the caller sets the transform). */
export function paintLines(ctx: CanvasRenderingContext2D, edges: readonly PaintEdge[], p: Palette) {
  const found = edges.filter((e) => e.found);
  if (found.length) {
    ctx.beginPath();
    for (const { curve: c } of found) {
      ctx.moveTo(c.p0.x, c.p0.y);
      ctx.bezierCurveTo(c.p1.x, c.p1.y, c.p2.x, c.p2.y, c.p3.x, c.p3.y);
    }
    Object.assign(ctx, { globalAlpha: 0.4, strokeStyle: p.find, lineWidth: 10, lineCap: 'round' });
    ctx.stroke();
    Object.assign(ctx, { globalAlpha: 1, lineCap: 'butt' });
  }
  const groups = new Map<string, PaintEdge[]>();
  for (const e of edges) {
    const key = `${e.dim ? 'd' : ''}${e.selected ? 'selected' : e.tone}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  // Dimmed lines first, the selected edge last: what matters is drawn on top.
  const order = [...groups.keys()].sort((a, b) => Number(b.startsWith('d')) - Number(a.startsWith('d')) || Number(a.endsWith('selected')) - Number(b.endsWith('selected')));
  for (const key of order) {
    const group = groups.get(key) as PaintEdge[];
    const first = group[0] as PaintEdge;
    ctx.globalAlpha = first.dim ? 0.18 : 1;
    strokeGroup(ctx, group, first.selected ? p.accent : toneColour(p, first.tone), first.selected ? 3 : 2, first.tone === 'mirror' && !first.selected);
  }
  ctx.globalAlpha = 1;
}

/** Label boxes and text on top of the lines; returns each drawn label's box, for hit-testing. */
export function paintLabels(ctx: CanvasRenderingContext2D, edges: readonly PaintEdge[], p: Palette, widthOf: (text: string) => number): Map<string, ReturnType<typeof labelBox>> {
  const boxes = new Map<string, ReturnType<typeof labelBox>>();
  ctx.font = p.font;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = LABEL.border;
  for (const e of edges) {
    if (e.lines.length === 0) continue;
    const mid = pointAt(e.curve, 0.5);
    const box = labelBox(mid, e.lines.map(widthOf));
    boxes.set(e.id, box);
    ctx.globalAlpha = e.dim ? 0.18 : 1;
    ctx.beginPath();
    ctx.roundRect(box.x + 0.5, box.y + 0.5, box.width - 1, box.height - 1, LABEL.radius);
    ctx.fillStyle = p.surface;
    ctx.fill();
    ctx.strokeStyle = e.selected ? p.accent : e.tone === 'bad' ? p.badBorder : p.border;
    ctx.stroke();
    ctx.fillStyle = e.tone === 'bad' || e.tone === 'warn' || e.tone === 'mirror' ? p[e.tone] : p.text;
    const top = box.y + LABEL.border + LABEL.padY;
    for (const [i, line] of e.lines.entries()) ctx.fillText(line, mid.x, top + (i + 0.5) * LABEL.lineHeight);
  }
  ctx.globalAlpha = 1;
  return boxes;
}
