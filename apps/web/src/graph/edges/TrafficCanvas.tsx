// Traffic animation in one canvas over the graph (DESIGN.md "Dashboard"): a single
// requestAnimationFrame loop, outside React state, reads node positions and the viewport
// from React Flow's store each frame and stamps every edge's dots (model/animation.ts) as
// pre-drawn sprites. Off-screen edges are skipped, a zoomed-out mesh is thinned to a budget
// of dots; hidden tabs pause on their own.
import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { type DotParams, densityScale, type Dot, dotParams, dotsAt, keepShare } from '../model/animation.js';
import { type Curve, curveLength, edgeCurve, pointAt } from '../model/geometry.js';
import { anchor } from './anchors.js';
import { edgeLabel } from '../model/format.js';
import type { EdgeLabelMode, ViewEdge } from '../model/types.js';
import { edgeTone } from './TrafficEdge.js';
import { fitCanvas } from './canvas-size.js';

type Colours = Record<'fill' | 'ok' | 'warn' | 'bad' | 'mirror' | 'idle', string>;

/** A dot as the animation draws it: a ring in the edge's tone (faint when dimmed), or a red diamond for an error. */
function drawDot(tone: string, r: number, dpr: number, palette: Colours): ImageBitmap {
  const extent = r * 1.3 + 1.6;
  const side = Math.ceil(2 * extent * dpr);
  const sprite = new OffscreenCanvas(side, side);
  const ctx = sprite.getContext('2d');
  if (!ctx) return sprite.transferToImageBitmap();
  const c = sprite.width / dpr / 2;
  ctx.scale(dpr, dpr);
  ctx.beginPath();
  if (tone === 'error') {
    ctx.moveTo(c, c - r * 1.3);
    ctx.lineTo(c + r * 1.3, c);
    ctx.lineTo(c, c + r * 1.3);
    ctx.lineTo(c - r * 1.3, c);
    ctx.closePath();
  } else ctx.arc(c, c, r, 0, Math.PI * 2);
  const colour = tone === 'error' ? palette.bad : tone === 'dim' ? palette.idle : palette[tone as keyof Colours];
  ctx.globalAlpha = tone === 'dim' ? 0.25 : 1;
  ctx.fillStyle = tone === 'error' ? colour : palette.fill;
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.6;
  ctx.fill();
  ctx.stroke();
  // An ImageBitmap: stamping from a canvas element copies its pixels on every drawImage.
  return sprite.transferToImageBitmap();
}

/** Half the width of an edge label, in screen pixels: dots pause there so labels stay readable. */
const LABEL_HALF = 22;

export function TrafficCanvas({ edges, mode, running, lit }: { edges: readonly ViewEdge[]; mode: EdgeLabelMode; running: boolean; lit: ReadonlySet<string> }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();
  const edgesRef = useRef(edges);
  edgesRef.current = edges;
  const litRef = useRef(lit);
  litRef.current = lit;
  const labelled = useRef(new Set<string>());
  useEffect(() => {
    labelled.current = new Set(edges.filter((e) => edgeLabel(e, mode).length > 0).map((e) => e.id));
  }, [edges, mode]);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx || !running) {
      if (el && ctx) ctx.clearRect(0, 0, el.width, el.height);
      return;
    }
    let frame = 0;
    const dots: Dot[] = [];
    const geometry = new Map<string, { edge: ViewEdge; s: object; t: object; zoom: number; scale: number; curve: Curve; lengthPx: number; params: DotParams }>();
    const colours = (): Colours => {
      const css = getComputedStyle(el);
      return { fill: css.getPropertyValue('--node-fill'), ok: css.getPropertyValue('--ok'), warn: css.getPropertyValue('--warn'), bad: css.getPropertyValue('--bad'), mirror: css.getPropertyValue('--mirror'), idle: css.getPropertyValue('--idle') };
    };
    let palette = colours();
    // One pre-drawn dot per tone and size, stamped with drawImage: thousands of anti-aliased
    // arcs per frame cost a software-rendered canvas (headless, no GPU) tens of milliseconds.
    let sprites = new Map<string, ImageBitmap>();
    const spriteOf = (tone: string, r: number, dpr: number) => {
      const key = `${tone}|${r}|${dpr}`;
      const hit = sprites.get(key);
      if (hit) return hit;
      const sprite = drawDot(tone, r, dpr, palette);
      sprites.set(key, sprite);
      return sprite;
    };
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => {
      palette = colours();
      sprites = new Map();
    };
    scheme.addEventListener('change', onScheme);

    const draw = (ms: number) => {
      frame = requestAnimationFrame(draw);
      const { dpr, width: w, height: h } = fitCanvas(el);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, w, h);
      const { nodeLookup, transform } = store.getState();
      const [tx, ty, zoom] = transform;
      const list = edgesRef.current;
      if (geometry.size > list.length * 2) geometry.clear();
      const scale = densityScale(list.reduce((m, e) => Math.max(m, e.rps), 0));
      const r = Math.round(Math.max(2, Math.min(4, 3.6 * zoom)) * 4) / 4;
      const buckets: Record<string, number[]> = { ok: [], warn: [], bad: [], mirror: [], idle: [], error: [], dim: [] };
      const focus = litRef.current;
      const now = ms / 1000;
      let total = 0;
      for (const e of list) {
        if (e.rps <= 0) continue;
        const s = nodeLookup.get(e.source);
        const t = nodeLookup.get(e.target);
        if (!s || !t) continue;
        // Curve, length and pace change only with the edge, its nodes' places or the zoom: not per frame.
        let g = geometry.get(e.id);
        if (!g || g.edge !== e || g.s !== s.internals || g.t !== t.internals || g.zoom !== zoom || g.scale !== scale) {
          const c = edgeCurve(anchor(s, 'source'), anchor(t, 'target'));
          const length = curveLength(c) * zoom;
          g = { edge: e, s: s.internals, t: t.internals, zoom, scale, curve: c, lengthPx: length, params: dotParams(e.id, e.rps, e.p95, e.errorPercent, length, scale) };
          geometry.set(e.id, g);
        }
        const { curve, lengthPx, params } = g;
        const x0 = Math.min(curve.p0.x, curve.p3.x) * zoom + tx;
        const x1 = Math.max(curve.p0.x, curve.p3.x) * zoom + tx;
        const y0 = Math.min(curve.p0.y, curve.p3.y) * zoom + ty;
        const y1 = Math.max(curve.p0.y, curve.p3.y) * zoom + ty;
        if (x1 < -20 || x0 > w + 20 || y1 < -20 || y0 > h + 20) continue;
        const dimmed = focus.size > 0 && !(focus.has(e.source) && focus.has(e.target));
        const tone = buckets[dimmed ? 'dim' : edgeTone(e)] as number[];
        const gap = labelled.current.has(e.id) ? LABEL_HALF / Math.max(lengthPx, 1) : 0;
        for (const d of dotsAt(params, now, dots)) {
          if (Math.abs(d.at - 0.5) < gap) continue;
          const p = pointAt(curve, d.at);
          (d.error && !dimmed ? (buckets.error as number[]) : tone).push(p.x * zoom + tx, p.y * zoom + ty, d.ticket);
          total++;
        }
      }
      const keep = keepShare(total);
      // Stamped 1:1 on whole device pixels: the cheapest drawImage there is.
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      for (const [tone, pts] of Object.entries(buckets)) {
        if (pts.length === 0) continue;
        const sprite = spriteOf(tone, r, dpr);
        const off = sprite.width / 2;
        for (let i = 0; i < pts.length; i += 3) {
          if ((pts[i + 2] as number) < keep) ctx.drawImage(sprite, Math.round((pts[i] as number) * dpr - off), Math.round((pts[i + 1] as number) * dpr - off));
        }
      }
    };
    frame = requestAnimationFrame(draw);
    return () => {
      cancelAnimationFrame(frame);
      scheme.removeEventListener('change', onScheme);
    };
  }, [running, store]);

  return <canvas ref={canvas} className="traffic-canvas" aria-hidden="true" tabIndex={-1} />;
}
