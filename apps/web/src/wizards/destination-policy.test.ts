import { describe, expect, it } from 'vitest';
import { balancerFromLive, breakerFromLive, buildBalancer, buildBreaker, TUTORIAL_BREAKER } from './destination-policy.js';
import { baselineReviewsRule, reviews, schemaProblems } from './testing.js';

describe('load balancer', () => {
  it('sets a service policy and per-subset overrides, keeping the subsets (tutorial 6.10)', () => {
    const state = balancerFromLive(reviews());
    expect(state['']?.mode).toBe('default');
    const built = buildBalancer(reviews(), { ...state, '': { ...state[''], mode: 'simple', simple: 'ROUND_ROBIN' } as never, v2: { ...state.v2, mode: 'simple', simple: 'RANDOM' } as never });
    expect(built.problems).toEqual([]);
    const dr = built.resources[0];
    expect(dr?.spec?.trafficPolicy).toEqual({ loadBalancer: { simple: 'ROUND_ROBIN' } });
    expect((dr?.spec?.subsets as unknown[] | undefined)?.[1]).toEqual({ name: 'v2', labels: { version: 'v2' }, trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } });
    expect(dr?.metadata.annotations?.['rudder.dev/wizard-previous-spec']).toBe(JSON.stringify(baselineReviewsRule.spec));
    expect(schemaProblems(built.resources)).toEqual([]);
    expect(balancerFromLive({ ...reviews(), live: { dr } }).v2?.simple).toBe('RANDOM');
  });

  it('writes sticky sessions by cookie with a ttl (6.11) and names a missing name', () => {
    const state = balancerFromLive(reviews());
    const sticky = { ...state[''], mode: 'sticky' as const, sticky: { by: 'cookie' as const, name: 'user', ttl: '1800s' } };
    const built = buildBalancer(reviews(), { ...state, '': sticky as never });
    expect(built.resources[0]?.spec?.trafficPolicy).toEqual({ loadBalancer: { consistentHash: { httpCookie: { name: 'user', ttl: '1800s' } } } });
    expect(buildBalancer(reviews(), { '': { ...sticky, sticky: { by: 'header', name: '', ttl: '' } } as never }).problems[0]?.field).toBe('sticky-name-');
  });

  it('changes nothing when the form matches the live rule', () => {
    expect(buildBalancer(reviews(), balancerFromLive(reviews())).resources).toEqual([]);
  });
});

describe('circuit breaker', () => {
  const productpage = () => ({ ...reviews({}), service: 'productpage', subsets: ['v1'] });

  it('writes the tutorial values (6.13) and reads them back', () => {
    const built = buildBreaker(productpage(), TUTORIAL_BREAKER);
    expect(built.problems).toEqual([]);
    expect(built.resources[0]?.spec).toEqual({
      host: 'productpage',
      trafficPolicy: {
        connectionPool: { tcp: { maxConnections: 2, connectTimeout: '30ms' }, http: { http2MaxRequests: 1, maxRequestsPerConnection: 1 } },
        outlierDetection: { consecutiveGatewayErrors: 1, interval: '1s', baseEjectionTime: '3m' },
      },
    });
    expect(schemaProblems(built.resources)).toEqual([]);
    expect(breakerFromLive({ ...productpage(), live: { dr: built.resources[0] } })).toEqual(TUTORIAL_BREAKER);
  });

  it('with both sections off, removes a live breaker, and otherwise writes nothing (no error)', () => {
    const off = { ...TUTORIAL_BREAKER, pool: { ...TUTORIAL_BREAKER.pool, enabled: false }, outlier: { ...TUTORIAL_BREAKER.outlier, enabled: false } };
    const fresh = buildBreaker(productpage(), off);
    expect(fresh.problems).toEqual([]);
    expect(fresh.resources).toEqual([]);
    expect(fresh.warnings[0]).toContain('Turn on the connection pool');
    const live = buildBreaker(productpage(), TUTORIAL_BREAKER).resources[0];
    const removed = buildBreaker({ ...productpage(), live: { dr: live } }, off);
    expect(removed.resources[0]?.spec).toEqual({ host: 'productpage' });
  });

  it('names bad limits', () => {
    const bad = { ...TUTORIAL_BREAKER, pool: { ...TUTORIAL_BREAKER.pool, maxConnections: '-2', connectTimeout: 'soon' } };
    expect(buildBreaker(productpage(), bad).problems.map((p) => p.field)).toEqual(['max-connections', 'connect-timeout']);
  });
});
