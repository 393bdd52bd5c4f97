import { describe, expect, it } from 'vitest';
import { buildView } from './build.js';
import { find, hide } from './filter.js';
import { parseQuery, type Query } from './find.js';
import { bookinfo } from './fixture.js';

const q = (text: string): Query => {
  const p = parseQuery(text);
  if (!p.ok) throw new Error(p.error);
  return p.query;
};

describe('find and hide', () => {
  const view = buildView(bookinfo());

  it('finds edges by expression: rt > 1000 and %error > 10', () => {
    expect([...find(view, q('rt > 1000'))]).toEqual(['svc_Kubernetes_default_reviews->vapp_Kubernetes_default_reviews_v3']);
    expect(find(view, q('%error>10')).size).toBe(1);
    expect(find(view, q('%err > 50')).size).toBe(0);
  });

  it('finds nodes by name, label, version, badge; OR joins clauses', () => {
    expect(find(view, q('name = ratings')).size).toBe(2);
    expect(find(view, q('label:version = v2')).size).toBe(1);
    expect(find(view, q('app = reviews AND version != v1')).size).toBe(2);
    expect(find(view, q('ts OR rt > 1000')).size).toBe(2);
    expect(find(view, q('ratings')).size).toBe(2);
    expect(find(view, q('gateway')).size).toBe(1);
  });

  it('reads labels from the registry when given', () => {
    const labels = (n: { data: { workload?: string } }) => (n.data.workload === 'reviews-v3' ? { team: 'books' } : undefined);
    expect(find(view, q('label:team = books'), labels).size).toBe(1);
  });

  it('reports what it cannot read', () => {
    expect(parseQuery('rt > 1 AND name = x')).toEqual({ ok: false, error: 'AND cannot mix node and edge terms; use OR between them' });
    expect(parseQuery('bogus > 3').ok).toBe(false);
    expect(parseQuery('rt').ok).toBe(false);
  });

  it('hides a node with its edges, and nodes left without edges', () => {
    const h = hide(view, q('name = ratings'));
    expect(h.nodes.some((n) => n.label === 'ratings')).toBe(false);
    expect(h.edges.some((e) => e.target.includes('ratings'))).toBe(false);
    const only = hide(view, q('app = reviews'));
    expect(only.boxes).toEqual([]);
    expect(only.nodes.some((n) => n.id === 'svc_Kubernetes_default_reviews')).toBe(true);
    expect(only.edges.some((e) => e.source === 'svc_Kubernetes_default_reviews')).toBe(false);
  });

  it('keeps identity when nothing is hidden', () => {
    expect(hide(view, q('name = nothing-here'))).toBe(view);
    expect(hide(view, [])).toBe(view);
  });
});
