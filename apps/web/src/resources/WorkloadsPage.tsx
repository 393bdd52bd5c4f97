// Workloads: every registered workload with its labels, instances and their health, and
// instances ejected by some caller's outlier detection, live.
import { get } from '../api/client.js';
import type { RegistryState, ReportedView } from '../api/types.js';
import { useFetch } from '../api/use-fetch.js';
import { Card, Pill } from '../ui/controls.js';
import { useRoute } from '../ui/router.js';
import { PageHeader } from '../ui/shell.js';
import { Async, Empty } from '../ui/states.js';
import { endpointStates } from './ejections.js';
import { Labels } from './Labels.js';
import { Table } from '../ui/table.js';

export function WorkloadsPage() {
  const registry = useFetch((s) => get<RegistryState>('/rudder/v1/registry', {}, s), [], 5000);
  const endpoints = useFetch((s) => get<{ items: ReportedView[] }>('/rudder/v1/endpoints', {}, s), [], 3000);
  const { navigate } = useRoute();
  const states = endpointStates(endpoints.data?.items ?? []);
  return (
    <div className="page">
      <PageHeader title="Workloads" subtitle="Deployments in the mesh, their instances and what their callers' outlier detection thinks of them." />
      <Async {...registry}>
        {(r) =>
          r.workloads.length === 0 ? (
            <Empty title="No workloads registered">Start the sandbox with `npm start`; its Bookinfo workloads register themselves.</Empty>
          ) : (
            <Card>
              <Table columns={['Name', 'Namespace', 'Labels', 'Instances', 'Ejected']}>
                {r.workloads.map((w) => {
                  const inst = r.instances.filter((i) => i.workload === w.name && i.namespace === w.namespace);
                  const healthy = inst.filter((i) => i.health === 'Healthy').length;
                  const ejected = inst.filter((i) => (states.get(i.name)?.ejectedBy.length ?? 0) > 0).length;
                  const to = `/workloads/${w.namespace}/${w.name}`;
                  return (
                    <tr key={to} className="clickable" onClick={() => navigate(to)}>
                      <td>
                        <a href={to} onClick={(e) => {
                          e.preventDefault();
                          navigate(to);
                        }}>
                          {w.name}
                        </a>
                      </td>
                      <td>{w.namespace}</td>
                      <td>
                        <Labels labels={w.labels} />
                      </td>
                      <td>
                        <Pill tone={inst.length === 0 ? 'warn' : healthy === inst.length ? 'ok' : healthy === 0 ? 'bad' : 'warn'}>
                          {healthy}/{inst.length} healthy
                        </Pill>
                      </td>
                      <td>{ejected ? <Pill tone="bad">{ejected} ejected</Pill> : <span className="muted">—</span>}</td>
                    </tr>
                  );
                })}
              </Table>
            </Card>
          )
        }
      </Async>
    </div>
  );
}
