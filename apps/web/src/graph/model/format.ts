// Label formats as Kiali writes them (kiali-graph.md §3): rates with two decimals trimmed
// (more to show one significant digit), `N%err`, `123ms` or `1.25s`, shares below 100 %.
import type { EdgeLabelMode, ViewEdge } from './types.js';

/** `12`, `1.5`, `0.25`, `0.005`: two decimals trimmed, more for small values (max 5). */
export function formatRate(n: number): string {
  if (!Number.isFinite(n) || n <= 0) return '0';
  let digits = 2;
  while (digits < 5 && Number(n.toFixed(digits)) === 0) digits++;
  return String(Number(n.toFixed(digits)));
}

/** `850ms`, `1.25s` from 1000 ms. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(2))}s`;
  if (ms >= 10) return `${Math.round(ms)}ms`;
  return `${Number(ms.toFixed(1))}ms`;
}

/** `12%`, `0.5%`: one decimal below 1 %, else whole (Kiali's %err). */
export function formatPercent(p: number): string {
  return p < 1 && p > 0 ? `${Number(p.toFixed(1))}%` : `${Number(p.toFixed(p < 10 ? 1 : 0))}%`;
}

/** The edge's label lines for the chosen mode (empty when nothing applies). */
export function edgeLabel(edge: Pick<ViewEdge, 'rps' | 'errorPercent' | 'share' | 'p95' | 'mirror'>, mode: EdgeLabelMode): string[] {
  const lines: string[] = [];
  if (mode === 'rps') {
    lines.push(`${formatRate(edge.rps)}rps`);
    if (edge.errorPercent > 0) lines.push(`${formatPercent(edge.errorPercent)}err`);
  } else if (mode === 'percent' && edge.share !== undefined && edge.share > 0 && edge.share < 100) {
    lines.push(formatPercent(edge.share));
  } else if (mode === 'p95' && edge.p95 !== undefined) {
    lines.push(formatMs(edge.p95));
  }
  if (edge.mirror && mode !== 'none') lines.unshift('mirror');
  return lines;
}
