// The side panel for an edge: from → to, rate, share, error %, p95, the response-code mix,
// flags and hosts (Kiali's Traffic/Flags/Hosts), and charts of its requests.
import type { GraphEdge, GraphNode } from '@rudder/shared/protocol';
import { useState } from 'react';
import { CodeMix, FlagsTable, mixFromResponses } from '../../metrics/CodeMix.js';
import { MetricsCharts } from '../../metrics/LazyCharts.js';
import { edgeSelector } from '../../metrics/selectors.js';
import { HealthDot, Tabs } from '../../ui/controls.js';
import { Link } from '../../ui/router.js';
import { formatMs, formatPercent, formatRate } from '../model/format.js';
import { nodeTitle } from './NodeDetails.js';
import { Table } from '../../ui/table.js';

function Hosts({ edge }: { edge: GraphEdge }) {
  const rows = Object.entries(edge.responses).flatMap(([code, d]) => Object.entries(d.hosts).map(([host, pct]) => ({ code, host, pct })));
  return (
    <Table columns={['Code', 'Host', 'Share']} className="compact">
      {rows.map((r) => (
        <tr key={`${r.code}-${r.host}`}>
          <td className="mono">{r.code}</td>
          <td className="mono">{r.host}</td>
          <td>{formatPercent(r.pct)}</td>
        </tr>
      ))}
    </Table>
  );
}

export function EdgeDetails({ edge, source, target, duration, tick }: { edge: GraphEdge; source?: GraphNode; target?: GraphNode; duration: string; tick: number }) {
  const [tab, setTab] = useState<'traffic' | 'flags' | 'hosts'>('traffic');
  const selector = source && target ? edgeSelector(source, target, edge.isMirror) : undefined;
  const app = target?.app ?? target?.service;
  return (
    <div className="panel-body">
      <header className="panel-head">
        <span className="panel-kind">{edge.isMirror ? 'Mirrored traffic (HTTP)' : 'Edge (HTTP)'}</span>
        <h2 className="edge-title">
          {source ? nodeTitle(source) : edge.source} <span aria-hidden="true">→</span>
          <span className="sr-only">to</span> {target ? nodeTitle(target) : edge.target}
        </h2>
        <div className="panel-sub">
          <HealthDot health={edge.healthStatus} withText />
        </div>
      </header>
      {app ? (
        <nav className="panel-links" aria-label="Related">
          <Link to={`/traces?service=${encodeURIComponent(app)}`}>Traces to {app}</Link>
          {target?.workload ? <Link to={`/workloads/${target.namespace}/${target.workload}?tab=logs`}>Logs of {target.workload}</Link> : null}
        </nav>
      ) : null}
      <dl className="kv stats">
        <dt>Requests</dt>
        <dd>{formatRate(edge.rates.http)} rps</dd>
        {edge.httpPercentReq !== undefined ? (
          <>
            <dt>Share of caller</dt>
            <dd>{formatPercent(edge.httpPercentReq)}</dd>
          </>
        ) : null}
        <dt>Errors</dt>
        <dd>{formatPercent(edge.httpPercentErr)}</dd>
        {edge.responseTime !== undefined ? (
          <>
            <dt>p95</dt>
            <dd>{formatMs(edge.responseTime)}</dd>
          </>
        ) : null}
      </dl>
      <Tabs
        label="Edge details"
        value={tab}
        onChange={setTab}
        tabs={[
          ['traffic', 'Traffic'],
          ['flags', 'Flags'],
          ['hosts', 'Hosts'],
        ]}
      />
      {tab === 'traffic' ? <CodeMix mix={mixFromResponses(edge.responses)} /> : tab === 'flags' ? <FlagsTable responses={edge.responses} /> : <Hosts edge={edge} />}
      {selector ? <MetricsCharts selector={selector} duration={duration} refreshKey={tick} /> : <p className="muted">No per-edge charts for this graph type; the versioned-app graph has them.</p>}
    </div>
  );
}
