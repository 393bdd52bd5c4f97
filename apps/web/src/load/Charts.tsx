// The latency histogram (fortio's buckets, recharts) and the response-code mix of one run.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FortioHistogramData } from '@rudder/shared/protocol';
import { Pill } from '../ui/controls.js';
import { codeMix, formatMs, histogramBars, percentiles } from './model.js';
import { Table } from '../ui/table.js';

const tick = { fontSize: 10, fill: 'var(--muted)' };

export function LatencyHistogram({ histogram, height = 180 }: { histogram: FortioHistogramData; height?: number }) {
  const bars = histogramBars(histogram);
  return (
    <figure className="chart load-histogram" data-testid="latency-histogram" aria-label={`Latency histogram, ${histogram.Count} calls in ${bars.length} buckets`}>
      <figcaption>Latency histogram (calls per bucket, upper bound)</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={bars} margin={{ top: 4, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid stroke="var(--grid)" vertical={false} />
          <XAxis dataKey="label" tick={tick} stroke="var(--border)" minTickGap={12} />
          <YAxis allowDecimals={false} tick={tick} stroke="var(--border)" width={44} />
          <Tooltip
            cursor={{ fill: 'var(--surface-2)' }}
            labelFormatter={(_l, p) => {
              const b = p?.[0]?.payload as (typeof bars)[number] | undefined;
              return b ? `${formatMs(b.fromMs)} – ${formatMs(b.toMs)}` : '';
            }}
            formatter={(v, _n, item) => [`${v} calls (${(item.payload as (typeof bars)[number]).percent}%)`, 'count']}
            contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12, color: 'var(--text)' }}
          />
          <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function Percentiles({ histogram }: { histogram: FortioHistogramData }) {
  const rows = percentiles(histogram);
  if (rows.length === 0) return <p className="muted">No percentiles: the run made no calls.</p>;
  return (
    <Table columns={['Percentile', { label: 'Latency', className: 'num' }]} className="compact" testId="percentiles">
      {rows.map((r) => (
        <tr key={r.p}>
          <td>p{r.p}</td>
          <td className="num">{formatMs(r.ms)}</td>
        </tr>
      ))}
    </Table>
  );
}

export function CodeMix({ codes }: { codes: Record<string, number> }) {
  const mix = codeMix(codes);
  if (mix.length === 0) return <p className="muted">No responses.</p>;
  return (
    <div className="code-mix" data-testid="code-mix">
      <div className="code-bar" aria-hidden="true">
        {mix.map((c) => (
          <span key={c.code} className={`code-seg tone-${c.tone}`} style={{ flexGrow: c.count }} title={`${c.label}: ${c.percent}%`} />
        ))}
      </div>
      <Table columns={['Code', { label: 'Calls', className: 'num' }, { label: 'Share', className: 'num' }]} className="compact">
        {mix.map((c) => (
          <tr key={c.code} data-code={c.code}>
            <td>
              <Pill tone={c.tone}>{c.label}</Pill>
            </td>
            <td className="num">{c.count}</td>
            <td className="num">{c.percent}%</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
