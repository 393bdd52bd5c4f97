// VirtualService rules, case for case from istio/istio pkg/config/validation
// validation_test.go (TestValidateVirtualService, TestValidateHTTPRoute, ...) and
// virtualservice_test.go: accept or refuse, and the field path of every problem.
import { describe, expect, it } from 'vitest';
import { validateIstio } from './index.js';

type Spec = Record<string, unknown>;

function check(spec: Spec, namespace = 'default') {
  return validateIstio({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'vs', namespace }, spec });
}
/** The distinct field paths of the problems, sorted. */
const fields = (spec: Spec) => [...new Set(check(spec).problems.map((p) => p.field))].sort();
const warnings = (spec: Spec) => check(spec).warnings;

const dest = (host = 'foo.baz', extra: Spec = {}) => ({ destination: { host, ...extra } });
/** A VirtualService with one HTTP route: `http` replaces the default route fields. */
const http = (route: Spec, top: Spec = {}) => ({ hosts: ['foo.bar'], http: [{ route: [dest()], ...route }], ...top });
/** The same without the default destination (for redirects, direct responses, delegates). */
const bare = (route: Spec, top: Spec = {}) => ({ hosts: ['foo.bar'], http: [route], ...top });
const H = 'spec.http[0]';

describe('VirtualService top level (TestValidateVirtualService, TestValidateChainingVirtualService)', () => {
  it.each<[string, Spec, string[]]>([
    ['simple', http({}), []],
    ['duplicate hosts', http({}, { hosts: ['*.foo.bar', '*.bar'] }), ['spec.hosts[1]']],
    ['exact duplicate hosts', http({}, { hosts: ['a.com', 'b.com', 'a.com'] }), ['spec.hosts[2]']],
    ['wildcard covering a later host', http({}, { hosts: ['*.foo.com', 'a.foo.com'] }), ['spec.hosts[1]']],
    ['distinct hosts', http({}, { hosts: ['a.foo.com', 'b.foo.com', 'foo.com'] }), []],
    ['with no destination', { hosts: ['*.foo.bar', '*.bar'], http: [{ route: [{}] }] }, ['spec.hosts[1]', `${H}.route[0].destination`]],
    ['destination without host', { hosts: ['foo.bar'], http: [{ route: [{ destination: {} }] }] }, [`${H}.route[0].destination.host`]],
    ['delegate with no hosts', { http: [{ route: [dest()] }] }, []],
    ['bad host', http({}, { hosts: ['foo.ba!r'] }), ['spec.hosts[0]']],
    ['IP host', http({}, { hosts: ['10.1.2.3'] }), []],
    ['IPv6 host', http({}, { hosts: ['2001:db8::1'] }), []],
    ['short-name host', http({}, { hosts: ['reviews'] }), []],
    ['no tcp or http routing', { hosts: ['foo.bar'] }, ['spec.http']],
    ['bad gateway', http({}, { gateways: ['b@dgateway'] }), ['spec.gateways[0]']],
    ['FQDN for gateway', http({}, { gateways: ['gateway.example.com'] }), []],
    ['namespace/name for gateway', http({}, { gateways: ['ns1/gateway'] }), []],
    ['namespace/* for gateway', http({}, { gateways: ['ns1/*'] }), ['spec.gateways[0]']],
    ['*/name for gateway', http({}, { gateways: ['*/gateway'] }), ['spec.gateways[0]']],
    ['empty gateway name part', http({}, { gateways: ['ns1/'] }), ['spec.gateways[0]']],
    ['every gateway is checked', http({}, { gateways: ['mesh', 'b@d', 'x/*'] }), ['spec.gateways[1]', 'spec.gateways[2]']],
    ['wildcard for mesh gateway', http({}, { hosts: ['*'] }), ['spec.hosts[0]']],
    ['wildcard with mesh listed', http({}, { hosts: ['*'], gateways: ['gw', 'mesh'] }), ['spec.hosts[0]']],
    ['wildcard for non-mesh gateway', http({}, { hosts: ['*'], gateways: ['somegateway'] }), []],
    ['missing tcp route', { hosts: ['foo.bar'], tcp: [{ match: [{ port: 999 }] }] }, ['spec.tcp[0].route']],
    ['missing tls route', { hosts: ['foo.bar'], tls: [{ match: [{ port: 999, sniHosts: ['foo.bar'] }] }] }, ['spec.tls[0].route']],
    ['set authority header', http({ headers: { request: { set: { ':authority': 'foo' } } } }), []],
    ['set authority in destination', { hosts: ['foo.bar'], http: [{ route: [{ ...dest(), headers: { request: { set: { ':authority': 'foo' } } } }] }] }, []],
    ['set authority in rewrite and header', http({ headers: { request: { set: { ':authority': 'foo' } } }, rewrite: { authority: 'bar' } }), [`${H}.headers.request.set[:authority]`]],
    ['set host in header twice', http({ headers: { request: { set: { host: 'a' }, add: { ':authority': 'b' } } } }), [`${H}.headers.request.add[:authority]`]],
    ['jwt claim route without gateway', http({ match: [{ uri: { prefix: '/' }, headers: { '@request.auth.claims.foo': { exact: 'bar' } } }] }, { gateways: ['mesh'] }), [`${H}.match[0].headers`]],
    ['jwt claim route on a gateway', http({ match: [{ headers: { '@request.auth.claims.foo': { exact: 'bar' } } }] }, { gateways: ['ns/gw'] }), []],
    ['jwt claim in withoutHeaders on the mesh', http({ match: [{ withoutHeaders: { '@request.auth.claims[a][b]': { exact: 'x' } } }] }), [`${H}.match[0].withoutHeaders`]],
    ['root simple', bare({ delegate: { name: 'test', namespace: 'test' } }, { gateways: ['test-gateway'] }), []],
    ['root applies to sidecar with delegate', bare({ delegate: { name: 'test', namespace: 'test' } }), []],
    ['root with delegate and destination in one route', http({ delegate: { name: 'test', namespace: 'test' } }), [`${H}.route`]],
    ['delegate with no destination', { hosts: [], http: [{}] }, [`${H}.route`]],
    ['delegate with delegate', { hosts: [], http: [{ delegate: { name: 'test', namespace: 'test' } }] }, [`${H}.delegate`, `${H}.route`]],
    ['delegate with TCP route', { hosts: [], tcp: [{ route: [dest()] }] }, ['spec.tcp']],
    ['delegate with TLS route', { tls: [{ match: [{ sniHosts: ['a.com'] }], route: [dest()] }] }, ['spec.tls', 'spec.tls[0].match[0].sniHosts[0]']],
    ['delegate with gateway', { hosts: [], gateways: ['test'], http: [{ route: [dest()] }] }, ['spec.gateways']],
    ['delegate with sourceNamespace', { hosts: [], http: [{ match: [{ sourceNamespace: 'test' }], route: [dest()] }] }, []],
    ['exportTo dot and own namespace', http({}, { exportTo: ['.', 'default'] }), ['spec.exportTo[1]']],
    ['exportTo star with others', http({}, { exportTo: ['*', 'ns1'] }), ['spec.exportTo']],
    ['exportTo tilde', http({}, { exportTo: ['~'] }), ['spec.exportTo[0]']],
    ['exportTo bad namespace', http({}, { exportTo: ['Not_A_Label'] }), ['spec.exportTo[0]']],
    ['exportTo valid', http({}, { exportTo: ['.', 'ns1', 'ns2'] }), []],
  ])('%s', (_name, spec, expected) => {
    expect(fields(spec)).toEqual(expected);
  });

  it('warns about the legacy name.namespace gateway form with the recommended spelling', () => {
    expect(warnings(http({}, { gateways: ['gateway.example.com'] }))).toEqual([
      'spec.gateways[0]: using legacy gatewayName format "gateway.example.com"; prefer the <namespace>/<name> format: "example/gateway"',
    ]);
  });

  it('reports a duplicate host with both names', () => {
    const [problem] = check(http({}, { hosts: ['*.foo.bar', '*.bar'] })).problems;
    expect(problem).toMatchObject({ reason: 'FieldValueDuplicate', message: expect.stringContaining('*.foo.bar & *.bar') });
  });
});

describe('HTTP route shape and actions (TestValidateHTTPRoute, TestValidateRootHTTPRoute)', () => {
  it.each<[string, Spec, string[]]>([
    ['empty', bare({}), [`${H}.route`]],
    ['no destination', bare({ route: [{}] }), [`${H}.route[0].destination`]],
    ['weighted', bare({ route: [dest('foo.baz.south', {}), dest('foo.baz.east')].map((d, i) => ({ ...d, weight: [25, 75][i] })) }), []],
    ['total weight > 100', bare({ route: [{ ...dest('a.b'), weight: 550 }, { ...dest('c.d'), weight: 500 }] }), []],
    ['total weight < 100', bare({ route: [{ ...dest('a.b'), weight: 49 }, { ...dest('c.d'), weight: 50 }] }), []],
    ['negative weight (Istio: weight < 0)', bare({ route: [{ ...dest('a.b'), weight: 5 }, { ...dest('c.d'), weight: -1 }] }), [`${H}.route[1].weight`]],
    ['negative weights summing to zero', bare({ route: [{ ...dest('a.b'), weight: 5 }, { ...dest('c.d'), weight: -5 }] }), [`${H}.route`, `${H}.route[1].weight`]],
    ['all weights zero', bare({ route: [{ ...dest('a.b'), weight: 0 }, dest('c.d')] }), [`${H}.route`]],
    ['single zero weight', bare({ route: [{ ...dest('a.b'), weight: 0 }] }), []],
    ['weights wrapping to 0 as int32', bare({ route: [{ ...dest('a.b'), weight: 2147483647 }, { ...dest('c.d'), weight: 2147483647 }, { ...dest('e.f'), weight: 2 }] }), [`${H}.route`]],
    ['simple redirect', bare({ redirect: { uri: '/lerp', authority: 'foo.biz' } }), []],
    ['prefix_rewrite redirect with prefix URI match', bare({ match: [{ uri: { prefix: '/foo' } }], redirect: { prefixRewrite: '/bar' } }), []],
    ['prefix_rewrite redirect with exact URI match', bare({ match: [{ uri: { exact: '/foo' } }], redirect: { prefixRewrite: '/bar' } }), [`${H}.redirect.prefixRewrite`]],
    ['prefix_rewrite redirect with regex URI match', bare({ match: [{ uri: { regex: '/foo.*' } }], redirect: { prefixRewrite: '/bar' } }), [`${H}.redirect.prefixRewrite`]],
    ['prefix_rewrite redirect with no URI match', bare({ match: [{ headers: { 'x-foo': { exact: 'bar' } } }], redirect: { prefixRewrite: '/bar' } }), []],
    ['conflicting redirect and route', http({ redirect: { uri: '/lerp', authority: 'foo.biz' } }), [`${H}.route`]],
    ['redirect with fault', bare({ redirect: { uri: '/a' }, fault: { abort: { httpStatus: 500 } } }), [`${H}.fault`]],
    ['redirect with rewrite', bare({ redirect: { uri: '/a' }, rewrite: { uri: '/b' } }), [`${H}.rewrite`]],
    ['redirect with directResponse', bare({ redirect: { uri: '/a' }, directResponse: { status: 200 } }), [`${H}.directResponse`]],
    ['directResponse with route', http({ directResponse: { status: 200 } }), [`${H}.route`]],
    ['directResponse with fault', bare({ directResponse: { status: 503 }, fault: { delay: { fixedDelay: '1s' } } }), [`${H}.fault`]],
    ['directResponse alone', bare({ directResponse: { status: 503, body: { string: 'down' } } }), []],
    ['mirror and mirrors', http({ mirror: { host: 'foo.baz' }, mirrors: [dest('foo.bar')] }), [`${H}.mirrors`]],
    ['valid mirror', http({ mirror: { host: 'shadow.default.svc.cluster.local', subset: 'v2' }, mirrorPercentage: { value: 50 } }), []],
    ['mirror with bad subset', http({ mirror: { host: 'a.b', subset: 'V_2' } }), [`${H}.mirror.subset`]],
    ['invalid mirror percent', http({ mirrorPercent: 101 }), [`${H}.mirrorPercent`]],
    ['invalid mirror_percent', http({ mirror_percent: 101 }), [`${H}.mirror_percent`]],
    ['invalid mirror percentage', http({ mirrorPercentage: { value: 101 } }), [`${H}.mirrorPercentage.value`]],
    ['valid mirror percentage', http({ mirrorPercentage: { value: 1 } }), []],
    ['negative mirror percentage', http({ mirrorPercentage: { value: -1 } }), [`${H}.mirrorPercentage.value`]],
    ['mirrors without destination', http({ mirrors: [{}] }), [`${H}.mirrors[0].destination`]],
    ['mirrors invalid percentage', http({ mirrors: [dest(), { ...dest(), percentage: { value: 101 } }] }), [`${H}.mirrors[1].percentage.value`]],
    ['mirrors valid percentage', http({ mirrors: [{ ...dest(), percentage: { value: 1 } }, { ...dest(), percentage: { value: 50 } }] }), []],
    ['mirrors negative percentage', http({ mirrors: [{ ...dest(), percentage: { value: -1 } }] }), [`${H}.mirrors[0].percentage.value`]],
    ['route and delegate conflict', http({ delegate: { name: 'test', namespace: 'test' } }), [`${H}.route`]],
    ['redirect and delegate conflict', bare({ redirect: { uri: '/lerp', authority: 'foo.biz' }, delegate: { name: 'test', namespace: 'test' } }), [`${H}.redirect`]],
    ['timeout', http({ timeout: '10s' }), []],
    ['timeout 0s', http({ timeout: '0s' }), [`${H}.timeout`]],
    ['timeout below 1ms', http({ timeout: '500us' }), [`${H}.timeout`]],
    ['timeout not whole ms', http({ timeout: '1.0005s' }), [`${H}.timeout`]],
    ['timeout 1.1s', http({ timeout: '1.1s' }), []],
    ['timeout garbage', http({ timeout: 'ten seconds' }), [`${H}.timeout`]],
    ['every problem of a route', bare({ route: [{ ...dest('*'), weight: -1 }], timeout: '0s', retries: { attempts: -1 } }), [`${H}.retries.attempts`, `${H}.route[0].destination.host`, `${H}.route[0].weight`, `${H}.timeout`]],
  ])('%s', (_name, spec, expected) => {
    expect(fields(spec)).toEqual(expected);
  });

  it('has no sum-to-100 rule and no warning about it', () => {
    const result = check(bare({ route: [{ ...dest('a.b'), weight: 50 }, { ...dest('c.d'), weight: 25 }] }));
    expect(result).toEqual({ problems: [], warnings: [] });
  });

  it('reports a negative weight in apiserver style', () => {
    const [problem] = check(bare({ route: [{ ...dest('a.b'), weight: -5 }] })).problems;
    expect(problem).toEqual({ field: `${H}.route[0].weight`, reason: 'FieldValueInvalid', message: 'Invalid value: -5: weight must be non-negative' });
  });

  it('warns on the deprecated mirrorPercent and mirror_percent', () => {
    expect(warnings(http({ mirror: { host: 'a.b' }, mirror_percent: 50 }))).toEqual([
      `${H}.mirror_percent: using deprecated setting "mirror_percent", use "mirrorPercentage" instead`,
    ]);
    expect(warnings(http({ mirror: { host: 'a.b' }, mirrorPercent: 5 }))[0]).toContain(`${H}.mirrorPercent:`);
  });
});

describe('Destinations (TestValidateDestination, TestValidateRouteDestination)', () => {
  const one = (d: Spec) => bare({ route: [{ destination: d }] });
  it.each<[string, Spec, string[]]>([
    ['empty', {}, [`${H}.route[0].destination.host`]],
    ['simple', { host: 'foo.bar' }, []],
    ['full', { host: 'foo.bar', subset: 'shiny', port: { number: 5000 } }, []],
    ['unnumbered selector', { host: 'foo.bar', subset: 'shiny', port: {} }, [`${H}.route[0].destination.port.number`]],
    ['port out of range', { host: 'foo.bar', port: { number: 65536 } }, [`${H}.route[0].destination.port.number`]],
    ['wildcard dash', { host: '*-foo.baz' }, []],
    ['wildcard prefix', { host: '*foo.baz' }, []],
    ['wildcard', { host: '*' }, [`${H}.route[0].destination.host`]],
    ['bad wildcard', { host: 'foo.*' }, [`${H}.route[0].destination.host`]],
    ['bad fqdn', { host: 'default/baz' }, [`${H}.route[0].destination.host`]],
    ['subset not a label', { host: 'foo.bar', subset: 'v1.2' }, [`${H}.route[0].destination.subset`]],
    ['subset upper case (Istio allows it)', { host: 'foo.bar', subset: 'V1' }, []],
    ['subset too long', { host: 'foo.bar', subset: 'v'.repeat(64) }, [`${H}.route[0].destination.subset`]],
    ['numeric TLD', { host: 'foo.123' }, [`${H}.route[0].destination.host`]],
  ])('%s', (_name, destination, expected) => {
    expect(fields(one(destination))).toEqual(expected);
  });
});

describe('TCP and TLS routes (validateTCPRoute, validateTLSRoute, validateSniHost)', () => {
  const tls = (match: Spec[], top: Spec = {}) => ({ hosts: ['foo.bar'], tls: [{ match, route: [dest()] }], ...top });
  it.each<[string, Spec, string[]]>([
    ['sni within hosts', tls([{ sniHosts: ['foo.bar'] }]), []],
    ['sni not within hosts', tls([{ sniHosts: ['other.com'] }]), ['spec.tls[0].match[0].sniHosts[0]']],
    ['sni wildcard within wildcard host', tls([{ sniHosts: ['*.a.foo.com'] }], { hosts: ['*.foo.com'] }), []],
    ['sni wildcard wider than host', tls([{ sniHosts: ['*.com'] }], { hosts: ['*.foo.com'] }), ['spec.tls[0].match[0].sniHosts[0]']],
    ['no sni hosts', tls([{ sniHosts: [] }]), ['spec.tls[0].match[0].sniHosts']],
    ['no tls match', { hosts: ['foo.bar'], tls: [{ match: [], route: [dest()] }] }, ['spec.tls[0].match']],
    ['invalid wildcard as sni host', tls([{ port: 999, sniHosts: ['foo.*.com'] }]), ['spec.tls[0].match[0].sniHosts[0]']],
    ['ip address as sni host', tls([{ port: 999, sniHosts: ['1.1.1.1'] }]), []],
    ['allow sni based domains', { hosts: ['outbound_.15010_._.istiod.istio-system.svc.cluster.local'], gateways: ['ns1/gateway'], tls: [{ match: [{ sniHosts: ['outbound_.15010_._.istiod.istio-system.svc.cluster.local'] }], route: [dest('istio.istio-system.svc.cluster.local')] }] }, []],
    ['tls destination subnet', tls([{ sniHosts: ['foo.bar'], destinationSubnets: ['10.0.0.0/8', '1.2.3.4'] }]), []],
    ['tls bad destination subnet', tls([{ sniHosts: ['foo.bar'], destinationSubnets: ['10.0.0.0/33'] }]), ['spec.tls[0].match[0].destinationSubnets[0]']],
    ['tcp route', { hosts: ['foo.bar'], tcp: [{ match: [{ port: 27017 }], route: [dest('mongo.backup.svc.cluster.local', { port: { number: 5555 } })] }] }, []],
    ['tcp bad port', { hosts: ['foo.bar'], tcp: [{ match: [{ port: 0 }], route: [dest()] }] }, []],
    ['tcp bad subnet', { hosts: ['foo.bar'], tcp: [{ match: [{ destinationSubnets: ['1.2.3'] }], route: [dest()] }] }, ['spec.tcp[0].match[0].destinationSubnets[0]']],
    ['tcp bad weight', { hosts: ['foo.bar'], tcp: [{ route: [{ ...dest(), weight: -1 }, { ...dest('a.b'), weight: 2 }] }] }, ['spec.tcp[0].route[0].weight']],
    ['tcp zero total', { hosts: ['foo.bar'], tcp: [{ route: [dest(), dest('a.b')] }] }, ['spec.tcp[0].route']],
    ['tcp bad source label', { hosts: ['foo.bar'], tcp: [{ match: [{ sourceLabels: { 'a b': 'c' } }], route: [dest()] }] }, ['spec.tcp[0].match[0].sourceLabels']],
  ])('%s', (_name, spec, expected) => {
    expect(fields(spec)).toEqual(expected);
  });

  it('warns about an IP as SNI host', () => {
    expect(warnings(tls([{ port: 999, sniHosts: ['1.1.1.1'] }]))).toEqual([
      'spec.tls[0].match[0].sniHosts[0]: using an IP address ("1.1.1.1") goes against SNI spec and most clients do not support this',
    ]);
  });
});

describe('Unreachable rules and ineffective matches (IST0130, IST0131 warnings)', () => {
  const routes = (...rules: Spec[]) => ({ hosts: ['foo.bar'], http: rules.map((r) => ({ route: [dest()], ...r })) });
  it.each<[string, Spec, string[]]>([
    ['catch-all last', routes({ match: [{ uri: { prefix: '/a' } }] }, {}), []],
    ['rule after a catch-all', routes({}, { match: [{ uri: { prefix: '/a' } }] }), ['spec.http[1]: virtualService rule #1 not used (route without matches defined before)']],
    ['two catch-alls', routes({}, { name: 'second' }), ['spec.http[1]: virtualService rule "second" not used (only the last rule can have no matches)']],
    ['duplicate match', routes({ match: [{ uri: { exact: '/a' } }] }, { match: [{ uri: { exact: '/a' }, name: 'again' }] }), [
      'spec.http[1].match[0]: virtualService rule #1 match "again" is not used (duplicate/overlapping match in rule #0)',
      'spec.http[1]: virtualService rule #1 not used (all matches used by prior rules)',
    ]],
    ['non-method-get', routes({ match: [{ uri: { prefix: '/api/v1/product' } }, { uri: { prefix: '/api/v1/products' }, method: { exact: 'GET' } }] }), [
      'spec.http[0].match[1]: virtualService rule #0 match #1 of prefix /api/v1/products is not used (duplicate/overlapping match in rule #0 of prefix /api/v1/product on #0)',
    ]],
    ['uri-with-prefix-exact', routes({ match: [{ uri: { prefix: '/' } }, { uri: { exact: '/' }, method: { exact: 'GET' } }] }), []],
    ['different headers do not overlap', routes({ match: [{ uri: { prefix: '/a' }, headers: { x: { exact: '1' } } }] }, { match: [{ uri: { prefix: '/ab' } }] }), []],
    ['tcp rule after catch-all', { hosts: ['foo.bar'], tcp: [{ route: [dest()] }, { match: [{ port: 80 }], route: [dest()] }] }, ['spec.tcp[1]: virtualService rule #1 not used (route without matches defined before)']],
  ])('%s', (_name, spec, expected) => {
    const result = check(spec);
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual(expected);
  });

  it('keeps a huge route list bounded', () => {
    const rules = Array.from({ length: 3000 }, (_, i) => ({ match: [{ uri: { prefix: `/p${i}` }, headers: { [`h${i}`]: { exact: 'x' } } }], route: [dest()] }));
    const started = performance.now();
    const result = check({ hosts: ['foo.bar'], http: rules });
    expect(result.problems).toEqual([]);
    expect(result.warnings.at(-1)).toBe('spec.http: overlapping-match analysis stopped after 2000000 comparisons');
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
