import { describe, expect, it } from 'vitest';
import type { SpanNode } from '../api/types.js';
import { waterfall } from './waterfall.js';

const span = (id: string, start: number, durationMs: number, children: SpanNode[] = []): SpanNode =>
  ({ id, traceId: 't', start, durationMs, children, service: id, name: id }) as unknown as SpanNode;

describe('waterfall', () => {
  it('orders depth-first with children by start, bars as shares of the trace', () => {
    const tree = span('gw', 0, 100, [span('b', 50, 50), span('a', 10, 20, [span('a1', 12, 10)])]);
    const w = waterfall([tree]);
    expect(w.rows.map((r) => [r.span.id, r.depth])).toEqual([
      ['gw', 0],
      ['a', 1],
      ['a1', 2],
      ['b', 1],
    ]);
    expect(w.rows[3]).toMatchObject({ offset: 50, width: 50 });
    expect(w.durationMs).toBe(100);
  });

  it('handles an empty trace', () => {
    expect(waterfall([]).rows).toEqual([]);
  });
});
