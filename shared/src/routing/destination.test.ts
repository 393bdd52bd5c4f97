import { describe, expect, it } from 'vitest';
import { compileRouteTable } from './compile.js';
import { hashPolicy, pickDestination, resolveDestination } from './destination.js';
import { effectivePolicy } from './destination-rules.js';
import { matchRoute } from './match.js';
import { bookinfo, request, resource, snapshot } from './testdata/fixtures.js';
import type { CompiledRule, RouteTable } from './types.js';

function ruleOf(table: RouteTable, host: string): CompiledRule {
  const m = matchRoute(table, request(host, '/'));
  if (m.kind !== 'route') throw new Error(`no route for ${host}: ${m.kind}`);
  return m.rule;
}

const weights = (pairs: [string, number | undefined][]) =>
  resource('VirtualService', 'reviews', {
    hosts: ['reviews'],
    http: [{ route: pairs.map(([subset, weight]) => ({ destination: { host: 'reviews', subset }, ...(weight === undefined ? {} : { weight }) })) }],
  });

describe('pickDestination (weights need not sum to 100; Istio ≥ 1.15)', () => {
  const table = compileRouteTable(snapshot([...bookinfo('destination-rule-all.yaml'), ...bookinfo('virtual-service-reviews-80-20.yaml')]));
  const rule = ruleOf(table, 'reviews');
  it.each([
    [0, 'v1'],
    [0.5, 'v1'],
    [0.79, 'v1'],
    [0.81, 'v2'],
    [0.999, 'v2'],
  ])('80/20 with random %f → %s', (r, subset) => {
    expect(pickDestination(rule, () => r)?.subset).toBe(subset);
  });

  it.each([
    ['50/25 is a 2:1 split', [['v1', 50], ['v3', 25]], [[0.66, 'v1'], [0.67, 'v3']]],
    ['weight 0 or absent gets nothing when there are several', [['v1', 0], ['v2', undefined], ['v3', 30]], [[0, 'v3'], [0.99, 'v3']]],
    ['a single destination gets everything whatever its weight', [['v2', 20]], [[0.99, 'v2']]],
    ['three ways', [['v1', 1], ['v2', 1], ['v3', 2]], [[0.2, 'v1'], [0.3, 'v2'], [0.5, 'v3']]],
  ] as [string, [string, number | undefined][], [number, string][]][])('%s', (_name, pairs, picks) => {
    const r = ruleOf(compileRouteTable(snapshot([weights(pairs)])), 'reviews');
    for (const [random, subset] of picks) expect(pickDestination(r, () => random)?.subset).toBe(subset);
  });

  it('has nothing to pick when every weight is 0 (invalid upstream) or the rule redirects', () => {
    expect(pickDestination(ruleOf(compileRouteTable(snapshot([weights([['v1', 0], ['v2', 0]])])), 'reviews'), () => 0)).toBeUndefined();
    const redirect = resource('VirtualService', 'details', { hosts: ['details'], http: [{ redirect: { uri: '/v2' } }] });
    expect(pickDestination(ruleOf(compileRouteTable(snapshot([redirect])), 'details'), () => 0)).toBeUndefined();
  });
});

describe('resolveDestination', () => {
  const table = compileRouteTable(snapshot(bookinfo('destination-rule-all.yaml')));
  it('narrows endpoints to the subset labels', () => {
    const names = (subset?: string) => resolveDestination(table, 'reviews.default.svc.cluster.local', subset, undefined)?.endpoints.map((e) => e.name);
    expect(names('v1')).toEqual(['reviews-v1-1', 'reviews-v1-2']);
    expect(names('v2')).toEqual(['reviews-v2-3']);
    expect(names(undefined)).toEqual(['reviews-v1-1', 'reviews-v1-2', 'reviews-v2-3', 'reviews-v3-4']);
  });

  it('takes the only service port, and keys per-destination state by host|port|subset|policy', () => {
    const d = resolveDestination(table, 'reviews.default.svc.cluster.local', 'v2', undefined);
    expect(d?.port).toBe(9080);
    expect(d?.policy).toEqual({});
    expect(d?.policyKey).toBe(`reviews.default.svc.cluster.local|9080|v2|${hashPolicy({})}`);
    expect(d?.destinationRule?.names).toEqual(['reviews']);
  });

  it('has no cluster (503 NC) for an unknown host or a subset no DestinationRule defines', () => {
    expect(resolveDestination(table, 'httpbin.org', undefined, 80)).toBeUndefined();
    expect(resolveDestination(table, 'reviews.default.svc.cluster.local', 'v9', undefined)).toBeUndefined();
    expect(resolveDestination(compileRouteTable(snapshot([])), 'reviews.default.svc.cluster.local', 'v1', undefined)).toBeUndefined();
  });

  it('returns the same object for the same destination (compiled once per table)', () => {
    const a = resolveDestination(table, 'ratings.default.svc.cluster.local', 'v1', 9080);
    expect(resolveDestination(table, 'ratings.default.svc.cluster.local', 'v1', 9080)).toBe(a);
  });
});

describe('DestinationRule traffic policy layering', () => {
  const dr = resource('DestinationRule', 'reviews', {
    host: 'reviews',
    trafficPolicy: {
      loadBalancer: { simple: 'ROUND_ROBIN' },
      connectionPool: { http: { http1MaxPendingRequests: 1 } },
      portLevelSettings: [{ port: { number: 9443 }, loadBalancer: { simple: 'LEAST_REQUEST' } }],
    },
    subsets: [
      { name: 'v1', labels: { version: 'v1' } },
      { name: 'v2', labels: { version: 'v2' }, trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } },
      {
        name: 'v3',
        labels: { version: 'v3' },
        trafficPolicy: { outlierDetection: { consecutive5xxErrors: 1 }, portLevelSettings: [{ port: { number: 9080 }, tls: { mode: 'DISABLE' } }] },
      },
    ],
  });
  const table = compileRouteTable(snapshot([dr]));
  const policy = (subset: string | undefined, port: number) => resolveDestination(table, 'reviews.default.svc.cluster.local', subset, port)?.policy;

  it.each([
    ['no subset: the rule-level policy', undefined, 9080, { loadBalancer: { simple: 'ROUND_ROBIN' }, connectionPool: { http: { http1MaxPendingRequests: 1 } } }],
    ['a subset without policy inherits the rule-level one', 'v1', 9080, { loadBalancer: { simple: 'ROUND_ROBIN' }, connectionPool: { http: { http1MaxPendingRequests: 1 } } }],
    ['a subset section replaces the rule-level section', 'v2', 9080, { loadBalancer: { simple: 'RANDOM' }, connectionPool: { http: { http1MaxPendingRequests: 1 } } }],
    ['a rule-level portLevelSettings entry replaces all four sections (no inheritance)', undefined, 9443, { loadBalancer: { simple: 'LEAST_REQUEST' } }],
    ['the subset applies over the port-level rule policy', 'v2', 9443, { loadBalancer: { simple: 'RANDOM' } }],
    ['a subset portLevelSettings entry replaces all four sections', 'v3', 9080, { tls: { mode: 'DISABLE' } }],
    ['without a port entry the subset sections override', 'v3', 9443, { loadBalancer: { simple: 'LEAST_REQUEST' }, outlierDetection: { consecutive5xxErrors: 1 } }],
  ])('%s', (_name, subset, port, expected) => {
    expect(policy(subset, port)).toEqual(expected);
  });

  it('gives different policy keys to different policies and the same key whatever the key order', () => {
    const key = (subset: string) => resolveDestination(table, 'reviews.default.svc.cluster.local', subset, 9080)?.policyKey;
    expect(key('v1')).not.toBe(key('v2'));
    expect(key('v1')?.split('|').slice(0, 3)).toEqual(['reviews.default.svc.cluster.local', '9080', 'v1']);
    expect(hashPolicy({ a: 1, b: { c: [1, 2] } })).toBe(hashPolicy({ b: { c: [1, 2] }, a: 1 }));
    expect(effectivePolicy(undefined, undefined, 80)).toEqual({});
  });
});

describe('DestinationRule lookup: client namespace, then service namespace, then istio-system', () => {
  const rule = (name: string, namespace: string, extra: Record<string, unknown> = {}, host = 'ratings.default.svc.cluster.local') =>
    resource('DestinationRule', name, { host, subsets: [{ name: 'v1', labels: { version: 'v1' } }], ...extra }, namespace);
  const table = compileRouteTable(
    snapshot([
      rule('mesh-wide', 'istio-system', { trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } }, '*.svc.cluster.local'),
      rule('private', 'default', { exportTo: ['.'], trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } } }),
      rule('wildcard', 'default', { trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } } }, '*.default.svc.cluster.local'),
      rule('client-side', 'prod', { trafficPolicy: { loadBalancer: { simple: 'PASSTHROUGH' } } }),
      rule('selected', 'qa', { workloadSelector: { matchLabels: { app: 'tester' } } }),
    ]),
  );
  const chosen = (host: string, namespace: string, labels?: Record<string, string>) =>
    resolveDestination(table, host, undefined, 9080, { client: { namespace, ...(labels ? { labels } : {}) } })?.destinationRule?.names[0];

  it.each([
    ['the rule in the client namespace comes first', 'ratings.default.svc.cluster.local', 'prod', undefined, 'client-side'],
    ['in its own namespace an exact host beats a wildcard, whatever exportTo', 'ratings.default.svc.cluster.local', 'default', undefined, 'private'],
    ['from elsewhere, the service namespace rules exported there (`private` is not)', 'ratings.default.svc.cluster.local', 'staging', undefined, 'wildcard'],
    ['a workloadSelector rule applies only to the selected workloads', 'ratings.default.svc.cluster.local', 'qa', { app: 'tester' }, 'selected'],
    ['…and not to others in its namespace', 'ratings.default.svc.cluster.local', 'qa', { app: 'other' }, 'wildcard'],
  ])('%s', (_name, host, namespace, labels, expected) => {
    expect(chosen(host, namespace, labels)).toBe(expected);
  });

  it('falls back to the root namespace', () => {
    const t = compileRouteTable(snapshot([rule('mesh-wide', 'istio-system', {}, '*.svc.cluster.local')]));
    expect(resolveDestination(t, 'details.default.svc.cluster.local', 'v1', 9080, { client: { namespace: 'prod' } })?.destinationRule?.names).toEqual([
      'mesh-wide',
    ]);
  });

  it('merges rules for one host: subsets concatenated (first wins), trafficPolicy from the oldest that sets it', () => {
    const t = compileRouteTable(
      snapshot([
        resource('DestinationRule', 'a', { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] }),
        resource('DestinationRule', 'b', {
          host: 'reviews',
          trafficPolicy: { loadBalancer: { simple: 'RANDOM' } },
          subsets: [
            { name: 'v1', labels: { version: 'v3' } },
            { name: 'v2', labels: { version: 'v2' } },
          ],
        }),
      ]),
    );
    const v1 = resolveDestination(t, 'reviews.default.svc.cluster.local', 'v1', 9080);
    expect(v1?.destinationRule?.names).toEqual(['a', 'b']);
    expect(v1?.endpoints.map((e) => e.labels.version)).toEqual(['v1', 'v1']);
    expect(resolveDestination(t, 'reviews.default.svc.cluster.local', 'v2', 9080)?.policy).toEqual({ loadBalancer: { simple: 'RANDOM' } });
    expect(t.warnings).toEqual([
      'DestinationRule default/b: subset v1 of reviews.default.svc.cluster.local is already defined by a; the first one wins',
    ]);
  });
});
