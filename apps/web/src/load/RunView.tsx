// One run: while it runs, its live progress (calls, rate, codes so far) and a Stop button;
// once it ended, fortio's result as a histogram, percentiles and the response-code mix.
import { useEffect, useState } from 'react';
import type { LoadProgress, LoadRun, LoadRunDetail } from '@rudder/shared/protocol';
import { useFetch } from '../api/use-fetch.js';
import { Card, Pill } from '../ui/controls.js';
import { Async } from '../ui/states.js';
import { followRun, getRun, stopRun } from './api.js';
import { CodeMix, LatencyHistogram, Percentiles } from './Charts.js';
import { formatMs, progressShare, summaryOf } from './model.js';

const STATE_TONE = { running: 'info', done: 'ok', stopped: 'warn', failed: 'bad' } as const;

export function StatePill({ run }: { run: LoadRun }) {
  return <Pill tone={STATE_TONE[run.state]}>{run.state}</Pill>;
}

export function describeRequest(r: LoadRun['request']): string {
  const amount = r.calls !== undefined ? `${r.calls} calls` : `for ${r.duration}`;
  return `${r.connections} connection${r.connections === 1 ? '' : 's'}, ${r.qps === 0 ? 'max qps' : `${r.qps} qps`}, ${amount}`;
}

function Live({ run, progress, canEdit }: { run: LoadRun; progress?: LoadProgress; canEdit: boolean }) {
  const [stopping, setStopping] = useState(false);
  const share = progressShare({ ...run, ...(progress ? { progress } : {}) });
  return (
    <div className="load-live" data-testid="load-progress">
      <progress max={1} {...(share !== undefined ? { value: share } : {})} aria-label="Run progress" />
      <p role="status" aria-live="polite">
        {progress ? `${progress.calls} calls in ${progress.elapsedSeconds.toFixed(1)} s, ${progress.qps} qps now` : 'Starting…'}
        {progress && Object.keys(progress.codes).length > 0
          ? ` — ${Object.entries(progress.codes)
              .map(([c, n]) => `${c === '-1' ? 'socket error' : c}: ${n}`)
              .join(', ')}`
          : ''}
      </p>
      {canEdit ? (
        <button
          type="button"
          className="btn small"
          disabled={stopping}
          onClick={() => {
            setStopping(true);
            stopRun(run.id).catch(() => setStopping(false));
          }}
        >
          {stopping ? 'Stopping…' : 'Stop'}
        </button>
      ) : null}
    </div>
  );
}

export function Result({ detail }: { detail: LoadRunDetail }) {
  const s = summaryOf(detail.result, detail.summary);
  if (!detail.result || !s) return <p className="notice bad">{detail.error ?? 'This run has no result.'}</p>;
  return (
    <div className="load-result" data-testid="load-result">
      {detail.error ? <p className="muted">{detail.error}: the figures cover the calls made until then.</p> : null}
      <dl className="load-figures">
        <div>
          <dt>Calls</dt>
          <dd>{s.calls}</dd>
        </div>
        <div>
          <dt>Achieved qps</dt>
          <dd>{s.actualQps.toFixed(1)}</dd>
        </div>
        <div>
          <dt>Average</dt>
          <dd>{formatMs(s.avgMs)}</dd>
        </div>
        <div>
          <dt>p99</dt>
          <dd>{formatMs(s.p99Ms)}</dd>
        </div>
        <div>
          <dt>Max</dt>
          <dd>{formatMs(s.maxMs)}</dd>
        </div>
      </dl>
      <LatencyHistogram histogram={detail.result.DurationHistogram} />
      <div className="grid-2 load-tables">
        <section aria-label="Percentiles">
          <h3>Percentiles</h3>
          <Percentiles histogram={detail.result.DurationHistogram} />
        </section>
        <section aria-label="Response codes">
          <h3>Response codes</h3>
          <CodeMix codes={detail.result.RetCodes} />
        </section>
      </div>
    </div>
  );
}

export function RunView({ id, canEdit, onEnded }: { id: string; canEdit: boolean; onEnded: () => void }) {
  const detail = useFetch((s) => getRun(id, s), [id]);
  const [progress, setProgress] = useState<LoadProgress>();
  const running = detail.data?.state === 'running';
  const { reload } = detail;
  useEffect(() => {
    if (!running) return;
    return followRun(
      id,
      (e) => {
        if (e.type === 'progress') setProgress(e.progress);
        else {
          reload();
          onEnded();
        }
      },
      () => setTimeout(reload, 1000),
    );
  }, [id, running, reload, onEnded]);
  return (
    <Card
      title={
        <>
          Run {detail.data ? <StatePill run={detail.data} /> : null}
        </>
      }
    >
      <Async {...detail}>
        {(d) => (
          <>
            <p className="load-target">
              <span className="mono">{d.request.url}</span>
              <span className="muted">
                {' '}
                · {describeRequest(d.request)}
                {d.request.headers ? ` · ${Object.entries(d.request.headers).map(([k, v]) => `${k}: ${v}`).join(', ')}` : ''} · started{' '}
                {new Date(d.startedAt).toLocaleString()} by {d.owner}
              </span>
            </p>
            {d.state === 'running' ? <Live run={d} {...(progress ?? d.progress ? { progress: progress ?? d.progress } : {})} canEdit={canEdit} /> : <Result detail={d} />}
          </>
        )}
      </Async>
    </Card>
  );
}
