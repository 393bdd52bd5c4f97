import type { LiveFrame } from '@rudder/shared/protocol';
import { describe, expect, it } from 'vitest';
import { buildView } from './build.js';
import { applyFrame, reconcile, structureKey } from './diff.js';
import { bookinfo, edge } from './fixture.js';

describe('live updates', () => {
  it('applies patches: upserts and removals', () => {
    const g = bookinfo();
    const frame: LiveFrame = {
      type: 'patch',
      seq: 2,
      timestamp: 5,
      upsertNodes: [],
      removeNodes: [],
      upsertEdges: [edge('svc_Kubernetes_default_ratings', 'vapp_Kubernetes_default_ratings_v1', 20)],
      removeEdges: ['vapp_Kubernetes_default_reviews_v2->svc_Kubernetes_default_ratings'],
    };
    const next = applyFrame(g, frame);
    expect(next?.edges).toHaveLength(g.edges.length - 1);
    expect(next?.edges.find((e) => e.id === 'svc_Kubernetes_default_ratings->vapp_Kubernetes_default_ratings_v1')?.rates.http).toBe(20);
    expect(applyFrame(undefined, frame)).toBeUndefined();
  });

  it('keeps the identity of unchanged nodes and edges, and the whole view when nothing changed', () => {
    const a = buildView(bookinfo());
    expect(reconcile(a, buildView(bookinfo()))).toBe(a);
    const g = bookinfo();
    (g.edges[0] as { rates: { http: number } }).rates.http = 99;
    const b = reconcile(a, buildView(g));
    expect(b).not.toBe(a);
    expect(b.nodes).toBe(a.nodes);
    const changed = b.edges.filter((e, i) => e !== a.edges[i]);
    expect(changed.map((e) => e.rps)).toEqual([99]);
  });

  it('changes the structure key only when nodes, boxes or edge ends change', () => {
    const a = buildView(bookinfo());
    const g = bookinfo();
    (g.edges[0] as { rates: { http: number } }).rates.http = 99;
    expect(structureKey(buildView(g))).toBe(structureKey(a));
    g.edges.pop();
    expect(structureKey(buildView(g))).not.toBe(structureKey(a));
  });
});
