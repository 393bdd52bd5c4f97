// A simulation's answer: the outcome, the rules tried before the one that matched (and why
// each did not), the destinations with their weights and endpoints (health and ejection as
// the calling proxy last reported them), and the fault, timeout, retries and mirror.
import type { ReportedView } from '../api/types.js';
import { Card, Pill } from '../ui/controls.js';
import { Link } from '../ui/router.js';
import { Empty } from '../ui/states.js';
import { actionLines, endpointState, joinEndpoints, outcomeOf, shortHost, virtualServiceLink, whyNot } from './describe.js';
import type { RuleExplanation, SimDestination, SimulateResult } from './types.js';
import { Table } from '../ui/table.js';

export function SimulationResult({ result, views, now }: { result: SimulateResult; views: readonly ReportedView[]; now: number }) {
  const outcome = outcomeOf(result);
  return (
    <div className="sim-result" aria-live="polite">
      <Card className={`sim-outcome tone-${outcome.tone}`}>
        <p className="sim-title" data-testid="sim-outcome" data-result={result.result}>
          <Pill tone={outcome.tone}>{result.result}</Pill> {outcome.title}
        </p>
        <p className="muted" data-testid="sim-detail">
          {outcome.detail}
        </p>
        {result.result === 'no-route' && result.virtualService ? (
          <p>
            VirtualService{' '}
            <Link to={virtualServiceLink(result.virtualService)} className="mono">
              {result.virtualService}
            </Link>
          </p>
        ) : null}
        {result.result === 'route' ? (
          <p>
            VirtualService{' '}
            <Link to={virtualServiceLink(result.virtualService)} className="mono">
              {result.virtualService}
            </Link>
            {result.delegate ? (
              <span className="muted">
                {' '}
                (rule from delegate {result.delegate.namespace}/{result.delegate.name}, its rule {result.delegate.ruleIndex})
              </span>
            ) : null}
          </p>
        ) : null}
      </Card>
      {'rules' in result && result.rules && result.rules.length > 0 ? <Rules rules={result.rules} chosen={result.result === 'route' ? result.ruleIndex : undefined} /> : null}
      {result.result === 'route' && actionLines(result.actions).length > 0 ? <Actions result={result} /> : null}
      {'destinations' in result ? <Destinations destinations={result.destinations} views={views} now={now} /> : null}
    </div>
  );
}

function Rules({ rules, chosen }: { rules: readonly RuleExplanation[]; chosen: number | undefined }) {
  return (
    <Card title="Rules, in order (first match wins)">
      <Table columns={['Rule', 'Result', 'Why']}>
        {rules.map((r) => (
          <tr key={r.ruleIndex} data-testid="sim-rule" data-matched={r.ruleIndex === chosen}>
            <td className="mono">http[{r.ruleIndex}]</td>
            <td>{r.ruleIndex === chosen ? <Pill tone="ok">matched</Pill> : r.matches ? <Pill tone="neutral">matches</Pill> : <Pill tone="warn">no match</Pill>}</td>
            <td>
              {r.matchBlocks.length === 0 ? (
                <span className="muted">no match conditions: takes every request</span>
              ) : (
                <ul className="sim-why">
                  {whyNot(r.matchBlocks).map((line) => (
                    <li key={line} className="mono">
                      {line}
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </Table>
    </Card>
  );
}

function Actions({ result }: { result: Extract<SimulateResult, { result: 'route' }> }) {
  return (
    <Card title="What the route does">
      <dl className="kv">
        {actionLines(result.actions).map((line) => (
          <div key={`${line.label}:${line.text}`} className="sim-action" data-testid="sim-action" data-label={line.label}>
            <dt>{line.label}</dt>
            <dd>{line.tone ? <Pill tone={line.tone}>{line.text}</Pill> : line.text}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

function Destinations({ destinations, views, now }: { destinations: readonly SimDestination[]; views: readonly ReportedView[]; now: number }) {
  if (destinations.length === 0) return <Empty title="No destination">The rule forwards nowhere.</Empty>;
  return (
    <Card title="Destinations">
      {destinations.map((d) => (
        <section key={`${d.host}|${d.subset ?? ''}|${d.port ?? ''}`} className="sim-dest" data-testid="sim-destination" data-host={shortHost(d.host)} data-subset={d.subset ?? ''} data-weight={d.weight}>
          <header className="sim-dest-head">
            <strong className="mono">
              {shortHost(d.host)}
              {d.port ? `:${d.port}` : ''}
            </strong>
            {d.subset ? <Pill tone="info">subset {d.subset}</Pill> : <Pill>all endpoints</Pill>}
            <span className="sim-weight" title={`${d.weight} % of requests`}>
              <span className="sim-weight-bar" style={{ width: `${Math.min(100, d.weight)}%` }} />
            </span>
            <span className="sim-weight-text">{d.weight} %</span>
            {d.destinationRule?.length ? <span className="muted">DestinationRule {d.destinationRule.join(', ')}</span> : null}
          </header>
          {d.error ? <p className="error-text">{d.error}</p> : <Endpoints destination={d} views={views} now={now} />}
        </section>
      ))}
    </Card>
  );
}

function Endpoints({ destination, views, now }: { destination: SimDestination; views: readonly ReportedView[]; now: number }) {
  const rows = joinEndpoints(destination.endpoints ?? [], views, destination.host, destination.subset);
  const namespace = destination.host.split('.')[1] ?? 'default';
  if (rows.length === 0) return <p className="error-text">No endpoint: the proxy answers 503 UH.</p>;
  return (
    <Table columns={['Endpoint', 'Address', 'State', 'Active requests']} className="sim-endpoints">
      {rows.map((row) => {
        const state = endpointState(row, now);
        return (
          <tr key={row.address} data-testid="sim-endpoint">
            <td>
              <Link to={`/workloads/${encodeURIComponent(namespace)}/${encodeURIComponent(row.workload)}`}>{row.name}</Link>
            </td>
            <td className="mono">{row.address}</td>
            <td>
              <Pill tone={state.tone}>{state.text}</Pill>
            </td>
            <td>{row.live ? row.live.active : <span className="muted" title="The caller's proxy has not reported this endpoint yet">—</span>}</td>
          </tr>
        );
      })}
    </Table>
  );
}
