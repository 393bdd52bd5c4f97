// Edges of a large graph in one canvas under the nodes (the benchmark's 1000 nodes cost
// ~8 DOM elements per SVG edge; here a few strokes): lines, arrowheads, labels, find halos
// and selection painted by edge-paint.ts, redrawn at most once a frame when the edges, the
// flags or React Flow's store (pan, zoom, drag, measuring) change. The drawn geometry goes
// to `hits`, so clicks and hovers on the pane can find the edge under the pointer.
import { useStoreApi } from '@xyflow/react';
import { type RefObject, useEffect, useRef } from 'react';
import { type HitEdge, LABEL } from '../model/edge-hit.js';
import { edgeLabel } from '../model/format.js';
import type { EdgeLabelMode, ViewEdge } from '../model/types.js';
import { type Curve, edgeCurve } from '../model/geometry.js';
import { anchor } from './anchors.js';
import { type PaintEdge, type Palette, paintBoxes, paintLabels, paintLines, readPalette } from './edge-paint.js';
import { edgeTone } from './TrafficEdge.js';
import { fitCanvas } from './canvas-size.js';

export interface EdgeCanvasProps {
  edges: readonly ViewEdge[];
  mode: EdgeLabelMode;
  found: ReadonlySet<string>;
  lit: ReadonlySet<string>;
  selected?: string;
  hits: RefObject<HitEdge[]>;
}

interface Cached {
  s: object;
  t: object;
  curve: Curve;
  /** The curve's bounding box (its control points'), for culling. */
  box: [number, number, number, number];
  edge?: ViewEdge;
  mode?: EdgeLabelMode;
  tone?: string;
  lines?: string[];
}

/** Below this on-screen text size labels are unreadable specks: they are left out (zoom in to read them). */
const MIN_LABEL_PX = 4;

export function EdgeCanvas(props: EdgeCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();
  const latest = useRef(props);
  latest.current = props;
  const redraw = useRef<() => void>(() => undefined);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    let palette: Palette = readPalette(el, ctx);
    const widths = new Map<string, number>();
    const widthOf = (text: string) => {
      let w = widths.get(text);
      if (w === undefined) {
        w = ctx.measureText(text).width;
        widths.set(text, w);
      }
      return w;
    };
    let frame = 0;
    const cache = new Map<string, Cached>();
    const draw = () => {
      if (cache.size > latest.current.edges.length * 2) cache.clear();
      frame = 0;
      const { edges, mode, found, lit, selected, hits } = latest.current;
      const { nodeLookup, transform } = store.getState();
      const [tx, ty, zoom] = transform;
      const { dpr, width: w, height: h } = fitCanvas(el);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, el.width, el.height);
      ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * tx, dpr * ty);
      // The viewport in flow coordinates, with a margin for arrowheads and labels.
      const m = 40 / zoom;
      const [x0, y0, x1, y1] = [-tx / zoom - m, -ty / zoom - m, (w - tx) / zoom + m, (h - ty) / zoom + m];
      const drawn: PaintEdge[] = [];
      for (const e of edges) {
        const s = nodeLookup.get(e.source);
        const t = nodeLookup.get(e.target);
        // Nodes out of view are never rendered nor measured (onlyRenderVisibleElements): their
        // given size places the end, so an edge to one is drawn as an SVG edge would be.
        if (!s || !t) continue;
        // Geometry is kept until a node moves (React Flow replaces its internals), label lines until the edge or mode changes.
        let c = cache.get(e.id);
        if (!c || c.s !== s.internals || c.t !== t.internals) {
          const curve = edgeCurve(anchor(s, 'source'), anchor(t, 'target'));
          const { p0, p1, p2, p3 } = curve;
          c = { s: s.internals, t: t.internals, curve, box: [Math.min(p0.x, p1.x, p2.x, p3.x), Math.min(p0.y, p3.y), Math.max(p0.x, p1.x, p2.x, p3.x), Math.max(p0.y, p3.y)] };
          cache.set(e.id, c);
        }
        if (c.edge !== e || c.mode !== mode) Object.assign(c, { edge: e, mode, tone: edgeTone(e), lines: edgeLabel(e, mode) });
        const [bx0, by0, bx1, by1] = c.box;
        if (bx1 < x0 || bx0 > x1 || by1 < y0 || by0 > y1) continue;
        const dim = lit.size > 0 && !(lit.has(e.source) && lit.has(e.target));
        drawn.push({ id: e.id, curve: c.curve, tone: c.tone ?? 'idle', lines: c.lines ?? [], found: found.has(e.id), dim, selected: selected === e.id });
      }
      const boxes = [];
      for (const n of nodeLookup.values()) {
        if (n.type !== 'box') continue;
        const { x, y } = n.internals.positionAbsolute;
        boxes.push({ x, y, width: n.measured.width ?? n.width ?? 0, height: n.measured.height ?? n.height ?? 0, dim: Boolean(n.data.dim) });
      }
      paintBoxes(ctx, boxes, palette);
      paintLines(ctx, drawn, palette);
      const labelled = LABEL.font * zoom >= MIN_LABEL_PX ? drawn : [];
      const labels = paintLabels(ctx, labelled, palette, widthOf);
      hits.current = drawn.map((e) => {
        const label = labels.get(e.id);
        return label ? { id: e.id, curve: e.curve, label } : { id: e.id, curve: e.curve };
      });
      el.dataset.drawn = String(drawn.length);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    redraw.current = schedule;
    const unsubscribe = store.subscribe(schedule);
    const resize = new ResizeObserver(schedule);
    resize.observe(el);
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => {
      palette = readPalette(el, ctx);
      schedule();
    };
    scheme.addEventListener('change', onScheme);
    schedule();
    return () => {
      cancelAnimationFrame(frame);
      unsubscribe();
      resize.disconnect();
      scheme.removeEventListener('change', onScheme);
    };
  }, [store]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the props are read from `latest` when drawing; these are what changes the picture
  useEffect(() => redraw.current(), [props.edges, props.mode, props.found, props.lit, props.selected]);

  return <canvas ref={canvas} className="edge-canvas" data-testid="edge-canvas" aria-hidden="true" tabIndex={-1} />;
}
