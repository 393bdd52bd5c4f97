// One trace as a waterfall: a row per span (indented under its parent) with its bar on the
// trace's time axis; selecting a span shows its tags.
import { useState } from 'react';
import { get } from '../api/client.js';
import type { SpanNode, TraceDetail as Trace } from '../api/types.js';
import { useFetch } from '../api/use-fetch.js';
import { FLAG_TEXT } from '../metrics/CodeMix.js';
import { formatMs } from '../graph/model/format.js';
import { Card } from '../ui/controls.js';
import { Link } from '../ui/router.js';
import { PageHeader } from '../ui/shell.js';
import { Async } from '../ui/states.js';
import { waterfall } from './waterfall.js';
import './traces.css';

function Tags({ span }: { span: SpanNode }) {
  const tags: [string, string][] = [
    ['service', span.service],
    ['operation', span.name],
    ['kind', span.kind],
    ['http.method', span.method],
    ['http.url', span.url],
    ['http.status_code', String(span.responseCode)],
    ['response_flags', span.responseFlags + (FLAG_TEXT[span.responseFlags] ? ` (${FLAG_TEXT[span.responseFlags]})` : '')],
    ['upstream_cluster', span.upstreamCluster ?? '—'],
    ['node_id', span.instance ?? '—'],
    ['guid:x-request-id', span.requestId],
    ['duration', formatMs(span.durationMs)],
    ['span id', span.id],
  ];
  return (
    <dl className="kv span-tags">
      {tags.map(([k, v]) => (
        <div key={k} className="kv-row">
          <dt>{k}</dt>
          <dd className="mono">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function TraceDetail({ id }: { id: string }) {
  const trace = useFetch((s) => get<Trace>(`/rudder/v1/traces/${encodeURIComponent(id)}`, {}, s), [id]);
  const [open, setOpen] = useState<string>();
  return (
    <div className="page">
      <PageHeader
        title="Trace"
        subtitle={
          <>
            <Link to="/traces">Traces</Link> / <span className="mono">{id}</span>
          </>
        }
      />
      <Async {...trace}>
        {(t) => {
          const w = waterfall(t.roots);
          return (
            <Card title={`${t.summary.root} · ${formatMs(w.durationMs)} · ${t.summary.spans} spans`}>
              <div className="waterfall" data-testid="waterfall">
                <div className="wf-axis" aria-hidden="true">
                  {[0, 25, 50, 75, 100].map((p) => (
                    <span key={p} style={{ left: `${p}%` }}>
                      {formatMs((w.durationMs * p) / 100)}
                    </span>
                  ))}
                </div>
                {w.rows.map((r) => (
                  <div key={r.span.id} className="wf-item" data-testid="span-row">
                    <button type="button" aria-expanded={open === r.span.id} aria-label={`${r.span.service} ${r.span.kind === 'CLIENT' ? 'outbound' : 'inbound'} ${r.span.name}, depth ${r.depth + 1}`} className={`wf-row${r.span.error ? ' error' : ''}`} onClick={() => setOpen(open === r.span.id ? undefined : r.span.id)}>
                      <span className="wf-name" style={{ paddingLeft: r.depth * 14 }}>
                        <b>{r.span.service.split('.')[0]}</b> <span className="muted">{r.span.kind === 'CLIENT' ? 'out' : 'in'}</span> <span className="mono muted">{r.span.name}</span>
                      </span>
                      <span className="wf-track">
                        <span className="wf-bar" style={{ left: `${r.offset}%`, width: `${r.width}%` }} />
                        <span className={`wf-dur${r.offset + r.width > 80 ? ' inside' : ''}`} style={r.offset + r.width > 80 ? { right: `calc(${100 - r.offset - r.width}% + 6px)` } : { left: `calc(${r.offset + r.width}% + 6px)` }}>
                          {formatMs(r.span.durationMs)} · {r.span.responseCode}
                        </span>
                      </span>
                    </button>
                    {open === r.span.id ? <Tags span={r.span} /> : null}
                  </div>
                ))}
              </div>
            </Card>
          );
        }}
      </Async>
    </div>
  );
}
