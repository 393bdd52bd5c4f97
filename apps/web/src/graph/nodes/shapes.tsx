// Node shapes as Kiali draws them (kiali-graph.md §3): workload circle, app rectangle,
// service triangle (apex up), ServiceEntry plate (a pentagon pointing right); Rudder marks
// the ingress gateway with a gateway glyph and unknown callers with a dashed circle.
import { memo } from 'react';
import type { Shape } from '../model/types.js';

const PATHS: Record<Exclude<Shape, 'circle' | 'gateway' | 'unknown'>, string> = {
  rect: 'M9 7h30a4 4 0 0 1 4 4v26a4 4 0 0 1-4 4H9a4 4 0 0 1-4-4V11a4 4 0 0 1 4-4z',
  triangle: 'M24 4.5 45 41.5H3z',
  plate: 'M5 9h27l12 15-12 15H5z',
};

export const ShapeSvg = memo(function ShapeSvg({ shape, root }: { shape: Shape; root: boolean }) {
  return (
    <svg className="shape" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true">
      {shape === 'circle' || shape === 'gateway' || shape === 'unknown' ? (
        <circle cx="24" cy="24" r="19.5" className={shape === 'unknown' ? 'outline dashed' : 'outline'} />
      ) : (
        <path d={PATHS[shape]} className="outline" strokeLinejoin="round" />
      )}
      {shape === 'gateway' ? <path className="glyph" d="M15 24h13m-4-5 5 5-5 5M32 16v16" /> : null}
      {shape === 'unknown' ? (
        <text x="24" y="29" textAnchor="middle" className="glyph-text">
          ?
        </text>
      ) : null}
      {root && shape !== 'gateway' && shape !== 'unknown' ? <path className="glyph" d={shape === 'triangle' ? 'M18 32h10m-3-3 3 3-3 3' : 'M17 24h11m-3.5-4 4 4-4 4'} /> : null}
    </svg>
  );
});
