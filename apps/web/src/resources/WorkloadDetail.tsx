// One workload: instances with health and ejection state (live), labels, inbound and
// outbound charts, and the Logs tab following its sidecars' access log.
import { get } from '../api/client.js';
import type { RegistryState, ReportedView } from '../api/types.js';
import { useFetch } from '../api/use-fetch.js';
import { MetricsCharts } from '../metrics/LazyCharts.js';
import { Card, Pill, Select, Tabs } from '../ui/controls.js';
import { Link, useQueryParam } from '../ui/router.js';
import { PageHeader } from '../ui/shell.js';
import { Async, Empty } from '../ui/states.js';
import { endpointStates } from './ejections.js';
import { Labels } from './Labels.js';
import { LogsTab } from './LogsTab.js';
import { Table } from '../ui/table.js';

const DURATIONS = [
  ['5m', 'Last 5m'],
  ['30m', 'Last 30m'],
  ['1h', 'Last 1h'],
  ['3h', 'Last 3h'],
] as const;

export function WorkloadDetail({ namespace, name }: { namespace: string; name: string }) {
  const [tab, setTab] = useQueryParam('tab', 'overview');
  const [duration, setDuration] = useQueryParam('duration', '5m');
  const registry = useFetch((s) => get<RegistryState>('/rudder/v1/registry', {}, s), [], 5000);
  const endpoints = useFetch((s) => get<{ items: ReportedView[] }>('/rudder/v1/endpoints', { workload: name }, s), [name], 2000);
  const states = endpointStates(endpoints.data?.items ?? []);
  return (
    <div className="page">
      <PageHeader
        title={name}
        subtitle={
          <>
            <Link to="/workloads">Workloads</Link> / {namespace}
          </>
        }
        actions={<Link to={`/graph?find=${encodeURIComponent(`wl = ${name}`)}&type=workload`}>Show in graph</Link>}
      />
      <Tabs
        label="Workload"
        value={tab as 'overview'}
        onChange={setTab}
        tabs={[
          ['overview', 'Overview'],
          ['metrics', 'Metrics'],
          ['logs', 'Logs'],
        ]}
      />
      {tab === 'logs' ? (
        <LogsTab namespace={namespace} workload={name} />
      ) : tab === 'metrics' ? (
        <>
          <div className="page-actions" style={{ marginBottom: 12 }}>
            <Select label="Time range" value={duration as '5m'} options={DURATIONS} onChange={setDuration} />
          </div>
          <div className="grid-2">
            <Card title="Inbound">
              <MetricsCharts selector={{ workload: name, namespace }} duration={duration} />
            </Card>
            <Card title="Outbound">
              <MetricsCharts selector={{ workload: name, namespace, direction: 'outbound' }} duration={duration} />
            </Card>
          </div>
        </>
      ) : (
        <Async {...registry}>
          {(r) => {
            const w = r.workloads.find((x) => x.name === name && x.namespace === namespace);
            if (!w) return <Empty title="No such workload">It may have been deregistered. Go back to the Workloads list.</Empty>;
            const instances = r.instances.filter((i) => i.workload === name && i.namespace === namespace);
            return (
              <>
                <Card title="Labels">
                  <Labels labels={w.labels} />
                </Card>
                <Card title="Instances">
                  {instances.length === 0 ? (
                    <Empty title="No instances">None registered; traffic to this workload has nowhere to go.</Empty>
                  ) : (
                    <Table columns={['Instance', 'Address', 'Health', 'Outlier detection', 'Active requests']}>
                      {instances.map((i) => {
                        const s = states.get(i.name);
                        return (
                          <tr key={i.name} data-testid={`instance-${i.name}`}>
                            <td className="mono">{i.name}</td>
                            <td className="mono">
                              {i.address}:{i.port}
                            </td>
                            <td>
                              <Pill tone={i.health === 'Healthy' ? 'ok' : i.health === 'Unhealthy' ? 'bad' : 'neutral'}>{i.health}</Pill>
                            </td>
                            <td>
                              {s?.ejectedBy.length ? (
                                <Pill tone="bad" title={s.ejectedUntil ? `until ${new Date(s.ejectedUntil).toLocaleTimeString()}` : undefined}>
                                  Ejected by {s.ejectedBy.join(', ')}
                                </Pill>
                              ) : (
                                <Pill tone="ok">In the pool</Pill>
                              )}
                              {s?.ejections ? <span className="muted"> · {s.ejections} ejection{s.ejections === 1 ? '' : 's'}</span> : null}
                            </td>
                            <td>{s?.active ?? 0}</td>
                          </tr>
                        );
                      })}
                    </Table>
                  )}
                </Card>
              </>
            );
          }}
        </Async>
      )}
    </div>
  );
}
