// The side panel: the selected node or edge (from the latest graph, so its numbers are
// current), or a summary of the whole graph when nothing is selected.
import type { Graph } from '@rudder/shared/protocol';
import { formatRate } from '../model/format.js';
import type { ViewGraph } from '../model/types.js';
import { EdgeDetails } from './EdgeDetails.js';
import { NodeDetails } from './NodeDetails.js';

function Summary({ view }: { view: ViewGraph }) {
  const count = (t: string) => view.nodes.filter((n) => n.data.nodeType === t).length;
  const total = view.nodes.filter((n) => n.root).reduce((s, n) => s + n.rpsOut, 0);
  const failing = view.edges.filter((e) => e.health === 'Failure' || e.health === 'Degraded');
  return (
    <div className="panel-body">
      <header className="panel-head">
        <span className="panel-kind">Current graph</span>
        <h2>Mesh traffic</h2>
      </header>
      <dl className="kv stats">
        <dt>Apps</dt>
        <dd>{count('app')}</dd>
        <dt>Services</dt>
        <dd>{count('service')}</dd>
        <dt>Workloads</dt>
        <dd>{count('workload')}</dd>
        <dt>Edges</dt>
        <dd>{view.edges.length}</dd>
        <dt>Entering</dt>
        <dd>{formatRate(total)} rps</dd>
      </dl>
      <h3>Unhealthy edges</h3>
      {failing.length === 0 ? (
        <p className="muted">None: every edge with traffic is healthy.</p>
      ) : (
        <ul className="plain">
          {failing.map((e) => (
            <li key={e.id}>
              <span className={`pill pill-${e.health === 'Failure' ? 'bad' : 'warn'}`}>{e.errorPercent}% err</span> <span className="mono">{e.id.replace(/(vapp|app|wl|svc)_[^_]+_[^_]+_/g, '')}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted hint">Select a node or an edge for its traffic, charts and links. Hover a node to light its paths.</p>
    </div>
  );
}

export function SidePanel({ graph, view, selected, duration, tick }: { graph: Graph; view: ViewGraph; selected?: string; duration: string; tick: number }) {
  const node = selected ? graph.nodes.find((n) => n.id === selected) : undefined;
  const edge = selected && !node ? graph.edges.find((e) => e.id === selected) : undefined;
  return (
    <aside className="side-panel" aria-label="Details" data-testid="side-panel">
      {node ? (
        <NodeDetails key={node.id} node={node} duration={duration} tick={tick} />
      ) : edge ? (
        <EdgeDetails
          key={edge.id}
          edge={edge}
          source={graph.nodes.find((n) => n.id === edge.source)}
          target={graph.nodes.find((n) => n.id === edge.target)}
          duration={duration}
          tick={tick}
        />
      ) : (
        <Summary view={view} />
      )}
    </aside>
  );
}
