// The graph toolbar: what to graph (type, service nodes, namespace) and when (time range,
// refresh, live state) on the first row; how to draw it (edge labels, traffic animation,
// legend) beside Find and Hide on the second. Every control is labelled and reachable by keyboard.
import type { LiveStatus } from '../../api/live.js';
import { Segmented, Select, Toggle } from '../../ui/controls.js';
import { DURATIONS, EDGE_LABELS, GRAPH_TYPES, type GraphOptions, REFRESHES } from '../use-graph-options.js';

const STATUS_TEXT = { live: 'Live', paused: 'Paused', error: 'Error', connecting: 'Connecting', retrying: 'Reconnecting' } as const;

export function Toolbar({ o, namespaces, status }: { o: GraphOptions; namespaces: string[]; status: LiveStatus | 'paused' }) {
  const nsOptions = [['', 'All'] as const, ...namespaces.map((n) => [n, n] as const)];
  if (o.namespaces && !namespaces.includes(o.namespaces)) nsOptions.push([o.namespaces, o.namespaces] as const);
  const durations: (readonly [string, string])[] = [...DURATIONS];
  if (!durations.some(([d]) => d === o.duration)) durations.unshift([o.duration, `Last ${o.duration}`]);
  return (
    <div className="graph-toolbar" role="toolbar" aria-label="What to graph">
      <Segmented label="Graph type" value={o.type} options={GRAPH_TYPES} onChange={o.setType} />
      <Toggle label="Service nodes" checked={o.type === 'service' || o.serviceNodes} onChange={o.setServiceNodes} title="Inject service nodes between callers and workloads" />
      <Select label="Namespace" value={o.namespaces} options={nsOptions} onChange={o.setNamespaces} />
      <span className="toolbar-gap" />
      <Select label="Time range" value={o.duration} options={durations} onChange={o.setDuration} />
      <Select label="Refresh" value={o.refresh} options={REFRESHES} onChange={o.setRefresh} />
      <span className={`live-dot live-${status}`} role="status" data-testid="live-status">
        <span aria-hidden="true" />
        {STATUS_TEXT[status]}
      </span>
    </div>
  );
}

export function DisplayOptions({ o, legend, onLegend }: { o: GraphOptions; legend: boolean; onLegend: () => void }) {
  return (
    <fieldset className="display-options">
      <legend className="sr-only">Display</legend>
      <Select label="Edge labels" value={o.label} options={EDGE_LABELS} onChange={o.setLabel} />
      <Toggle label="Traffic animation" checked={o.animation} onChange={o.setAnimation} />
      <Toggle label="Idle edges" checked={o.idleEdges} onChange={o.setIdleEdges} />
      <button type="button" className="btn small" aria-pressed={legend} onClick={onLegend}>
        Legend
      </button>
    </fieldset>
  );
}
