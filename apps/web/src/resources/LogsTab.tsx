// The sidecar access log of a workload, followed live (Istio's JSON format): time,
// method, authority, path, code, flags and duration per line; the newest at the bottom,
// auto-scrolling unless the reader scrolled up. A filter narrows the lines shown.
import { useEffect, useRef, useState } from 'react';
import { followLogs } from '../api/logs.js';
import type { LogLine } from '../api/types.js';
import { Card, Pill } from '../ui/controls.js';
import { Empty } from '../ui/states.js';

const MAX_LINES = 500;
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export function LogsTab({ namespace, workload }: { namespace: string; workload: string }) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [error, setError] = useState<Error>();
  const [filter, setFilter] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useEffect(() => {
    setLines([]);
    let batch: LogLine[] = [];
    const flush = setInterval(() => {
      if (batch.length === 0) return;
      const add = batch;
      batch = [];
      setLines((l) => [...l, ...add].slice(-MAX_LINES));
    }, 250);
    const stop = followLogs({ namespace, workload, tail: 200 }, (l) => batch.push(l), setError);
    return () => {
      stop();
      clearInterval(flush);
    };
  }, [namespace, workload]);

  useEffect(() => {
    const el = box.current;
    if (el && stick.current && lines.length) el.scrollTop = el.scrollHeight;
  }, [lines]);

  const shown = filter ? lines.filter((l) => JSON.stringify(l.entry).toLowerCase().includes(filter.toLowerCase())) : lines;
  return (
    <Card
      title="Access log"
      actions={
        <span className="page-actions">
          <input type="search" aria-label="Filter log lines" placeholder="Filter, e.g. shadow or 503" value={filter} onChange={(e) => setFilter(e.target.value)} />
          <Pill tone={error ? 'bad' : 'ok'}>{error ? 'Stopped' : 'Following'}</Pill>
        </span>
      }
    >
      {error ? <p className="error-text">The log stream stopped: {error.message}. Reload the page to follow it again.</p> : null}
      {shown.length === 0 ? (
        <Empty title={lines.length ? 'No line matches the filter' : 'No log lines yet'}>Lines appear as this workload's sidecar serves requests; start traffic on the Sandbox page.</Empty>
      ) : (
        <div
          className="log-view"
          ref={box}
          data-testid="log-view"
          onScroll={(e) => {
            const el = e.currentTarget;
            stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 30;
          }}
        >
          {shown.map((l, i) => {
            const e = typeof l.entry === 'string' ? { raw: l.entry } : l.entry;
            const code = Number(e.response_code ?? 0);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: log lines have no identity; the list only grows at the end
              <div key={i} className="log-line">
                <span className="muted">{l.time.slice(11, 23)}</span>
                <span className="mono">{l.instance ?? l.workload}</span>
                <span className={`code code-${Math.floor(code / 100)}`}>{code || '-'}</span>
                <span className="mono log-req">
                  {str(e.method)} <b>{str(e.authority)}</b>
                  {str(e.path)} {e.response_flags && e.response_flags !== '-' ? <span className="flag">{str(e.response_flags)}</span> : null}
                  {e.raw ? str(e.raw) : null}
                </span>
                <span className="muted">{e.duration !== undefined ? `${str(e.duration)}ms` : ''}</span>
              </div>
            );
          })}
        </div>
      )}
    </Card>
  );
}
