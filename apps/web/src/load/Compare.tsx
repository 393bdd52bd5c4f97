// Two runs side by side: their figures with B's change against A, and both histograms and code
// mixes, so a change of config (a DestinationRule, a retry policy) can be judged by its effect.
import { useFetch } from '../api/use-fetch.js';
import { Card, Pill } from '../ui/controls.js';
import { Async } from '../ui/states.js';
import { getRun } from './api.js';
import { CodeMix, LatencyHistogram } from './Charts.js';
import { compareRows, summaryOf } from './model.js';
import { describeRequest } from './RunView.js';
import { Table } from '../ui/table.js';

const VERDICT_TONE = { better: 'ok', worse: 'bad', same: 'neutral' } as const;

export function Compare({ a, b, onClose }: { a: string; b: string; onClose: () => void }) {
  const runs = useFetch((s) => Promise.all([getRun(a, s), getRun(b, s)]), [a, b]);
  return (
    <Card
      title="Compare runs"
      actions={
        <button type="button" className="btn small" onClick={onClose}>
          Close
        </button>
      }
    >
      <Async {...runs}>
        {([ra, rb]) => {
          const sa = summaryOf(ra.result, ra.summary);
          const sb = summaryOf(rb.result, rb.summary);
          if (!sa || !sb || !ra.result || !rb.result) return <p className="muted">Both runs need a result to be compared.</p>;
          return (
            <div data-testid="load-compare">
              <Table columns={['Metric', { label: <>A · {new Date(ra.startedAt).toLocaleTimeString()}</>, key: 'c1', className: 'num' }, { label: <>B · {new Date(rb.startedAt).toLocaleTimeString()}</>, key: 'c2', className: 'num' }, 'B vs A']} className="compact compare-table">
                {compareRows(sa, sb).map((r) => (
                  <tr key={r.metric}>
                    <td>{r.metric}</td>
                    <td className="num">{r.a}</td>
                    <td className="num">{r.b}</td>
                    <td>
                      <Pill tone={VERDICT_TONE[r.verdict]} title={r.verdict}>
                        {r.change}
                      </Pill>
                    </td>
                  </tr>
                ))}
              </Table>
              <div className="grid-2 compare-columns">
                {[
                  { label: 'A', run: ra },
                  { label: 'B', run: rb },
                ].map(({ label, run }) =>
                  run.result ? (
                    <section key={label} aria-label={`Run ${label}`}>
                      <h3>
                        {label} <span className="mono small">{run.request.url}</span>
                      </h3>
                      <p className="muted small">{describeRequest(run.request)}</p>
                      <LatencyHistogram histogram={run.result.DurationHistogram} height={150} />
                      <CodeMix codes={run.result.RetCodes} />
                    </section>
                  ) : null,
                )}
              </div>
            </div>
          );
        }}
      </Async>
    </Card>
  );
}
