// Request rate, error rate and latency (p50/p95/p99) over the chosen window, from
// /rudder/v1/metrics, as small calm charts with a shared time axis.
import './metrics.css';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { get } from '../api/client.js';
import type { MetricsPoint, MetricsResult } from '../api/types.js';
import { useFetch } from '../api/use-fetch.js';
import { formatMs, formatRate } from '../graph/model/format.js';
import { Empty, ErrorState, Loading } from '../ui/states.js';
import { type Selector, seconds, stepFor } from './selectors.js';

const time = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

interface Series {
  key: keyof MetricsPoint | 'errRps';
  name: string;
  colour: string;
}

function Chart({ title, points, series, unit }: { title: string; points: (MetricsPoint & { errRps: number })[]; series: Series[]; unit: (v: number) => string }) {
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={120}>
        <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: -8 }}>
          <CartesianGrid stroke="var(--grid)" vertical={false} />
          <XAxis dataKey="t" tickFormatter={time} tick={{ fontSize: 10, fill: 'var(--muted)' }} stroke="var(--border)" minTickGap={40} />
          <YAxis tickFormatter={unit} tick={{ fontSize: 10, fill: 'var(--muted)' }} stroke="var(--border)" width={52} />
          <Tooltip
            labelFormatter={(t) => time(Number(t))}
            formatter={(v) => unit(Number(v))}
            contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12 }}
          />
          {series.length > 1 ? <Legend iconType="plainline" wrapperStyle={{ fontSize: 11 }} /> : null}
          {series.map((s) => (
            <Line key={s.key} type="monotone" dataKey={s.key} name={s.name} stroke={s.colour} strokeWidth={1.8} dot={false} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function MetricsCharts({ selector, duration, refreshKey }: { selector: Selector; duration: string; refreshKey?: unknown }) {
  const step = stepFor(seconds(duration));
  const query = { ...selector, duration, step: `${step}s` };
  const { data, error, loading, reload } = useFetch((signal) => get<MetricsResult>('/rudder/v1/metrics', query, signal), [JSON.stringify(query), refreshKey]);
  if (error && !data) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return loading ? <Loading label="Loading charts…" /> : null;
  if (data.total.requests === 0) return <Empty title="No requests in this window">Send traffic (Sandbox → traffic generator) or widen the time range.</Empty>;
  // The last step is still filling: leave it out rather than draw a false drop.
  const complete = data.points.filter((p) => p.t + data.stepSeconds * 1000 <= data.until);
  const points = complete.map((p) => ({ ...p, errRps: p.rps * (p.errorRateNon2xx / 100) }));
  return (
    <div className="charts">
      <Chart
        title="Request rate"
        points={points}
        unit={(v) => `${formatRate(v)}/s`}
        series={[
          { key: 'rps', name: 'requests', colour: 'var(--accent)' },
          { key: 'errRps', name: 'errors', colour: 'var(--bad)' },
        ]}
      />
      <Chart title="Error rate (non-2xx)" points={points} unit={(v) => `${Number(v.toFixed(1))}%`} series={[{ key: 'errorRateNon2xx', name: 'non-2xx', colour: 'var(--bad)' }]} />
      <Chart
        title="Latency"
        points={points}
        unit={formatMs}
        series={[
          { key: 'p50', name: 'p50', colour: 'var(--ok)' },
          { key: 'p95', name: 'p95', colour: 'var(--warn)' },
          { key: 'p99', name: 'p99', colour: 'var(--bad)' },
        ]}
      />
    </div>
  );
}
