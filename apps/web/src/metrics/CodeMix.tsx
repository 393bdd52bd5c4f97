// The response-code mix as one stacked bar with a legend (2xx, 3xx, 4xx, 5xx, no
// response), and the Envoy response flags with what each means.
import type { HttpRates, ResponseDetail } from '@rudder/shared/protocol';
import { formatPercent } from '../graph/model/format.js';
import { Table } from '../ui/table.js';

const CLASSES = [
  ['2xx', 'var(--ok)'],
  ['3xx', 'var(--accent)'],
  ['4xx', 'var(--warn)'],
  ['5xx', 'var(--bad)'],
  ['no response', 'var(--idle)'],
] as const;

/** Envoy's response flags (envoyproxy.io access-log docs; kiali utils/ResponseFlags.ts). */
export const FLAG_TEXT: Record<string, string> = {
  UH: 'No healthy upstream',
  UF: 'Upstream connection failure',
  UO: 'Upstream overflow (circuit breaker open)',
  NR: 'No route configured',
  URX: 'Retry limit reached',
  UT: 'Upstream request timeout',
  DI: 'Delayed by fault injection',
  FI: 'Aborted by fault injection',
  UC: 'Upstream connection termination',
  DC: 'Downstream connection termination',
  LR: 'Connection local reset',
  UR: 'Upstream remote reset',
};

export function mixFromRates(r: HttpRates): Record<string, number> {
  const total = r.http || 1;
  const ok = Math.max(0, r.http - r.http3xx - r.http4xx - r.http5xx - r.httpNoResponse);
  return { '2xx': (ok / total) * 100, '3xx': (r.http3xx / total) * 100, '4xx': (r.http4xx / total) * 100, '5xx': (r.http5xx / total) * 100, 'no response': (r.httpNoResponse / total) * 100 };
}

export function mixFromResponses(responses: Record<string, ResponseDetail>): Record<string, number> {
  const mix: Record<string, number> = {};
  for (const [code, d] of Object.entries(responses)) {
    const cls = code === '-' || code === '0' ? 'no response' : `${code[0]}xx`;
    mix[cls] = (mix[cls] ?? 0) + d.percent;
  }
  return mix;
}

export function CodeMix({ mix }: { mix: Record<string, number> }) {
  const parts = CLASSES.filter(([k]) => (mix[k] ?? 0) > 0);
  if (parts.length === 0) return <p className="muted">No requests in this window.</p>;
  return (
    <div className="code-mix">
      <div className="code-bar" role="img" aria-label={parts.map(([k]) => `${k} ${formatPercent(mix[k] ?? 0)}`).join(', ')}>
        {parts.map(([k, colour]) => (
          <span key={k} style={{ width: `${mix[k]}%`, background: colour }} />
        ))}
      </div>
      <ul className="code-legend">
        {parts.map(([k, colour]) => (
          <li key={k}>
            <span className="swatch" style={{ background: colour }} />
            {k} <b>{formatPercent(mix[k] ?? 0)}</b>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function FlagsTable({ responses }: { responses: Record<string, ResponseDetail> }) {
  const rows = Object.entries(responses).flatMap(([code, d]) => Object.entries(d.flags).map(([flag, pct]) => ({ code, flag, pct })));
  if (rows.length === 0) return null;
  return (
    <Table columns={['Code', 'Flags', 'Share']} className="compact">
      {rows.map((r) => (
        <tr key={`${r.code}-${r.flag}`}>
          <td className="mono">{r.code}</td>
          <td title={r.flag.split(',').map((f) => FLAG_TEXT[f] ?? f).join('; ')}>
            <span className="mono">{r.flag}</span> {r.flag !== '-' ? <span className="muted">{r.flag.split(',').map((f) => FLAG_TEXT[f] ?? '').join('; ')}</span> : null}
          </td>
          <td>{formatPercent(r.pct)}</td>
        </tr>
      ))}
    </Table>
  );
}
