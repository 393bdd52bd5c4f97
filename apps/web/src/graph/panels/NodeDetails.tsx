// The side panel for a node: health, traffic in and out, its badges explained (each linked to
// the resource or live state behind it), links to its workload, config, traces and logs, and
// charts over the chosen window.
import type { GraphNode } from '@rudder/shared/protocol';
import { useState } from 'react';
import { CodeMix, mixFromRates } from '../../metrics/CodeMix.js';
import { MetricsCharts } from '../../metrics/LazyCharts.js';
import { nodeSelectors } from '../../metrics/selectors.js';
import { HealthDot, Tabs } from '../../ui/controls.js';
import { Link } from '../../ui/router.js';
import { badgesOf } from '../model/badges.js';
import { formatRate } from '../model/format.js';
import { BadgeIcon } from '../nodes/badge-icons.js';

const KIND: Record<GraphNode['nodeType'], string> = { workload: 'Workload', app: 'App', service: 'Service', unknown: 'Unknown' };

export function nodeTitle(n: GraphNode): string {
  if (n.nodeType === 'service') return n.service ?? n.id;
  if (n.nodeType === 'app') return n.version ? `${n.app} ${n.version}` : (n.app ?? n.id);
  return n.workload ?? n.id;
}

function Links({ n }: { n: GraphNode }) {
  const links: [string, string][] = [];
  if (n.workload && n.workload !== 'unknown') {
    links.push([`/workloads/${n.namespace}/${n.workload}`, 'Workload']);
    links.push([`/workloads/${n.namespace}/${n.workload}?tab=logs`, 'Logs']);
  }
  if (n.nodeType === 'service' && n.service) links.push([`/services/${n.namespace}/${n.service}`, 'Service']);
  const app = n.app ?? n.service ?? (n.workload !== 'unknown' ? n.workload : undefined);
  if (app) links.push([`/traces?service=${encodeURIComponent(app)}`, 'Traces']);
  const vs = n.badges.virtualService;
  if (vs) links.push([`/config/VirtualService/${vs.namespace}/${vs.name}`, `VirtualService ${vs.name}`]);
  const cb = n.badges.circuitBreaker;
  if (cb) {
    const [ns, name] = cb.destinationRule.includes('/') ? cb.destinationRule.split('/') : [n.namespace, cb.destinationRule];
    links.push([`/config/DestinationRule/${ns}/${name}`, `DestinationRule ${name}`]);
  }
  const se = n.isServiceEntry;
  if (se) links.push([`/config/ServiceEntry/${se.namespace}/${se.name}`, `ServiceEntry ${se.name} (${se.location === 'MESH_EXTERNAL' ? 'external' : 'mesh internal'})`]);
  if (links.length === 0) return null;
  return (
    <nav className="panel-links" aria-label="Related">
      {links.map(([to, text]) => (
        <Link key={to} to={to}>
          {text}
        </Link>
      ))}
    </nav>
  );
}

export function NodeDetails({ node, duration, tick }: { node: GraphNode; duration: string; tick: number }) {
  const [dir, setDir] = useState<'inbound' | 'outbound'>('inbound');
  const sel = nodeSelectors(node);
  const selector = dir === 'outbound' ? sel.outbound : sel.inbound;
  const badges = badgesOf(node);
  return (
    <div className="panel-body">
      <header className="panel-head">
        <span className="panel-kind">{node.isGateway ? 'Ingress gateway' : KIND[node.nodeType]}</span>
        <h2>{nodeTitle(node)}</h2>
        <div className="panel-sub">
          <HealthDot health={node.healthStatus} withText />
          <span className="muted">namespace {node.namespace}</span>
        </div>
      </header>
      <Links n={node} />
      <dl className="kv stats">
        <dt>Inbound</dt>
        <dd>{formatRate(node.httpIn.http)} rps</dd>
        <dt>Outbound</dt>
        <dd>{formatRate(node.httpOut.http)} rps</dd>
      </dl>
      {badges.length > 0 ? (
        <ul className="badge-list">
          {badges.map((b) => (
            <li key={b.kind}>
              <BadgeIcon badge={b} />
              {b.href ? <Link to={b.href}>{b.title}</Link> : b.title}
            </li>
          ))}
        </ul>
      ) : null}
      <h3>Inbound responses</h3>
      <CodeMix mix={mixFromRates(node.httpIn)} />
      {selector ? (
        <>
          {sel.outbound ? (
            <Tabs
              label="Direction"
              value={dir}
              onChange={setDir}
              tabs={[
                ['inbound', 'Inbound'],
                ['outbound', 'Outbound'],
              ]}
            />
          ) : (
            <h3>Inbound</h3>
          )}
          <MetricsCharts selector={selector} duration={duration} refreshKey={tick} />
        </>
      ) : (
        <p className="muted">Callers outside the mesh have no metrics of their own; select an edge for its traffic.</p>
      )}
    </div>
  );
}
