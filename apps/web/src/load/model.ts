// The Load page's data, shaped before React: form fields to a request, fortio's histogram to
// chart bars, percentiles and the response-code mix, and the figures two runs are compared by.
import type { FortioHistogramData, FortioResult, LoadRequest, LoadRun, LoadSummary } from '@rudder/shared/protocol';

export interface LoadForm {
  url: string;
  connections: string;
  qps: string;
  /** `calls` (fortio -n) or `duration` (-t). */
  mode: 'calls' | 'duration';
  calls: string;
  duration: string;
  /** One `name: value` a line. */
  headers: string;
}

export const DEFAULT_FORM: LoadForm = { url: '', connections: '4', qps: '8', mode: 'duration', calls: '100', duration: '5s', headers: '' };

/** The form as the API takes it; numbers left as typed are checked by the server (which names the field). */
export function toRequest(f: LoadForm): LoadRequest {
  const headers: Record<string, string> = {};
  for (const line of f.headers.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return {
    url: f.url.trim(),
    connections: Number(f.connections),
    qps: Number(f.qps),
    ...(f.mode === 'calls' ? { calls: Number(f.calls) } : { duration: f.duration.trim() }),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
  };
}

/** How far a running run is, 0..1, when it can be known (a count, or a duration). */
export function progressShare(run: LoadRun): number | undefined {
  const p = run.progress;
  if (!p) return 0;
  if (run.request.calls) return Math.min(1, p.calls / run.request.calls);
  const seconds = durationSeconds(run.request.duration ?? '5s');
  return seconds ? Math.min(1, p.elapsedSeconds / seconds) : undefined;
}

function durationSeconds(d: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(d);
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === 'ms' ? 0.001 : m[2] === 'm' ? 60 : 1);
}

export interface Bar {
  /** The bucket's upper bound in ms, as the axis label. */
  label: string;
  fromMs: number;
  toMs: number;
  count: number;
  percent: number;
}

/** fortio's DurationHistogram.Data (seconds) as bars in milliseconds. */
export function histogramBars(h: FortioHistogramData): Bar[] {
  const data = h.Data ?? [];
  let previous = 0;
  return data.map((b) => {
    const share = b.Percent - previous;
    previous = b.Percent;
    return { label: formatMs(b.End * 1000), fromMs: b.Start * 1000, toMs: b.End * 1000, count: b.Count, percent: Math.round(share * 10) / 10 };
  });
}

export function percentiles(h: FortioHistogramData): { p: number; ms: number }[] {
  return (h.Percentiles ?? []).map((x) => ({ p: x.Percentile, ms: x.Value * 1000 }));
}

export type Tone = 'ok' | 'warn' | 'bad' | 'neutral';

export interface CodeShare {
  code: string;
  label: string;
  count: number;
  percent: number;
  tone: Tone;
}

/** RetCodes as shares, largest first; -1 is fortio's socket error. */
export function codeMix(codes: Record<string, number>): CodeShare[] {
  const total = Object.values(codes).reduce((a, b) => a + b, 0);
  return Object.entries(codes)
    .map(([code, count]) => ({
      code,
      label: code === '-1' ? 'socket error' : code,
      count,
      percent: total ? Math.round((1000 * count) / total) / 10 : 0,
      tone: toneOf(code),
    }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

export function toneOf(code: string): Tone {
  if (code === '-1' || code.startsWith('5')) return 'bad';
  if (code.startsWith('4')) return 'warn';
  if (code.startsWith('2')) return 'ok';
  return 'neutral';
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(2))} s`;
  if (ms >= 10) return `${Number(ms.toFixed(1))} ms`;
  return `${Number(ms.toFixed(2))} ms`;
}

/** A run's figures from its result (or its summary when the result is not loaded). */
export function summaryOf(result: FortioResult | undefined, summary: LoadSummary | undefined): LoadSummary | undefined {
  if (!result) return summary;
  const h = result.DurationHistogram;
  const p = (q: number) => (h.Percentiles?.find((x) => x.Percentile === q)?.Value ?? 0) * 1000;
  return {
    calls: h.Count,
    actualQps: result.ActualQPS,
    avgMs: h.Avg * 1000,
    p50Ms: p(50),
    p90Ms: p(90),
    p99Ms: p(99),
    maxMs: h.Max * 1000,
    codes: result.RetCodes,
    durationSeconds: result.ActualDuration / 1e9,
  };
}

export interface CompareRow {
  metric: string;
  a: string;
  b: string;
  /** B relative to A, such as "+12%", when both are numbers. */
  change: string;
  /** Whether B is better, worse or the same as A for this metric. */
  verdict: 'better' | 'worse' | 'same';
}

const ROWS: [string, keyof LoadSummary, 'higher' | 'lower', (v: number) => string][] = [
  ['Calls', 'calls', 'higher', (v) => String(v)],
  ['Achieved qps', 'actualQps', 'higher', (v) => v.toFixed(1)],
  ['Average', 'avgMs', 'lower', formatMs],
  ['p50', 'p50Ms', 'lower', formatMs],
  ['p90', 'p90Ms', 'lower', formatMs],
  ['p99', 'p99Ms', 'lower', formatMs],
  ['Max', 'maxMs', 'lower', formatMs],
];

/** Side-by-side figures of two runs; the error share is compared too (lower is better). */
export function compareRows(a: LoadSummary, b: LoadSummary): CompareRow[] {
  const row = (metric: string, x: number, y: number, better: 'higher' | 'lower', fmt: (v: number) => string): CompareRow => {
    const change = x === 0 ? (y === 0 ? '0%' : '—') : `${y >= x ? '+' : ''}${Math.round(((y - x) / x) * 100)}%`;
    const same = Math.abs(y - x) <= Math.abs(x) * 0.02;
    const verdict = same ? 'same' : (y > x) === (better === 'higher') ? 'better' : 'worse';
    return { metric, a: fmt(x), b: fmt(y), change, verdict };
  };
  const rows = ROWS.map(([metric, key, better, fmt]) => row(metric, a[key] as number, b[key] as number, better, fmt));
  rows.push(row('Errors (non-2xx)', errorShare(a.codes), errorShare(b.codes), 'lower', (v) => `${v.toFixed(1)}%`));
  return rows;
}

export function errorShare(codes: Record<string, number>): number {
  const total = Object.values(codes).reduce((x, y) => x + y, 0);
  const bad = Object.entries(codes).filter(([c]) => !c.startsWith('2')).reduce((x, [, n]) => x + n, 0);
  return total ? (100 * bad) / total : 0;
}
