// One traffic edge: the shared curve, coloured by health (grey when idle, dashed purple for
// mirrored copies), an arrowhead, and its label on a background so lines never cut through
// the text. Memoized on its view object and flags.
import { type Edge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { edgeLabel } from '../model/format.js';
import { edgeCurve, pointAt, svgPath } from '../model/geometry.js';
import type { EdgeLabelMode, ViewEdge } from '../model/types.js';

export interface TrafficEdgeData extends Record<string, unknown> {
  edge: ViewEdge;
  mode: EdgeLabelMode;
  found: boolean;
  dim: boolean;
}
export type TrafficFlowEdge = Edge<TrafficEdgeData, 'traffic'>;

/** The colour class of an edge: mirror, idle, or its health. */
export function edgeTone(e: ViewEdge): string {
  if (e.mirror) return 'mirror';
  if (e.rps <= 0) return 'idle';
  return e.health === 'Failure' ? 'bad' : e.health === 'Degraded' ? 'warn' : 'ok';
}

export const TrafficEdge = memo(function TrafficEdge({ id, sourceX, sourceY, targetX, targetY, data, selected }: EdgeProps<TrafficFlowEdge>) {
  if (!data) return null;
  const { edge, mode, found, dim } = data;
  const curve = edgeCurve({ x: sourceX, y: sourceY }, { x: targetX, y: targetY });
  const tone = edgeTone(edge);
  const mid = pointAt(curve, 0.5);
  const lines = edgeLabel(edge, mode);
  const d = svgPath(curve);
  return (
    <>
      {found ? <path d={d} className="edge-find" /> : null}
      <path id={id} d={d} className={`edge-line tone-${tone}${selected ? ' selected' : ''}${dim ? ' dim' : ''}`} markerEnd={`url(#arrow-${selected ? 'selected' : tone})`} />
      <path d={d} className="edge-hit" />
      {lines.length > 0 ? (
        <EdgeLabelRenderer>
          <div
            className={`edge-label tone-${tone}${dim ? ' dim' : ''}${selected ? ' selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${mid.x}px, ${mid.y}px)` }}
            data-testid={`edge-label-${edge.id}`}
          >
            {lines.map((l) => (
              <span key={l}>{l}</span>
            ))}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});

/** Arrowheads per tone, once per page (markers may be referenced from any SVG). */
export function EdgeMarkers() {
  const tones = ['ok', 'warn', 'bad', 'idle', 'mirror', 'selected'];
  return (
    <svg width="0" height="0" style={{ position: 'absolute' }} aria-hidden="true">
      <defs>
        {tones.map((t) => (
          <marker key={t} id={`arrow-${t}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0 1 9 5 0 9z" className={`arrow tone-${t}`} />
          </marker>
        ))}
      </defs>
    </svg>
  );
}
