import { describe, expect, it } from 'vitest';
import { buildView, shapeOf } from './build.js';
import { bookinfo, node } from './fixture.js';

describe('buildView', () => {
  const view = buildView(bookinfo());

  it('boxes the versions of an app with two or more of them, labelled by version', () => {
    expect(view.boxes.map((b) => [b.label, b.members.length])).toEqual([['reviews', 3]]);
    const r3 = view.nodes.find((n) => n.id.endsWith('reviews_v3'));
    expect(r3).toMatchObject({ parent: 'box_default_reviews', label: 'v3' });
    const pp = view.nodes.find((n) => n.id.endsWith('productpage_v1'));
    expect(pp).toMatchObject({ label: 'productpage', sublabel: 'v1' });
    expect(pp?.parent).toBeUndefined();
  });

  it('takes the box health from its worst member', () => {
    const g = bookinfo();
    (g.nodes.find((n) => n.id.endsWith('reviews_v2')) as { healthStatus: string }).healthStatus = 'Degraded';
    expect(buildView(g).boxes[0]?.health).toBe('Degraded');
  });

  it('draws Kiali shapes', () => {
    expect(shapeOf(node('a', { nodeType: 'workload' }))).toBe('circle');
    expect(shapeOf(node('a', { nodeType: 'app' }))).toBe('rect');
    expect(shapeOf(node('a', { nodeType: 'service', service: 'reviews' }))).toBe('triangle');
    const entry = { name: 'example', namespace: 'default', location: 'MESH_EXTERNAL' as const, hosts: ['api.example.com'] };
    expect(shapeOf(node('a', { nodeType: 'service', service: 'api.example.com', isServiceEntry: entry }))).toBe('plate');
    // A dotted name alone is not a ServiceEntry (a registry service may be addressed by FQDN).
    expect(shapeOf(node('a', { nodeType: 'service', service: 'reviews.default.svc.cluster.local' }))).toBe('triangle');
    expect(shapeOf(node('a', { nodeType: 'unknown' }))).toBe('unknown');
    expect(shapeOf(node('a', { nodeType: 'workload', isGateway: true }))).toBe('gateway');
  });

  it('carries edge numbers and VS feature badges', () => {
    const e = view.edges.find((x) => x.target.endsWith('reviews_v3'));
    expect(e).toMatchObject({ share: 80, p95: 1200, errorPercent: 12.5, health: 'Failure' });
    const svc = view.nodes.find((n) => n.id === 'svc_Kubernetes_default_reviews');
    expect(svc?.badges.map((b) => b.kind)).toEqual(['vs', 'shift']);
  });

  it('adds the namespace to labels outside the main namespace', () => {
    const gw = view.nodes.find((n) => n.data.isGateway);
    expect(gw?.sublabel).toBe('istio-system');
  });
});
