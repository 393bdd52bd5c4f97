// Istio's metric dimensions of a finished request (istio-semantics.md §7): the destination
// service from the destination picked, the route (fault aborts), passthrough or none; the
// inbound side's service from the Host, `-shadow` dropped; ids stable by content.
import { describe, expect, it } from 'vitest';
import type { Endpoint } from '@rudder/shared/protocol';
import type { RequestContext } from '../pipeline/context.js';
import { createEdgeKeyCache, parseService } from './edge-key.js';

const gateway = { workload: 'istio-ingressgateway', namespace: 'istio-system', app: 'istio-ingressgateway', version: 'unknown' };
const reviewsV2 = { workload: 'reviews-v2', namespace: 'default', app: 'reviews', version: 'v2' };
const endpoint: Endpoint = { address: '127.0.0.1', port: 1, labels: { app: 'reviews', version: 'v2' }, source: 'Instance', name: 'reviews-v2-1', namespace: 'default', workload: 'reviews-v2', health: 'Healthy' };
const ctx = (over: Partial<RequestContext>) => ({ source: gateway, flags: new Set(), status: 200, mirrored: false, host: 'reviews', ...over }) as unknown as RequestContext;

describe('edge keys', () => {
  const cache = createEdgeKeyCache();
  it('names the destination picked, from its endpoint', () => {
    const { key } = cache.keyOf(ctx({ destination: { host: 'reviews.default.svc.cluster.local', subset: undefined, port: undefined }, endpoint }), 'source', gateway);
    expect(key).toMatchObject({ reporter: 'source', destination: reviewsV2, destinationService: 'reviews.default.svc.cluster.local', destinationServiceName: 'reviews', destinationServiceNamespace: 'default', responseFlags: '-', mirrored: false });
  });

  it('names the route\'s service for a fault abort, with no workload', () => {
    const route = { kind: 'route', rule: { destinations: [{ host: 'ratings.default.svc.cluster.local' }] } };
    const { key } = cache.keyOf(ctx({ route: route as never, status: 500, flags: new Set(['FI']) as never }), 'source', gateway);
    expect(key).toMatchObject({ destination: { workload: 'unknown' }, destinationServiceName: 'ratings', responseCode: 500, responseFlags: 'FI' });
  });

  it('uses PassthroughCluster and BlackHoleCluster as Istio does', () => {
    expect(cache.keyOf(ctx({ route: { kind: 'passthrough', host: 'example.com:80' } as never }), 'source', gateway).key.destinationServiceName).toBe('PassthroughCluster');
    expect(cache.keyOf(ctx({ route: { kind: 'no-route' } as never, status: 502, host: 'example.com' }), 'source', gateway).key.destinationServiceName).toBe('BlackHoleCluster');
    expect(cache.keyOf(ctx({ route: { kind: 'no-route' } as never, status: 404 }), 'source', gateway).key.destinationService).toBe('unknown');
  });

  it('qualifies the inbound Host in the workload\'s namespace and drops -shadow; mirror copies keep their flag', () => {
    const { key, id } = cache.keyOf(ctx({ host: 'reviews-shadow', mirrored: true, source: { ...gateway } }), 'destination', reviewsV2);
    expect(key).toMatchObject({ reporter: 'destination', source: gateway, destination: reviewsV2, destinationService: 'reviews.default.svc.cluster.local', mirrored: true });
    // The same caller decoded again (a new object) gives the same id.
    expect(cache.keyOf(ctx({ host: 'reviews-shadow', mirrored: true, source: { ...gateway } }), 'destination', reviewsV2).id).toBe(id);
  });

  it('parses service hosts', () => {
    expect(parseService('details.bookinfo.svc.cluster.local')).toEqual({ host: 'details.bookinfo.svc.cluster.local', name: 'details', namespace: 'bookinfo' });
    expect(parseService('api.example.com')).toEqual({ host: 'api.example.com', name: 'api.example.com', namespace: 'unknown' });
  });
});
