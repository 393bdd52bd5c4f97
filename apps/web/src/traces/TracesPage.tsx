// Traces: search by service, minimum duration and errors over a time range; the list shows
// each trace's root, spans, services and duration on a shared scale.
import { get } from '../api/client.js';
import type { TraceSummary } from '../api/types.js';
import { useFetch } from '../api/use-fetch.js';
import { formatMs } from '../graph/model/format.js';
import { Card, Pill, Select, Toggle } from '../ui/controls.js';
import { useQueryParam, useRoute } from '../ui/router.js';
import { PageHeader } from '../ui/shell.js';
import { Async, Empty } from '../ui/states.js';
import { Table } from '../ui/table.js';
import './traces.css';

const RANGES = [
  ['5m', 'Last 5m'],
  ['15m', 'Last 15m'],
  ['1h', 'Last 1h'],
  ['6h', 'Last 6h'],
] as const;

export function TracesPage() {
  const [service, setService] = useQueryParam('service', '');
  const [minDuration, setMin] = useQueryParam('minDuration', '');
  const [errors, setErrors] = useQueryParam('errors', '');
  const [duration, setDuration] = useQueryParam('duration', '15m');
  const { navigate } = useRoute();
  const params = { service, minDuration, errors: errors === 'true' ? true : undefined, duration, limit: 50 };
  const result = useFetch((s) => get<{ items: TraceSummary[] }>('/rudder/v1/traces', params, s), [JSON.stringify(params)], 10_000);
  const longest = Math.max(1, ...(result.data?.items ?? []).map((t) => t.durationMs));
  return (
    <div className="page">
      <PageHeader title="Traces" subtitle="Requests as they crossed the mesh, one span per proxy hop." />
      <form className="trace-search" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          Service
          <input type="search" value={service} placeholder="reviews, productpage…" onChange={(e) => setService(e.target.value.trim())} />
        </label>
        <label className="field">
          Min duration
          <input type="text" value={minDuration} placeholder="250ms" onChange={(e) => setMin(e.target.value.trim())} />
        </label>
        <Select label="Time range" value={duration as '15m'} options={RANGES} onChange={setDuration} />
        <Toggle label="Errors only" checked={errors === 'true'} onChange={(v) => setErrors(v ? 'true' : '')} />
      </form>
      <Async {...result}>
        {(r) =>
          r.items.length === 0 ? (
            <Empty title="No traces match">Widen the time range or clear the filters. Traces appear once requests flow (Sandbox → traffic generator).</Empty>
          ) : (
            <Card>
              <Table columns={['Root', 'Services', 'Spans', 'Started', { label: 'Duration', className: 'dur-col' }]} className="trace-list">
                {r.items.map((t) => {
                  const to = `/traces/${t.traceId}`;
                  return (
                    <tr key={t.traceId} className="clickable" onClick={() => navigate(to)} data-testid="trace-row">
                      <td>
                        <a href={to} onClick={(e) => {
                          e.preventDefault();
                          navigate(to);
                        }} className="mono">
                          {t.root}
                        </a>
                        {t.errors ? (
                          <>
                            {' '}
                            <Pill tone="bad">{t.errors} error{t.errors === 1 ? '' : 's'}</Pill>
                          </>
                        ) : null}
                      </td>
                      <td className="muted">{t.services.map((s) => s.split('.')[0]).join(', ')}</td>
                      <td>{t.spans}</td>
                      <td className="muted">{new Date(t.start).toLocaleTimeString()}</td>
                      <td className="dur-col">
                        <span className="dur-bar" style={{ width: `${(t.durationMs / longest) * 100}%` }} />
                        {formatMs(t.durationMs)}
                      </td>
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
