// Proxies: each connected proxy's config version and sync state (synced, pending, NACKed
// with the proxy's error, disconnected), as Istio's `proxy-status` shows it.
import { get } from '../api/client.js';
import type { ProxyStatus } from '../api/types.js';
import { useFetch } from '../api/use-fetch.js';
import { Card, Pill } from '../ui/controls.js';
import { PageHeader } from '../ui/shell.js';
import { Async, Empty } from '../ui/states.js';
import { Table } from '../ui/table.js';

const TONE = { Synced: 'ok', Pending: 'warn', Rejected: 'bad', Disconnected: 'neutral' } as const;
const TEXT = { Synced: 'Synced', Pending: 'Stale (pending)', Rejected: 'NACKed', Disconnected: 'Disconnected' } as const;

export function ProxiesPage() {
  const proxies = useFetch((s) => get<{ items: ProxyStatus[] }>('/rudder/v1/proxies', {}, s), [], 3000);
  return (
    <div className="page">
      <PageHeader title="Proxies" subtitle="The gateway and sidecars connected for config, and whether each runs the latest version." />
      <Async {...proxies}>
        {(p) =>
          p.items.length === 0 ? (
            <Empty title="No proxies connected">Proxies connect when the sandbox starts (`npm start`) or a standalone sidecar runs.</Empty>
          ) : (
            <Card>
              <Table columns={['Proxy', 'Mode', 'Workloads', 'State', 'Sent', 'Acknowledged', 'Connected']}>
                {p.items.map((x) => (
                  <tr key={x.identity.id}>
                    <td className="mono">{x.identity.id}</td>
                    <td>{x.identity.mode}</td>
                    <td>{(x.identity.workloads ?? []).map((w) => w.name).join(', ') || '—'}</td>
                    <td>
                      <Pill tone={TONE[x.state]}>{TEXT[x.state]}</Pill>
                      {x.lastError ? <div className="error-text finding">{`NACK of ${x.nackedVersion ?? '?'}: ${x.lastError}`}</div> : null}
                    </td>
                    <td className="mono">{x.sentVersion ?? '—'}</td>
                    <td className="mono">{x.ackedVersion ?? '—'}</td>
                    <td>{new Date(x.connectedAt).toLocaleTimeString()}</td>
                  </tr>
                ))}
              </Table>
            </Card>
          )
        }
      </Async>
    </div>
  );
}
