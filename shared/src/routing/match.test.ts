import { describe, expect, it } from 'vitest';
import { compileRouteTable, RouteCompileError } from './compile.js';
import { matchRoute } from './match.js';
import { parseYamlDocument } from '../yaml/index.js';
import { bookinfo, bookinfoGateway, productpageSidecar, request, resource, snapshot, stored } from './testdata/fixtures.js';
import type { RouteMatch, RouteRequest, RouteTable } from './types.js';

/** A one-word summary for golden-style tables: `vs#rule`, `vs#rule.match`, `default:host`, `passthrough`, `404 NR …`. */
function summary(m: RouteMatch): string {
  switch (m.kind) {
    case 'route':
      return `${m.virtualService.name}#${m.rule.name ?? m.ruleIndex}${m.match ? `.${m.match.index}` : ''}`;
    case 'default':
      return `default:${m.service.host}`;
    case 'passthrough':
      return 'passthrough';
    case 'no-route':
      return `${m.status}${m.responseFlag ? ` ${m.responseFlag}` : ''} ${m.reason}`;
  }
}

const sidecarIn = (namespace: string, labels: Record<string, string> = { app: 'client' }) =>
  ({ kind: 'sidecar', namespace, labels }) as const;

describe('Bookinfo ingress (bookinfo-gateway.yaml: exact and prefix uri matches bound to bookinfo-gateway)', () => {
  const table = compileRouteTable(snapshot([...bookinfo('bookinfo-gateway.yaml'), ...bookinfo('virtual-service-all-v1.yaml')]));
  const byLabels = { kind: 'gateway', labels: { istio: 'ingressgateway', app: 'istio-ingressgateway' } } as const;
  it.each([
    ['/productpage', 'bookinfo#0.0'],
    ['/productpage?u=normal', 'bookinfo#0.0'],
    ['/static/css/style.css', 'bookinfo#0.1'],
    ['/login', 'bookinfo#0.2'],
    ['/logout', 'bookinfo#0.3'],
    ['/api/v1/products/0/reviews', 'bookinfo#0.4'],
    ['/productpage/extra', '404 NR no-matching-rule'],
    ['/', '404 NR no-matching-rule'],
    ['/Login', '404 NR no-matching-rule'],
  ])('%s → %s', (path, expected) => {
    for (const listener of [bookinfoGateway, byLabels]) {
      expect(summary(matchRoute(table, request('bookinfo.example.com:8080', path, { listener })))).toBe(expected);
    }
  });

  it('routes to productpage:9080 qualified in the VirtualService namespace', () => {
    const m = matchRoute(table, request('localhost', '/productpage', { listener: bookinfoGateway }));
    expect(m.kind === 'route' && m.rule.destinations.map((d) => `${d.host}:${d.port}`)).toEqual(['productpage.default.svc.cluster.local:9080']);
    expect(m.kind === 'route' && m.host).toBe('*');
  });

  it('keeps mesh VirtualServices off the gateway, and gateway ones off the sidecars', () => {
    // virtual-service-all-v1 binds reviews to the mesh only: at the gateway the `*` virtual host of `bookinfo` answers.
    expect(summary(matchRoute(table, request('reviews.default.svc.cluster.local', '/', { listener: bookinfoGateway })))).toBe(
      '404 NR no-matching-rule',
    );
    expect(summary(matchRoute(table, request('reviews', '/')))).toBe('reviews#0');
    // `bookinfo` (hosts *) is bound to the gateway only: a sidecar calling some host is not routed by it.
    expect(summary(matchRoute(table, request('bookinfo.example.com', '/productpage')))).toBe('passthrough');
  });

  it('answers 404 NR when the listener selects no gateway', () => {
    expect(summary(matchRoute(table, request('x', '/', { listener: { kind: 'gateway', labels: { istio: 'egressgateway' } } })))).toBe(
      '404 NR no-gateway',
    );
  });
});

describe('gateway binding and host intersection', () => {
  const shopGateway = resource('Gateway', 'shop-gateway', {
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*.example.com', 'prod/*.internal'] }],
  });
  const tlsGateway = resource('Gateway', 'tls-gateway', {
    servers: [{ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['*'], tls: { mode: 'SIMPLE', credentialName: 'c' } }],
  });
  const route = (host: string) => ({ route: [{ destination: { host } }] });
  const table = compileRouteTable(
    snapshot([
      shopGateway,
      tlsGateway,
      resource('VirtualService', 'shop', { hosts: ['shop.example.com'], gateways: ['shop-gateway'], http: [route('productpage')] }),
      resource('VirtualService', 'other', { hosts: ['other.example.com'], gateways: ['default/other-gateway'], http: [route('details')] }),
      resource('VirtualService', 'wide', { hosts: ['*.example.com'], gateways: ['default/shop-gateway'], http: [route('ratings')] }),
      resource('VirtualService', 'internal', { hosts: ['api.internal'], gateways: ['default/shop-gateway'], http: [route('details')] }),
      resource('VirtualService', 'internal', { hosts: ['api.internal'], gateways: ['default/shop-gateway'], http: [route('details')] }, 'prod'),
      resource('VirtualService', 'secure', { hosts: ['*'], gateways: ['tls-gateway'], http: [route('details')] }),
    ]),
  );
  const at = (host: string) => summary(matchRoute(table, request(host, '/', { listener: { kind: 'gateway', gateways: ['shop-gateway'] } })));
  it.each([
    ['shop.example.com', 'shop#0'],
    ['SHOP.example.com:8080', 'shop#0'],
    ['blog.example.com', 'wide#0'],
    ['other.example.com', 'wide#0'],
    ['api.internal', 'internal#0'],
    ['example.org', '404 NR gateway-host-unbound'],
  ])('%s → %s', (host, expected) => {
    expect(at(host)).toBe(expected);
  });

  it('admits `prod/` server hosts only to VirtualServices in prod', () => {
    const m = matchRoute(table, request('api.internal', '/', { listener: { kind: 'gateway', gateways: ['default/shop-gateway'] } }));
    expect(m.kind === 'route' && m.virtualService.key).toBe('prod/internal');
  });

  it('serves only plain HTTP servers on 80/8080, and warns about an unknown gateway', () => {
    expect(table.gateways.get('default/tls-gateway')?.servers).toEqual([]);
    expect(summary(matchRoute(table, request('x', '/', { listener: { kind: 'gateway', gateways: ['default/tls-gateway'] } })))).toBe(
      '404 NR gateway-host-unbound',
    );
    expect(table.warnings).toContain('VirtualService default/other: gateway default/other-gateway not found');
  });
});

describe('sidecar host resolution (short names qualified in the VirtualService namespace)', () => {
  const prodReviews = resource(
    'VirtualService',
    'reviews',
    { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }] },
    'prod',
  );
  const table = compileRouteTable(snapshot([...bookinfo('virtual-service-reviews-jason-v2-v3.yaml'), prodReviews]));
  const jason = { 'end-user': 'jason' };

  it.each(['reviews', 'reviews:9080', 'reviews.default', 'reviews.default.svc', 'reviews.default.svc.cluster.local', 'Reviews.Default.svc.cluster.local.'])(
    'finds the default/reviews VirtualService from a sidecar in default via %s',
    (host) => {
      expect(summary(matchRoute(table, request(host, '/reviews/0', { headers: jason, port: 9080 })))).toBe('reviews#0.0');
      expect(summary(matchRoute(table, request(host, '/reviews/0', { port: 9080 })))).toBe('reviews#1');
    },
  );

  it('qualifies `reviews` in prod to reviews.prod.svc.cluster.local', () => {
    expect(table.virtualServices.get('prod/reviews')?.hosts).toEqual(['reviews.prod.svc.cluster.local']);
    const fromProd = matchRoute(table, request('reviews', '/', { listener: sidecarIn('prod') }));
    expect(fromProd.kind === 'route' && fromProd.virtualService.key).toBe('prod/reviews');
    expect(fromProd.kind === 'route' && fromProd.host).toBe('reviews.prod.svc.cluster.local');
    // From prod, `reviews.default` still names the default service.
    expect(summary(matchRoute(table, request('reviews.default', '/', { listener: sidecarIn('prod'), headers: jason })))).toBe('reviews#0.0');
  });

  it('routes a registry host without VirtualService to the whole service, and unknown hosts by outboundTrafficPolicy', () => {
    expect(summary(matchRoute(table, request('ratings:9080', '/ratings/0')))).toBe('default:ratings.default.svc.cluster.local');
    expect(summary(matchRoute(table, request('httpbin.org', '/get')))).toBe('passthrough');
    // From another namespace a short name resolves there: ratings.staging does not exist.
    expect(summary(matchRoute(table, request('ratings', '/', { listener: sidecarIn('staging') })))).toBe('passthrough');
    const closed = compileRouteTable(snapshot(bookinfo('virtual-service-reviews-jason-v2-v3.yaml'), undefined, { outboundTrafficPolicy: 'REGISTRY_ONLY' }));
    expect(summary(matchRoute(closed, request('httpbin.org', '/get')))).toBe('502 registry-only');
    expect(summary(matchRoute(closed, request('ratings', '/')))).toBe('default:ratings.default.svc.cluster.local');
  });

  it('honours exportTo: a VirtualService exported to its own namespace only is invisible elsewhere', () => {
    const local = resource('VirtualService', 'ratings', { hosts: ['ratings.default.svc.cluster.local'], exportTo: ['.'], http: [{ route: [{ destination: { host: 'ratings' } }] }] });
    const t = compileRouteTable(snapshot([local]));
    expect(summary(matchRoute(t, request('ratings.default', '/')))).toBe('ratings#0');
    expect(summary(matchRoute(t, request('ratings.default', '/', { listener: sidecarIn('prod') })))).toBe('default:ratings.default.svc.cluster.local');
  });
});

describe('rule evaluation: first match wins, catch-all, 404 NR when every rule misses', () => {
  it('takes the first matching rule, with no longest-prefix preference, and falls to the catch-all', () => {
    const t = compileRouteTable(
      snapshot([
        resource('VirtualService', 'details', {
          hosts: ['details'],
          http: [
            { name: 'short', match: [{ uri: { prefix: '/d' } }], route: [{ destination: { host: 'details' } }] },
            { name: 'long', match: [{ uri: { prefix: '/details' } }], route: [{ destination: { host: 'details' } }] },
            { name: 'rest', route: [{ destination: { host: 'details' } }] },
            { name: 'unreachable', match: [{ uri: { prefix: '/x' } }], route: [{ destination: { host: 'details' } }] },
          ],
        }),
      ]),
    );
    expect(summary(matchRoute(t, request('details', '/details/0')))).toBe('details#short.0');
    expect(summary(matchRoute(t, request('details', '/x')))).toBe('details#rest');
  });

  it('answers 404 NR, naming the VirtualService, when a VirtualService exists but no rule matches (no fallback)', () => {
    // virtual-service-ratings-test-abort.yaml without its final catch-all rule.
    const abort = bookinfo('virtual-service-ratings-test-abort.yaml');
    const spec = abort[0]?.spec as { http: unknown[] };
    spec.http = spec.http.slice(0, 1);
    const t = compileRouteTable(snapshot(abort));
    const m = matchRoute(t, request('ratings', '/ratings/0'));
    expect(summary(m)).toBe('404 NR no-matching-rule');
    expect(m.kind === 'no-route' && m.virtualService?.key).toBe('default/ratings');
    expect(summary(matchRoute(t, request('ratings', '/ratings/0', { headers: { 'end-user': 'jason' } })))).toBe('ratings#0.0');
  });
});

describe('HTTPMatchRequest conditions', () => {
  const rules: [string, Record<string, unknown>][] = [
    ['uri-exact', { uri: { exact: '/exact' } }],
    ['uri-prefix', { uri: { prefix: '/prefix' } }],
    ['uri-regex', { uri: { regex: '/items/[0-9]+' } }],
    ['uri-icase', { uri: { exact: '/CaseY' }, ignoreUriCase: true }],
    ['uri-icase-prefix', { uri: { prefix: '/Fold' }, ignoreUriCase: true }],
    ['uri-icase-regex', { uri: { regex: '/Upper' }, ignoreUriCase: true }],
    ['uri-re2-flags', { uri: { regex: '(?i)/re2/[a-z]+' } }],
    ['hdr-exact', { uri: { exact: '/h' }, headers: { 'X-Exact': { exact: 'a' } } }],
    ['hdr-prefix', { uri: { exact: '/h' }, headers: { 'x-prefix': { prefix: 'pre' } } }],
    ['hdr-regex', { uri: { exact: '/h' }, headers: { 'x-regex': { regex: '[0-9]+' } } }],
    ['hdr-present', { uri: { exact: '/h' }, headers: { 'x-present': {} } }],
    ['without-present', { uri: { exact: '/without' }, withoutHeaders: { 'x-block': {} } }],
    ['without-value', { uri: { exact: '/without-value' }, withoutHeaders: { 'x-env': { exact: 'prod' } } }],
    ['query-exact', { uri: { exact: '/q' }, queryParams: { id: { exact: '7' } } }],
    ['query-prefix', { uri: { exact: '/q' }, queryParams: { tag: { prefix: 'ab' } } }],
    ['query-regex', { uri: { exact: '/q' }, queryParams: { n: { regex: '\\d+' } } }],
    ['query-empty', { uri: { exact: '/q' }, queryParams: { flag: { exact: '' } } }],
    ['method', { uri: { exact: '/m' }, method: { exact: 'POST' } }],
    ['scheme', { uri: { exact: '/s' }, scheme: { exact: 'https' } }],
    ['authority', { uri: { exact: '/a' }, authority: { prefix: 'details:' } }],
    ['source-labels', { uri: { exact: '/src' }, sourceLabels: { app: 'productpage' } }],
    ['source-namespace', { uri: { exact: '/ns' }, sourceNamespace: 'prod' }],
    ['port', { uri: { exact: '/port' }, port: 9080 }],
    ['and', { uri: { prefix: '/and' }, method: { exact: 'GET' }, headers: { 'x-and': { exact: 'yes' } } }],
  ];
  const t = compileRouteTable(
    snapshot([
      resource('VirtualService', 'details', {
        hosts: ['details'],
        http: [
          ...rules.map(([name, match]) => ({ name, match: [match], route: [{ destination: { host: 'details' } }] })),
          { name: 'or', match: [{ uri: { exact: '/or1' } }, { uri: { exact: '/or2' } }], route: [{ destination: { host: 'details' } }] },
          { name: 'fallback', route: [{ destination: { host: 'details' } }] },
        ],
      }),
    ]),
  );
  const cases: [string, Partial<RouteRequest> & { path: string }, string][] = [
    ['uri exact', { path: '/exact' }, 'uri-exact'],
    ['uri exact ignores the query string', { path: '/exact?x=1' }, 'uri-exact'],
    ['uri exact is the whole path', { path: '/exact/more' }, 'fallback'],
    ['uri prefix is a plain string prefix', { path: '/prefixes' }, 'uri-prefix'],
    ['uri regex matches the whole path', { path: '/items/123' }, 'uri-regex'],
    ['uri regex is anchored at the end', { path: '/items/123/x' }, 'fallback'],
    ['uri regex is anchored at the start', { path: '/v1/items/123' }, 'fallback'],
    ['ignoreUriCase exact', { path: '/casey' }, 'uri-icase'],
    ['ignoreUriCase prefix', { path: '/FOLDER' }, 'uri-icase-prefix'],
    ['ignoreUriCase does not touch a regex', { path: '/upper' }, 'fallback'],
    ['uri is case-sensitive by default', { path: '/EXACT' }, 'fallback'],
    ['RE2 inline flags', { path: '/RE2/ABC' }, 'uri-re2-flags'],
    ['header exact (names lower-cased)', { path: '/h', headers: { 'x-exact': 'a' } }, 'hdr-exact'],
    ['header exact is case-sensitive', { path: '/h', headers: { 'x-exact': 'A' } }, 'fallback'],
    ['header prefix', { path: '/h', headers: { 'x-prefix': 'prefix' } }, 'hdr-prefix'],
    ['header regex whole value', { path: '/h', headers: { 'x-regex': '42' } }, 'hdr-regex'],
    ['header regex partial value misses', { path: '/h', headers: { 'x-regex': 'a42' } }, 'fallback'],
    ['header {} means present', { path: '/h', headers: { 'x-present': '' } }, 'hdr-present'],
    ['repeated headers are joined with a comma', { path: '/h', headers: { 'x-regex': ['1', '2'] } }, 'fallback'],
    ['withoutHeaders {}: absent header matches', { path: '/without' }, 'without-present'],
    ['withoutHeaders {}: present header misses', { path: '/without', headers: { 'x-block': '1' } }, 'fallback'],
    ['withoutHeaders value: missing counts as empty', { path: '/without-value' }, 'without-value'],
    ['withoutHeaders value: other value matches', { path: '/without-value', headers: { 'x-env': 'dev' } }, 'without-value'],
    ['withoutHeaders value: that value misses', { path: '/without-value', headers: { 'x-env': 'prod' } }, 'fallback'],
    ['queryParams exact', { path: '/q?id=7' }, 'query-exact'],
    ['queryParams exact is whole', { path: '/q?id=77' }, 'fallback'],
    ['queryParams first value wins', { path: '/q?id=7&id=8' }, 'query-exact'],
    ['queryParams are percent-decoded', { path: '/q?tag=%61bc' }, 'query-prefix'],
    ['queryParams prefix', { path: '/q?tag=abc' }, 'query-prefix'],
    ['queryParams regex whole value', { path: '/q?n=123' }, 'query-regex'],
    ['queryParams regex partial misses', { path: '/q?n=a123' }, 'fallback'],
    ['queryParams exact "" matches ?key', { path: '/q?flag' }, 'query-empty'],
    ['queryParams exact "" matches ?key=', { path: '/q?flag=' }, 'query-empty'],
    ['queryParams: absent parameter misses', { path: '/q' }, 'fallback'],
    ['method', { path: '/m', method: 'POST' }, 'method'],
    ['method is case-sensitive', { path: '/m', method: 'post' }, 'fallback'],
    ['scheme', { path: '/s', scheme: 'https' }, 'scheme'],
    ['scheme defaults to http', { path: '/s' }, 'fallback'],
    ['authority matches the Host as sent', { path: '/a', host: 'details:9080' }, 'authority'],
    ['authority without the port misses', { path: '/a', host: 'details' }, 'fallback'],
    ['sourceLabels: subset of the client labels', { path: '/src' }, 'source-labels'],
    ['sourceLabels: other workload', { path: '/src', listener: sidecarIn('default', { app: 'reviews' }) }, 'fallback'],
    ['sourceNamespace', { path: '/ns', listener: sidecarIn('prod'), host: 'details.default' }, 'source-namespace'],
    ['sourceNamespace: other namespace', { path: '/ns' }, 'fallback'],
    ['port: the service port called', { path: '/port', port: 9080 }, 'port'],
    ['port: from the Host header', { path: '/port', host: 'details:9080' }, 'port'],
    ['port: another port', { path: '/port', host: 'details:8000' }, 'fallback'],
    ['AND inside one match', { path: '/and', headers: { 'x-and': 'yes' } }, 'and'],
    ['AND: one condition missing', { path: '/and' }, 'fallback'],
    ['OR across matches (second)', { path: '/or2' }, 'or.1'],
  ];
  it.each(cases)('%s', (_name, req, expected) => {
    const m = matchRoute(t, request(req.host ?? 'details', req.path, req));
    const got = m.kind === 'route' ? `${m.rule.name}${m.rule.name === 'or' ? `.${m.match?.index}` : ''}` : summary(m);
    expect(got).toBe(expected);
  });

  it('reads a header key without a value (YAML `x-user:`) as an empty StringMatch: present', () => {
    const yaml = 'kind: VirtualService\nmetadata: {name: details}\nspec:\n  hosts: [details]\n  http:\n  - match:\n    - headers:\n        x-user:\n    route:\n    - destination: {host: details}\n';
    const u = compileRouteTable(snapshot([stored(parseYamlDocument(yaml))]));
    expect(summary(matchRoute(u, request('details', '/', { headers: { 'x-user': 'anyone' } })))).toBe('details#0.0');
    expect(summary(matchRoute(u, request('details', '/')))).toBe('404 NR no-matching-rule');
  });

  it('compiles regexes with RE2 (no backreferences, no lookaround) and refuses the snapshot otherwise', () => {
    const bad = (regex: string) =>
      snapshot([resource('VirtualService', 'bad', { hosts: ['details'], http: [{ match: [{ headers: { x: { regex } } }], route: [{ destination: { host: 'details' } }] }] })]);
    expect(() => compileRouteTable(bad('(a)\\1'))).toThrow(RouteCompileError);
    expect(() => compileRouteTable(bad('a(?=b)'))).toThrow(/spec\.http\[0\]\.match\[0\]\.headers\[x\]/);
    expect(() => compileRouteTable(bad('a|b'))).not.toThrow();
  });
});

describe('a VirtualService whose every match is deselected for a client builds no routes for it (Istio)', () => {
  const only = (name: string, match: Record<string, unknown>) =>
    resource('VirtualService', name, { hosts: ['reviews'], http: [{ name, match: [match], route: [{ destination: { host: 'reviews', subset: 'v2' } }] }] });
  it('falls back to the default route when sourceLabels deselect every match', () => {
    const t = compileRouteTable(snapshot([only('for-productpage', { sourceLabels: { app: 'productpage' } })]));
    expect(summary(matchRoute(t, request('reviews', '/')))).toBe('for-productpage#for-productpage.0');
    expect(summary(matchRoute(t, request('reviews', '/', { listener: sidecarIn('default', { app: 'ratings' }) })))).toBe(
      'default:reviews.default.svc.cluster.local',
    );
  });

  it('falls back to the next VirtualService for the host, then routes (and 404s) there', () => {
    const t = compileRouteTable(
      snapshot([only('older', { sourceLabels: { app: 'productpage' } }), only('newer', { headers: { 'end-user': { exact: 'jason' } } })]),
    );
    const other = sidecarIn('default', { app: 'ratings' });
    expect(summary(matchRoute(t, request('reviews', '/')))).toBe('older#older.0');
    expect(summary(matchRoute(t, request('reviews', '/', { listener: other, headers: { 'end-user': 'jason' } })))).toBe('newer#newer.0');
    expect(summary(matchRoute(t, request('reviews', '/', { listener: other })))).toBe('404 NR no-matching-rule');
  });

  it('falls back when the match port is not the port called', () => {
    const t = compileRouteTable(snapshot([only('on-9081', { port: 9081 })]));
    expect(summary(matchRoute(t, request('reviews', '/', { port: 9081 })))).toBe('on-9081#on-9081.0');
    expect(summary(matchRoute(t, request('reviews', '/', { port: 9080 })))).toBe('default:reviews.default.svc.cluster.local');
  });
});

describe('match.gateways overrides the VirtualService gateways per match', () => {
  const t = compileRouteTable(
    snapshot([
      ...bookinfo('bookinfo-gateway.yaml'),
      resource('VirtualService', 'details', {
        hosts: ['details'],
        gateways: ['bookinfo-gateway', 'mesh'],
        http: [
          { name: 'mesh-only', match: [{ gateways: ['mesh'], uri: { prefix: '/' } }], route: [{ destination: { host: 'details' } }] },
          { name: 'gateway-only', match: [{ gateways: ['default/bookinfo-gateway'] }], route: [{ destination: { host: 'details' } }] },
        ],
      }),
    ]),
  );
  it('applies each match only where it names', () => {
    expect(summary(matchRoute(t, request('details', '/details/0')))).toBe('details#mesh-only.0');
    const atGateway = matchRoute(t, request('details.default.svc.cluster.local', '/details/0', { listener: bookinfoGateway }));
    expect(summary(atGateway)).toBe('details#gateway-only.0');
    // Other hosts at the gateway still fall to bookinfo's `*` virtual host.
    expect(summary(matchRoute(t, request('example.com', '/login', { listener: bookinfoGateway })))).toBe('bookinfo#0.2');
  });

  it('skips sourceLabels when the match names gateways (Istio sourceMatchHTTP)', () => {
    const u = compileRouteTable(
      snapshot([
        resource('VirtualService', 'details', {
          hosts: ['details'],
          http: [{ name: 'named', match: [{ gateways: ['mesh'], sourceLabels: { app: 'nobody' } }], route: [{ destination: { host: 'details' } }] }],
        }),
      ]),
    );
    expect(summary(matchRoute(u, request('details', '/')))).toBe('details#named.0');
  });
});

describe('several VirtualServices for one host', () => {
  const route = (name: string, match?: unknown[]) => ({ name, ...(match ? { match } : {}), route: [{ destination: { host: 'productpage' } }] });
  const build = (): RouteTable =>
    compileRouteTable(
      snapshot([
        ...bookinfo('bookinfo-gateway.yaml'),
        resource('VirtualService', 'old', {
          hosts: ['shop.example.com', 'productpage'],
          gateways: ['bookinfo-gateway', 'mesh'],
          http: [route('old-specific', [{ uri: { prefix: '/old' } }]), route('old-default'), route('hidden', [{ uri: { prefix: '/hidden' } }])],
        }),
        resource('VirtualService', 'new', {
          hosts: ['shop.example.com', 'productpage'],
          gateways: ['bookinfo-gateway', 'mesh'],
          http: [route('new-specific', [{ uri: { prefix: '/new' } }]), route('new-root', [{ uri: { prefix: '/' } }])],
        }),
      ]),
    );
  const t = build();
  it.each([
    ['/old/1', 'old#old-specific.0'],
    ['/new/1', 'new#new-specific.0'],
    ['/other', 'old#old-default'],
    ['/hidden', 'old#old-default'],
  ])('at a gateway they merge oldest first, catch-alls last: %s → %s', (path, expected) => {
    expect(summary(matchRoute(t, request('shop.example.com', path, { listener: bookinfoGateway })))).toBe(expected);
  });

  it('for the mesh the oldest one wins, with a warning', () => {
    expect(summary(matchRoute(t, request('productpage', '/new/1')))).toBe('old#old-default');
    expect(t.warnings.some((w) => w.includes('default/new') && w.includes('oldest one wins'))).toBe(true);
  });
});

describe('delegate VirtualServices (one level, matches narrowed within the root match)', () => {
  const t = compileRouteTable(
    snapshot([
      resource('VirtualService', 'reviews-root', {
        hosts: ['reviews'],
        http: [
          { name: 'root', match: [{ uri: { prefix: '/reviews' } }], delegate: { name: 'reviews-split', namespace: 'team' }, timeout: '3s' },
          { name: 'missing', delegate: { name: 'nowhere' } },
          { name: 'rest', route: [{ destination: { host: 'reviews', subset: 'v1' } }] },
        ],
      }),
      resource(
        'VirtualService',
        'reviews-split',
        {
          http: [
            { name: 'jason', match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [{ destination: { host: 'reviews.default.svc.cluster.local', subset: 'v2' } }] },
            { name: 'outside', match: [{ uri: { prefix: '/ratings' } }], route: [{ destination: { host: 'ratings' } }] },
            { name: 'all', route: [{ destination: { host: 'reviews', subset: 'v3' } }] },
          ],
        },
        'team',
      ),
    ]),
  );
  it.each([
    [{ path: '/reviews/0', headers: { 'end-user': 'jason' } }, 'reviews-root#root-jason.0', { name: 'reviews-split', namespace: 'team', ruleIndex: 0 }],
    [{ path: '/reviews/0', headers: {} }, 'reviews-root#root-all.0', { name: 'reviews-split', namespace: 'team', ruleIndex: 2 }],
    [{ path: '/ratings/0', headers: { 'end-user': 'jason' } }, 'reviews-root#rest', undefined],
  ])('%o → %s', (req, expected, delegate) => {
    const m = matchRoute(t, request('reviews', req.path, { headers: req.headers }));
    expect(summary(m)).toBe(expected);
    expect(m.kind === 'route' && m.rule.delegate).toEqual(delegate);
  });

  it('merges match conditions and inherits root fields the delegate leaves unset', () => {
    const rules = t.virtualServices.get('default/reviews-root')?.rules ?? [];
    expect(rules.map((r) => [r.ruleIndex, r.name, r.spec.timeout])).toEqual([
      [0, 'root-jason', '3s'],
      [0, 'root-all', '3s'],
      [2, 'rest', undefined],
    ]);
    expect(rules[0]?.spec.match).toEqual([{ uri: { prefix: '/reviews' }, headers: { 'end-user': { exact: 'jason' } } }]);
    // The delegate's short names resolve in its own namespace.
    expect(rules[1]?.destinations[0]?.host).toBe('reviews.team.svc.cluster.local');
  });

  it('drops conflicting delegate rules and missing delegates with warnings', () => {
    expect(t.warnings).toEqual([
      'VirtualService default/reviews-root spec.http[0] (delegate team/reviews-split spec.http[1]): its matches do not fit within the root rule\'s matches; the rule is ignored',
      'VirtualService default/reviews-root spec.http[1]: delegate VirtualService default/nowhere not found; the rule is ignored',
    ]);
    expect(t.virtualServices.has('team/reviews-split')).toBe(false);
  });
});

describe('listener objects', () => {
  it('reuses the gateway context for the same listener object', () => {
    const t = compileRouteTable(snapshot(bookinfo('bookinfo-gateway.yaml')));
    const listener = { kind: 'gateway', gateways: ['bookinfo-gateway'] } as const;
    matchRoute(t, request('a', '/login', { listener }));
    matchRoute(t, request('a', '/login', { listener: { ...listener } }));
    expect(t.gatewayContexts.size).toBe(1);
    expect(summary(matchRoute(t, request('a', 'http://a/login?x', { listener })))).toBe('bookinfo#0.2');
  });

  it('is the productpage sidecar by default in these tests', () => {
    expect(productpageSidecar.kind).toBe('sidecar');
  });
});
