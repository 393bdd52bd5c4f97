import { describe, expect, it } from 'vitest';
import { buildView } from './build.js';
import { bookinfo } from './fixture.js';
import { syntheticGraph } from './synthetic.js';
import { anchor, type ElkNode, fromElk, type Positions, quickLayout, toElk } from './layout.js';

describe('layout input and anchoring', () => {
  const view = buildView(bookinfo());

  it('nests box members and orders children by their old positions', () => {
    const prev: Positions = new Map([['vapp_Kubernetes_default_reviews_v3', { x: 0, y: 0, width: 48, height: 48 }]]);
    const elk = toElk(view, prev);
    const box = elk.children?.find((c) => c.id === 'box_default_reviews');
    expect(box?.children?.map((c) => c.id)[0]).toBe('vapp_Kubernetes_default_reviews_v3');
    expect(box?.children).toHaveLength(3);
    expect(elk.children?.some((c) => c.id === 'vapp_Kubernetes_default_reviews_v1')).toBe(false);
    expect(elk.edges).toHaveLength(view.edges.length);
  });

  it('reads positions back, members relative to their box', () => {
    const out: ElkNode = { id: 'root', children: [{ id: 'b', x: 100, y: 50, width: 200, height: 100, children: [{ id: 'n', x: 20, y: 36, width: 48, height: 48 }] }] };
    expect(fromElk(out).get('n')).toEqual({ x: 20, y: 36, width: 48, height: 48 });
  });

  it('shifts a new layout so old nodes stay put, and keeps pinned nodes', () => {
    const prev: Positions = new Map([
      ['a', { x: 100, y: 100, width: 48, height: 48 }],
      ['p', { x: 500, y: 9, width: 48, height: 48 }],
    ]);
    const next: Positions = new Map([
      ['a', { x: 40, y: 40, width: 48, height: 48 }],
      ['b', { x: 240, y: 40, width: 48, height: 48 }],
      ['p', { x: 0, y: 0, width: 48, height: 48 }],
    ]);
    const out = anchor(next, prev, new Set(['a', 'b']), new Set(['p']));
    expect(out.get('a')).toMatchObject({ x: 100, y: 100 });
    expect(out.get('b')).toMatchObject({ x: 300, y: 100 });
    expect(out.get('p')).toMatchObject({ x: 500, y: 9 });
  });

  it('places a quick first layout in columns by longest path', () => {
    const q = quickLayout(view);
    const x = (suffix: string) => [...q].find(([id]) => id.endsWith(suffix))?.[1].x;
    expect(x('istio-ingressgateway')).toBe(40);
    expect(x('_reviews_v3')).toBeGreaterThan(x('svc_Kubernetes_default_reviews') as number);
    expect(x('_ratings_v1')).toBeGreaterThan(x('_reviews_v3') as number);
  });

  it('wraps a quick layout of a large mesh to fit the screen, callers before callees', () => {
    const big = buildView(syntheticGraph(1000, 2000));
    const q = quickLayout(big);
    expect(q.size).toBe(1000);
    const xs = [...q.values()].map((p) => p.x);
    const ys = [...q.values()].map((p) => p.y);
    // Roughly as tall as wide: a single column per depth was 17 000 px tall.
    expect(Math.max(...ys)).toBeLessThan(Math.max(...xs) * 1.5);
    expect(new Set([...q.values()].map((p) => `${p.x},${p.y}`)).size).toBe(1000);
    for (const e of big.edges) expect((q.get(e.target)?.x ?? 0) > (q.get(e.source)?.x ?? 0)).toBe(true);
  });
});
