// Each badge links to what is behind it (issue: "a link from each graph badge to the
// resources behind it"): VirtualService features to the VirtualService, the circuit breaker
// to its DestinationRule, live ejections and overflows to the workload's endpoint state.
import { describe, expect, it } from 'vitest';
import { badgesOf } from './badges.js';
import { node } from './fixture.js';

describe('badge links', () => {
  it('point at the VirtualService, the DestinationRule and the workload', () => {
    const n = node('vapp_Kubernetes_default_reviews_v2', {
      workload: 'reviews-v2',
      badges: {
        virtualService: { name: 'reviews', namespace: 'default', faultInjection: true, mirroring: false, requestRouting: true, requestTimeout: false, trafficShifting: false, retries: false },
        circuitBreaker: { destinationRule: 'default/reviews', connectionPool: true, outlierDetection: false },
        ejectedEndpoints: 1,
        poolOverflows: 3,
      },
    });
    expect(badgesOf(n).map((b) => [b.kind, b.href])).toEqual([
      ['vs', '/config/VirtualService/default/reviews'],
      ['fault', '/config/VirtualService/default/reviews'],
      ['cb', '/config/DestinationRule/default/reviews'],
      ['ejected', '/workloads/default/reviews-v2'],
      ['overflow', '/workloads/default/reviews-v2'],
    ]);
  });

  it('sends a service node’s live badges to the service page', () => {
    const n = node('svc_Kubernetes_default_reviews', { nodeType: 'service', service: 'reviews', badges: { poolOverflows: 1 } });
    expect(badgesOf(n)[0]?.href).toBe('/services/default/reviews');
  });
});
