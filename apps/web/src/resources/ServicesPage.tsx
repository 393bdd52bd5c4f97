// Services: each registry service with its ports, selector and endpoints, and the Istio
// config that names it with Kiali's validation state.
import { get } from '../api/client.js';
import type { ResourceValidation } from '@rudder/shared/protocol';
import type { RegistryState } from '../api/types.js';
import { useFetch } from '../api/use-fetch.js';
import { Card, Pill } from '../ui/controls.js';
import { Link } from '../ui/router.js';
import { PageHeader } from '../ui/shell.js';
import { Async, Empty } from '../ui/states.js';
import { ActionsMenu } from '../wizards/ActionsMenu.js';
import { Labels } from './Labels.js';
import { Table } from '../ui/table.js';

export interface ResolvedEndpoint {
  name: string;
  workload: string;
  health: string;
  address: string;
  port: number;
  labels: Record<string, string>;
}
export interface Resolved {
  host: string;
  namespace: string;
  name?: string;
  source: string;
  endpoints: ResolvedEndpoint[];
}

export function stateTone(state: string) {
  return state === 'error' ? 'bad' : state === 'warning' ? 'warn' : 'ok';
}

export function ServicesPage() {
  const registry = useFetch((s) => get<RegistryState>('/rudder/v1/registry', {}, s), [], 10_000);
  const resolved = useFetch((s) => get<{ services: Resolved[] }>('/rudder/v1/registry/resolved', {}, s), [], 10_000);
  return (
    <div className="page">
      <PageHeader title="Services" subtitle="Services from the registry and ServiceEntries, with the endpoints their traffic can reach." />
      <Async {...registry}>
        {(r) =>
          r.services.length === 0 ? (
            <Empty title="No services">Start the sandbox with `npm start` to register Bookinfo's services.</Empty>
          ) : (
            <Card>
              <Table columns={['Name', 'Namespace', 'Ports', 'Selector', 'Endpoints']}>
                {r.services.map((s) => {
                  const res = resolved.data?.services.find((x) => x.name === s.name && x.namespace === s.namespace);
                  const healthy = res?.endpoints.filter((e) => e.health === 'Healthy').length ?? 0;
                  return (
                    <tr key={`${s.namespace}/${s.name}`}>
                      <td>
                        <Link to={`/services/${s.namespace}/${s.name}`}>{s.name}</Link>
                      </td>
                      <td>{s.namespace}</td>
                      <td className="mono">{s.ports.map((p) => `${p.port}${p.name ? `/${p.name}` : ''}`).join(', ')}</td>
                      <td>
                        <Labels labels={s.selector} />
                      </td>
                      <td>{res ? <Pill tone={healthy === res.endpoints.length && healthy > 0 ? 'ok' : healthy ? 'warn' : 'bad'}>{`${healthy}/${res.endpoints.length} healthy`}</Pill> : '—'}</td>
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

export function ServiceDetail({ namespace, name }: { namespace: string; name: string }) {
  const resolved = useFetch((s) => get<{ services: Resolved[] }>('/rudder/v1/registry/resolved', {}, s), [], 5000);
  const validations = useFetch((s) => get<{ items: ResourceValidation[] }>('/rudder/v1/validations', { namespace }, s), [namespace]);
  return (
    <div className="page">
      <PageHeader
        title={name}
        subtitle={
          <>
            <Link to="/services">Services</Link> / {namespace}
          </>
        }
        actions={
          <>
            <Link to={`/graph?find=${encodeURIComponent(`svc = ${name}`)}`}>Show in graph</Link>
            <Link to={`/traces?service=${encodeURIComponent(name)}`}>Traces</Link>
            <ActionsMenu namespace={namespace} service={name} />
          </>
        }
      />
      <Async {...resolved}>
        {(r) => {
          const svc = r.services.find((s) => s.name === name && s.namespace === namespace);
          if (!svc) return <Empty title="No such service">It is not in the registry; it may have been removed.</Empty>;
          return (
            <Card title={<span className="mono">{svc.host}</span>}>
              <Table columns={['Endpoint', 'Workload', 'Address', 'Labels', 'Health']}>
                {svc.endpoints.map((e) => (
                  <tr key={`${e.address}:${e.port}`}>
                    <td className="mono">{e.name}</td>
                    <td>
                      <Link to={`/workloads/${namespace}/${e.workload}`}>{e.workload}</Link>
                    </td>
                    <td className="mono">
                      {e.address}:{e.port}
                    </td>
                    <td>
                      <Labels labels={e.labels} />
                    </td>
                    <td>
                      <Pill tone={e.health === 'Healthy' ? 'ok' : 'bad'}>{e.health}</Pill>
                    </td>
                  </tr>
                ))}
              </Table>
            </Card>
          );
        }}
      </Async>
      <Card title="Istio config in this namespace">
        <Async {...validations}>
          {(v) =>
            v.items.length === 0 ? (
              <p className="muted">No VirtualService, DestinationRule or other Istio config in {namespace}.</p>
            ) : (
              <ul className="plain">
                {v.items.map((c) => (
                  <li key={`${c.kind}/${c.name}`}>
                    <Pill tone={stateTone(c.state)}>{c.state}</Pill> <Link to={`/config/${c.kind}/${c.namespace}/${c.name}`}>{`${c.kind} ${c.name}`}</Link>
                    {[...c.errors, ...c.warnings].map((f) => (
                      <div key={`${f.code}${f.field}`} className="muted finding">
                        {f.code} {f.field}: {f.message}
                      </div>
                    ))}
                  </li>
                ))}
              </ul>
            )
          }
        </Async>
      </Card>
    </div>
  );
}
