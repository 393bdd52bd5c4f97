// Past runs, newest first: open one, or tick two to compare them side by side.
import type { LoadRun } from '@rudder/shared/protocol';
import { Pill } from '../ui/controls.js';
import { Empty } from '../ui/states.js';
import { codeMix, formatMs } from './model.js';
import { describeRequest, StatePill } from './RunView.js';
import { Table } from '../ui/table.js';

interface RunListProps {
  runs: LoadRun[];
  selected: string;
  compare: string[];
  onOpen: (id: string) => void;
  onToggleCompare: (id: string) => void;
}

export function RunList({ runs, selected, compare, onOpen, onToggleCompare }: RunListProps) {
  if (runs.length === 0) return <Empty title="No runs yet">Start a load above; every run is kept here to open again or compare.</Empty>;
  return (
    <div className="table-wrap">
      <Table columns={[{ label: <><span className="sr-only">Compare</span></>, key: 'c0' }, 'Started', 'Target', 'State', { label: 'Calls', className: 'num' }, { label: 'qps', className: 'num' }, { label: 'p99', className: 'num' }, 'Codes']} className="load-runs" testId="load-runs">
        {runs.map((r) => {
          const started = new Date(r.startedAt).toLocaleString();
          return (
            <tr key={r.id} className={r.id === selected ? 'selected' : undefined} data-run={r.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Compare the run started ${started}`}
                  checked={compare.includes(r.id)}
                  disabled={!r.summary || (!compare.includes(r.id) && compare.length >= 2)}
                  onChange={() => onToggleCompare(r.id)}
                />
              </td>
              <td>
                <button type="button" className="link-button" onClick={() => onOpen(r.id)} aria-current={r.id === selected ? 'true' : undefined}>
                  {started}
                </button>
              </td>
              <td>
                <span className="mono">{r.request.url}</span>
                <div className="muted small">{describeRequest(r.request)}</div>
              </td>
              <td>
                <StatePill run={r} />
              </td>
              <td className="num">{r.summary?.calls ?? r.progress?.calls ?? '—'}</td>
              <td className="num">{r.summary ? r.summary.actualQps.toFixed(1) : '—'}</td>
              <td className="num">{r.summary ? formatMs(r.summary.p99Ms) : '—'}</td>
              <td>
                <span className="labels">
                  {r.summary
                    ? codeMix(r.summary.codes).map((c) => (
                        <Pill key={c.code} tone={c.tone} title={`${c.count} calls`}>
                          {c.label} {c.percent}%
                        </Pill>
                      ))
                    : '—'}
                </span>
              </td>
            </tr>
          );
        })}
      </Table>
    </div>
  );
}
