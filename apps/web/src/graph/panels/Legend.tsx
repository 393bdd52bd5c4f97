// The legend (kiali-graph.md §7): node shapes, health colours, edges, animation dots and
// badges, drawn with the same components as the graph.
import { BADGE_NAMES, BadgeIcon } from '../nodes/badge-icons.js';
import { ShapeSvg } from '../nodes/shapes.js';
import type { BadgeKind, Shape } from '../model/types.js';

const SHAPES: [Shape, string][] = [
  ['circle', 'Workload'],
  ['rect', 'App (version)'],
  ['triangle', 'Service'],
  ['plate', 'ServiceEntry'],
  ['gateway', 'Ingress gateway'],
  ['unknown', 'Unknown caller'],
];
const EDGES: [string, string][] = [
  ['ok', 'Healthy'],
  ['warn', 'Degraded (any 5xx, 4xx ≥ 10 %)'],
  ['bad', 'Failure (5xx ≥ 10 %, 4xx ≥ 20 %)'],
  ['idle', 'Idle'],
  ['mirror', 'Mirrored copies'],
];

export function Legend({ onClose }: { onClose: () => void }) {
  return (
    <aside className="legend" aria-label="Legend">
      <header>
        <h2>Legend</h2>
        <button type="button" className="btn ghost small" onClick={onClose} aria-label="Close legend">
          ✕
        </button>
      </header>
      <h3>Nodes</h3>
      <ul>
        {SHAPES.map(([s, text]) => (
          <li key={s} className="legend-shape health-NA">
            <span className="mesh-node mini">
              <ShapeSvg shape={s} root={false} />
            </span>
            {text}
          </li>
        ))}
      </ul>
      <h3>Edges and dots</h3>
      <ul>
        {EDGES.map(([tone, text]) => (
          <li key={tone}>
            <svg width="34" height="10" aria-hidden="true">
              <path d="M2 5h28" className={`edge-line tone-${tone}`} markerEnd={`url(#arrow-${tone})`} />
            </svg>
            {text}
          </li>
        ))}
        <li>
          <svg width="34" height="12" aria-hidden="true">
            <circle cx="10" cy="6" r="3.5" className="dot-ok" />
            <path d="M24 1.5l4.5 4.5-4.5 4.5-4.5-4.5z" className="dot-err" />
          </svg>
          Request, failed request
        </li>
      </ul>
      <h3>Badges</h3>
      <ul>
        {(Object.keys(BADGE_NAMES) as BadgeKind[]).map((k) => (
          <li key={k}>
            <BadgeIcon badge={{ kind: k, title: BADGE_NAMES[k] }} />
            {BADGE_NAMES[k]}
          </li>
        ))}
      </ul>
    </aside>
  );
}
