// A trace's span tree as waterfall rows: depth-first (parents before children, siblings by
// start), each with its depth and its bar's offset and width as shares of the trace. Pure.
import type { SpanNode } from '../api/types.js';

export interface WaterfallRow {
  span: SpanNode;
  depth: number;
  /** 0..100 */
  offset: number;
  width: number;
}

export function waterfall(roots: readonly SpanNode[]): { rows: WaterfallRow[]; start: number; durationMs: number } {
  const all: { span: SpanNode; depth: number }[] = [];
  const visit = (s: SpanNode, depth: number) => {
    all.push({ span: s, depth });
    for (const c of [...s.children].sort((a, b) => a.start - b.start)) visit(c, depth + 1);
  };
  for (const r of [...roots].sort((a, b) => a.start - b.start)) visit(r, 0);
  if (all.length === 0) return { rows: [], start: 0, durationMs: 0 };
  const start = Math.min(...all.map((x) => x.span.start));
  const end = Math.max(...all.map((x) => x.span.start + x.span.durationMs));
  const total = Math.max(end - start, 0.001);
  return {
    start,
    durationMs: end - start,
    rows: all.map(({ span, depth }) => ({
      span,
      depth,
      offset: ((span.start - start) / total) * 100,
      width: Math.max(0.4, (span.durationMs / total) * 100),
    })),
  };
}
