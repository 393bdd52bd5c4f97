// Traffic animation in one canvas over the graph (DESIGN.md "Dashboard"): a single
// requestAnimationFrame loop, outside React state, reads node positions and the viewport
// from React Flow's store each frame and draws every edge's dots (model/animation.ts) in a
// few batched paths. Off-screen edges are skipped; hidden tabs pause on their own.
import { type InternalNode, useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { densityScale, type Dot, dotParams, dotsAt } from '../model/animation.js';
import { curveLength, edgeCurve, type Point, pointAt } from '../model/geometry.js';
import { edgeLabel } from '../model/format.js';
import type { EdgeLabelMode, ViewEdge } from '../model/types.js';
import { edgeTone } from './TrafficEdge.js';

function anchor(node: InternalNode, side: 'source' | 'target'): Point {
  const h = node.internals.handleBounds?.[side]?.[0];
  const { x, y } = node.internals.positionAbsolute;
  if (!h) {
    const w = node.measured.width ?? 48;
    const ht = node.measured.height ?? 48;
    return side === 'source' ? { x: x + w, y: y + ht / 2 } : { x, y: y + ht / 2 };
  }
  return side === 'source' ? { x: x + h.x + h.width, y: y + h.y + h.height / 2 } : { x: x + h.x, y: y + h.y + h.height / 2 };
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
    const colours = () => {
      const css = getComputedStyle(el);
      return { fill: css.getPropertyValue('--node-fill'), ok: css.getPropertyValue('--ok'), warn: css.getPropertyValue('--warn'), bad: css.getPropertyValue('--bad'), mirror: css.getPropertyValue('--mirror'), idle: css.getPropertyValue('--idle') };
    };
    let palette = colours();
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => (palette = colours());
    scheme.addEventListener('change', onScheme);

    const draw = (ms: number) => {
      frame = requestAnimationFrame(draw);
      const dpr = devicePixelRatio || 1;
      const w = el.clientWidth;
      const h = el.clientHeight;
      if (el.width !== Math.round(w * dpr) || el.height !== Math.round(h * dpr)) {
        el.width = Math.round(w * dpr);
        el.height = Math.round(h * dpr);
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, w, h);
      const { nodeLookup, transform } = store.getState();
      const [tx, ty, zoom] = transform;
      const list = edgesRef.current;
      const scale = densityScale(list.reduce((m, e) => Math.max(m, e.rps), 0));
      const r = Math.max(2, Math.min(4, 3.6 * zoom));
      const buckets: Record<string, number[]> = { ok: [], warn: [], bad: [], mirror: [], idle: [], error: [], dim: [] };
      const focus = litRef.current;
      const now = ms / 1000;
      for (const e of list) {
        if (e.rps <= 0) continue;
        const s = nodeLookup.get(e.source);
        const t = nodeLookup.get(e.target);
        if (!s || !t) continue;
        const curve = edgeCurve(anchor(s, 'source'), anchor(t, 'target'));
        const x0 = Math.min(curve.p0.x, curve.p3.x) * zoom + tx;
        const x1 = Math.max(curve.p0.x, curve.p3.x) * zoom + tx;
        const y0 = Math.min(curve.p0.y, curve.p3.y) * zoom + ty;
        const y1 = Math.max(curve.p0.y, curve.p3.y) * zoom + ty;
        if (x1 < -20 || x0 > w + 20 || y1 < -20 || y0 > h + 20) continue;
        const lengthPx = curveLength(curve) * zoom;
        const params = dotParams(e.id, e.rps, e.p95, e.errorPercent, lengthPx, scale);
        const dimmed = focus.size > 0 && !(focus.has(e.source) && focus.has(e.target));
        const tone = buckets[dimmed ? 'dim' : edgeTone(e)] as number[];
        const gap = labelled.current.has(e.id) ? LABEL_HALF / Math.max(lengthPx, 1) : 0;
        for (const d of dotsAt(params, now, dots)) {
          if (Math.abs(d.at - 0.5) < gap) continue;
          const p = pointAt(curve, d.at);
          (d.error && !dimmed ? (buckets.error as number[]) : tone).push(p.x * zoom + tx, p.y * zoom + ty);
        }
      }
      for (const [tone, pts] of Object.entries(buckets)) {
        if (pts.length === 0) continue;
        ctx.beginPath();
        for (let i = 0; i < pts.length; i += 2) {
          const x = pts[i] as number;
          const y = pts[i + 1] as number;
          if (tone === 'error') {
            ctx.moveTo(x, y - r * 1.3);
            ctx.lineTo(x + r * 1.3, y);
            ctx.lineTo(x, y + r * 1.3);
            ctx.lineTo(x - r * 1.3, y);
            ctx.closePath();
          } else {
            ctx.moveTo(x + r, y);
            ctx.arc(x, y, r, 0, Math.PI * 2);
          }
        }
        const colour = tone === 'error' ? palette.bad : tone === 'dim' ? palette.idle : palette[tone as keyof typeof palette];
        ctx.globalAlpha = tone === 'dim' ? 0.25 : 1;
        ctx.fillStyle = tone === 'error' ? colour : palette.fill;
        ctx.strokeStyle = colour;
        ctx.lineWidth = 1.6;
        ctx.fill();
        ctx.stroke();
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
