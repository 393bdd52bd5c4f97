import { describe, expect, it } from 'vitest';
import type { ReportedView } from '../api/types.js';
import type { SimulateResult } from './types.js';
import { actionLines, endpointState, faultPercent, joinEndpoints, outcomeOf, virtualServiceLink, whyNot } from './describe.js';

const REVIEWS = 'reviews.default.svc.cluster.local';

describe('simulation outcome', () => {
  it('says where a request goes, or why it does not', () => {
    const route: Extract<SimulateResult, { result: 'route' }> = {
      result: 'route',
      virtualService: 'default/reviews',
      ruleIndex: 1,
      matchIndex: 0,
      actions: {},
      destinations: [
        { host: REVIEWS, subset: 'v1', weight: 10 },
        { host: REVIEWS, subset: 'v3', weight: 90 },
      ],
    };
    expect(outcomeOf(route)).toEqual({ tone: 'ok', title: 'Routed to reviews v1 10%, reviews v3 90%', detail: 'by rule 1, match 0 of default/reviews' });
    expect(outcomeOf({ result: 'no-route', status: 404, responseFlag: 'NR', reason: 'no-matching-rule' })).toEqual({ tone: 'bad', title: '404 NR: no route', detail: expect.stringMatching(/none of its rules matches/) });
    expect(outcomeOf({ ...route, actions: { fault: { abort: { httpStatus: 400, percentage: { value: 100 } } } } }).title).toBe('Aborted with 400 (FI)');
    expect(outcomeOf({ ...route, actions: { fault: { abort: { httpStatus: 400, percentage: { value: 50 } } } } }).tone).toBe('ok');
    expect(outcomeOf({ ...route, actions: { redirect: { uri: '/x' } } }).title).toBe('Redirect 301');
    expect(virtualServiceLink('default/reviews')).toBe('/config/VirtualService/default/reviews');
  });

  it('applies fault percentages as the proxy does', () => {
    expect(faultPercent({})).toBe(100);
    expect(faultPercent({ percent: 30 })).toBe(30);
    expect(faultPercent({ percentage: {}, percent: 30 })).toBe(0);
    expect(faultPercent({ percentage: { value: 0.5 } })).toBe(0.5);
  });

  it('lists fault, timeout, retries and mirror with the defaults when the rule says nothing', () => {
    expect(actionLines({})).toEqual([
      { label: 'Timeout', text: 'none (Istio has no default route timeout)' },
      { label: 'Retries', text: expect.stringMatching(/^Istio's default: 2 retries/) },
    ]);
    const lines = actionLines({
      fault: { delay: { fixedDelay: '7s', percentage: { value: 100 } }, abort: { httpStatus: 500, percentage: { value: 12.5 } } },
      timeout: '0.5s',
      retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx,reset' },
      mirrors: [{ host: 'reviews.default.svc.cluster.local', subset: 'v2' }],
    });
    expect(lines.map((l) => `${l.label}: ${l.text}`)).toEqual([
      'Fault: delay: 7s on 100 % of requests (DI)',
      'Fault: abort: HTTP 500 on 12.5 % of requests (FI)',
      'Timeout: 0.5s for the whole request, retries included (UT)',
      'Retries: 3 retries, 2s per try, on 5xx, reset',
      'Mirror: reviews v2 — 100 % of requests, response discarded',
    ]);
    expect(actionLines({ retries: { attempts: 0 } })[1]?.text).toBe('none (attempts: 0)');
    expect(actionLines({ redirect: { uri: '/v1/bookRatings', authority: 'newratings.default.svc.cluster.local' } })).toEqual([{ label: 'Redirect', text: '301 to newratings.default.svc.cluster.local/v1/bookRatings' }]);
  });

  it('explains each failed match block', () => {
    expect(whyNot([{ index: 0, failed: 'headers.end-user: absent does not match' }])).toEqual(['headers.end-user: absent does not match']);
    expect(whyNot([{ index: 0, failed: 'uri: /a' }, { index: 1, failed: 'method: GET' }])).toEqual(['match 0: uri: /a', 'match 1: method: GET']);
  });
});

describe('endpoints with their live state', () => {
  const view = (subset: string | undefined, ejected: boolean): ReportedView => ({
    caller: { workload: 'productpage-v1', namespace: 'default', app: 'productpage', version: 'v1' },
    cluster: `outbound|9080|${subset ?? ''}|${REVIEWS}`,
    host: REVIEWS,
    ...(subset ? { subset } : {}),
    endpoints: [{ address: '127.0.0.1', port: 4001, healthy: !ejected, ejected, ejections: ejected ? 2 : 0, active: 1, ...(ejected ? { ejectedUntil: 40_000 } : {}) }],
    pool: { activeRequests: 0, pendingRequests: 0, connections: 0, maxConnections: 0, maxPendingRequests: 0, maxRequests: 0, overflows: 0, overflowsInInterval: 0 },
    proxy: 'p',
    reportedAt: 0,
  });
  const endpoints = [
    { name: 'reviews-v1-1', workload: 'reviews-v1', address: '127.0.0.1:4001', health: 'Healthy' },
    { name: 'reviews-v1-2', workload: 'reviews-v1', address: '127.0.0.1:4002', health: 'Unhealthy' },
  ];

  it('joins the view of the same host and subset by address', () => {
    const rows = joinEndpoints(endpoints, [view('v2', false), view('v1', true)], REVIEWS, 'v1');
    expect(rows[0]?.live).toEqual({ ejected: true, ejectedUntil: 40_000, ejections: 2, active: 1, healthy: false });
    expect(rows[1]?.live).toBeUndefined();
    expect(endpointState(rows[0] as (typeof rows)[0], 10_000)).toEqual({ tone: 'bad', text: 'Ejected for 30s more (2×)' });
    expect(endpointState(rows[1] as (typeof rows)[1], 10_000)).toEqual({ tone: 'warn', text: 'Unhealthy' });
    expect(joinEndpoints(endpoints, [view('v1', true)], REVIEWS, undefined)[0]?.live).toBeUndefined();
  });
});
