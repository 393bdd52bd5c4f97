// The Graph page: the live traffic graph with its toolbar, find/hide, legend and side
// panel. Data flows one way: live graph → view (build, reconcile, hide) → layout → drawing.
import '@xyflow/react/dist/base.css';
import './graph.css';
import { ReactFlowProvider } from '@xyflow/react';
import { useMemo, useRef, useState } from 'react';
import { get } from '../api/client.js';
import type { RegistryState } from '../api/types.js';
import { useFetch } from '../api/use-fetch.js';
import { Empty, ErrorState, Loading } from '../ui/states.js';
import { useLayout } from './layout/use-layout.js';
import { buildView } from './model/build.js';
import { reconcile } from './model/diff.js';
import { find, hide, namespacesOf } from './model/filter.js';
import { type LabelsOf, parseQuery } from './model/find.js';
import type { ViewGraph } from './model/types.js';
import { FindHide } from './panels/FindHide.js';
import { Legend } from './panels/Legend.js';
import { SidePanel } from './panels/SidePanel.js';
import { DisplayOptions, Toolbar } from './panels/Toolbar.js';
import { TrafficGraph } from './TrafficGraph.js';
import { useGraphOptions } from './use-graph-options.js';
import { useLiveGraph } from './use-live-graph.js';

const EMPTY = new Set<string>();

function useLabels(): LabelsOf | undefined {
  const { data } = useFetch((s) => get<RegistryState>('/rudder/v1/registry', {}, s), []);
  return useMemo(() => {
    if (!data) return undefined;
    const byName = new Map(data.workloads.map((w) => [`${w.namespace}/${w.name}`, w.labels]));
    return (n) => (n.data.workload ? byName.get(`${n.data.namespace}/${n.data.workload}`) : undefined);
  }, [data]);
}

export function GraphPage() {
  const o = useGraphOptions();
  const live = useLiveGraph({ type: o.type, duration: o.duration, namespaces: o.namespaces, injectServiceNodes: o.type === 'service' || o.serviceNodes, includeIdleEdges: o.idleEdges }, o.refresh);
  const labels = useLabels();
  const [selected, setSelected] = useState<string>();
  const [legend, setLegend] = useState(false);
  const seenNamespaces = useRef(new Set<string>());

  const prevView = useRef<ViewGraph | undefined>(undefined);
  const full = useMemo(() => {
    if (!live.graph) return undefined;
    const next = reconcile(prevView.current, buildView(live.graph));
    prevView.current = next;
    return next;
  }, [live.graph]);
  const hideQuery = useMemo(() => parseQuery(o.hideText), [o.hideText]);
  const findQuery = useMemo(() => parseQuery(o.findText), [o.findText]);
  const view = useMemo(() => (full && hideQuery.ok ? hide(full, hideQuery.query, labels) : full), [full, hideQuery, labels]);
  const found = useMemo(() => (view && findQuery.ok && findQuery.query.length ? find(view, findQuery.query, labels) : EMPTY), [view, findQuery, labels]);
  const layout = useLayout(view);
  if (full) for (const ns of namespacesOf(full)) seenNamespaces.current.add(ns);
  const tick = Math.floor((live.updatedAt ?? 0) / 15_000);

  let body: React.ReactNode;
  if (!live.graph) {
    body = live.status === 'error' ? <ErrorState error={new Error(live.message ?? 'The live graph failed')} /> : <Loading label={live.status === 'paused' ? 'Paused: pick a refresh interval to load the graph' : 'Loading the graph…'} />;
  } else if (!view || view.nodes.length === 0) {
    body = (
      <Empty title={full && full.nodes.length > 0 ? 'Everything is hidden' : 'No traffic in this window'}>
        {full && full.nodes.length > 0 ? (
          <>Clear the Hide box to see the graph again.</>
        ) : (
          <>
            The graph shows requests between services in the last {o.duration}. Start the traffic generator on the <a href="/sandbox">Sandbox</a> page, or open the Bookinfo product page a few times.
          </>
        )}
      </Empty>
    );
  } else {
    body = <TrafficGraph view={view} layout={layout} found={found} mode={o.label} animate={o.animation} onSelect={setSelected} {...(selected ? { selected } : {})} />;
  }

  return (
    <div className="graph-page">
      <Toolbar o={o} namespaces={[...seenNamespaces.current].sort()} status={live.status} />
      <div className="find-hide">
        <FindHide find={o.findText} hide={o.hideText} onFind={o.setFind} onHide={o.setHide} matches={found.size} />
        <DisplayOptions o={o} legend={legend} onLegend={() => setLegend((l) => !l)} />
      </div>
      {live.status === 'retrying' && live.graph ? (
        <div className="banner" role="status">
          {live.message ?? 'Reconnecting…'} The graph shows the last data received.
        </div>
      ) : null}
      <div className="graph-body">
        <ReactFlowProvider>
          <div className="graph-main">
            {body}
            {legend ? <Legend onClose={() => setLegend(false)} /> : null}
            {layout.error ? <div className="banner error">Layout failed: {layout.error}</div> : null}
          </div>
        </ReactFlowProvider>
        {live.graph && view ? <SidePanel graph={live.graph} view={view} duration={o.duration} tick={tick} {...(selected ? { selected } : {})} /> : null}
      </div>
    </div>
  );
}
