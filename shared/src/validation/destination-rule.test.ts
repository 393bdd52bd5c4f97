// DestinationRule rules, case for case from istio/istio validation_test.go
// (TestValidateDestinationRule, TestValidateTrafficPolicy, TestValidateConnectionPool,
// TestValidateLoadBalancer, TestValidateOutlierDetection) and agent/validation_test.go
// (TestValidateTLS, TestValidateLocalityLbSetting, TestValidateZoneAwareLbSetting, TestValidateLocalities).
import { describe, expect, it } from 'vitest';
import { validateIstio } from './index.js';

type Spec = Record<string, unknown>;

function check(spec: Spec) {
  return validateIstio({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'dr', namespace: 'default' }, spec });
}
const fields = (spec: Spec) => [...new Set(check(spec).problems.map((p) => p.field))].sort();
const subsets = [
  { name: 'v1', labels: { version: 'v1' } },
  { name: 'v2', labels: { version: 'v2' } },
];
/** A rule for `reviews` with one top-level traffic policy. */
const policy = (trafficPolicy: Spec) => ({ host: 'reviews', trafficPolicy });
const T = 'spec.trafficPolicy';
const good = { loadBalancer: { simple: 'ROUND_ROBIN' }, connectionPool: { tcp: { maxConnections: 7 }, http: { http2MaxRequests: 11 } }, outlierDetection: { minHealthPercent: 20 } };

describe('DestinationRule (TestValidateDestinationRule)', () => {
  it.each<[string, Spec, string[]]>([
    ['simple destination rule', { host: 'reviews', subsets }, []],
    ['missing destination name', { host: '', subsets }, ['spec.host']],
    ['wildcard host', { host: '*.example.com' }, []],
    ['bad host', { host: 'foo.*.com' }, ['spec.host']],
    ['missing subset name', { host: 'reviews', subsets: [{ name: '', labels: { version: 'v1' } }, subsets[1]] }, ['spec.subsets[0].name']],
    ['subset name not a label', { host: 'reviews', subsets: [{ name: 'v1.0' }] }, ['spec.subsets[0].name']],
    ['duplicate subset names', { host: 'reviews', subsets: [{ name: 'foo', labels: { version: 'v1' } }, { name: 'foo', labels: { version: 'v2' } }] }, ['spec.subsets[1].name']],
    ['bad subset label', { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v 1' } }] }, ['spec.subsets[0].labels[version]']],
    ['valid traffic policy, top level', { host: 'reviews', trafficPolicy: good, subsets }, []],
    ['invalid traffic policy, top level', { host: 'reviews', trafficPolicy: { ...good, connectionPool: {} }, subsets }, [`${T}.connectionPool`]],
    ['valid traffic policy, subset level', { host: 'reviews', subsets: [{ ...subsets[0], trafficPolicy: good }, subsets[1]] }, []],
    ['invalid traffic policy, subset level', { host: 'reviews', subsets: [{ ...subsets[0], trafficPolicy: { ...good, connectionPool: {} } }, subsets[1]] }, ['spec.subsets[0].trafficPolicy.connectionPool']],
    ['valid traffic policy, both levels', { host: 'reviews', trafficPolicy: good, subsets: [{ ...subsets[0], trafficPolicy: { ...good, outlierDetection: { minHealthPercent: 30 } } }, subsets[1]] }, []],
    ['exportTo with selector, own namespace', { host: 'reviews', workloadSelector: { matchLabels: { app: 'a' } }, exportTo: ['.'] }, []],
    ['exportTo with selector, beyond namespace', { host: 'reviews', workloadSelector: { matchLabels: { app: 'a' } }, exportTo: ['other'] }, ['spec.exportTo']],
    ['exportTo with selector, several entries', { host: 'reviews', workloadSelector: { matchLabels: { app: 'a' } }, exportTo: ['.', 'other'] }, ['spec.exportTo']],
    ['exportTo duplicate', { host: 'reviews', exportTo: ['ns1', 'ns1'] }, ['spec.exportTo[1]']],
    ['selector with a wildcard', { host: 'reviews', workloadSelector: { matchLabels: { app: 'a*' } } }, ['spec.workloadSelector.matchLabels[app]']],
    ['selector with an empty key', { host: 'reviews', workloadSelector: { matchLabels: { '': 'a' } } }, ['spec.workloadSelector.matchLabels']],
  ])('%s', (_name, spec, expected) => {
    expect(fields(spec)).toEqual(expected);
  });

  it('warns about a workload selector without labels', () => {
    expect(check({ host: 'reviews', subsets, workloadSelector: {} }).warnings).toEqual(['spec.workloadSelector.matchLabels: workload selector specified without labels']);
  });
});

describe('Client TLS (TestValidateDestinationRule insecureSkipVerify cases, TestValidateTLS)', () => {
  const tls = (settings: Spec) => policy({ tls: settings });
  const L = `${T}.tls`;
  const sans = ['reviews.default.svc'];
  it.each<[string, Spec, string[]]>([
    ['simple, CA by CaCertificates', { mode: 'SIMPLE', caCertificates: 'test', subjectAltNames: sans }, []],
    ['simple, CA by CredentialName', { mode: 'SIMPLE', credentialName: 'test', subjectAltNames: sans }, []],
    ['simple, skip false, CaCertificates', { mode: 'SIMPLE', caCertificates: 'test', subjectAltNames: sans, insecureSkipVerify: false }, []],
    ['simple, skip false, CredentialName', { mode: 'SIMPLE', credentialName: 'test', subjectAltNames: sans, insecureSkipVerify: false }, []],
    ['simple, skip true, CredentialName', { mode: 'SIMPLE', credentialName: 'test', insecureSkipVerify: true }, [`${L}.insecureSkipVerify`]],
    ['simple, skip true, CaCertificates', { mode: 'SIMPLE', caCertificates: 'test', insecureSkipVerify: true }, [`${L}.insecureSkipVerify`]],
    ['simple, skip true, SANs', { mode: 'SIMPLE', subjectAltNames: sans, insecureSkipVerify: true }, [`${L}.insecureSkipVerify`]],
    ['simple, skip true, empty SAN list', { mode: 'SIMPLE', subjectAltNames: [], insecureSkipVerify: true }, []],
    ['mutual, CaCertificates', { mode: 'MUTUAL', caCertificates: 'test', privateKey: 'key', clientCertificate: 'cert', subjectAltNames: sans }, []],
    ['mutual, CredentialName', { mode: 'MUTUAL', credentialName: 'test', subjectAltNames: sans }, []],
    ['mutual, skip false, CaCertificates', { mode: 'MUTUAL', caCertificates: 'test', privateKey: 'key', clientCertificate: 'cert', subjectAltNames: sans, insecureSkipVerify: false }, []],
    ['mutual, skip true, CaCertificates', { mode: 'MUTUAL', caCertificates: 'test', privateKey: 'key', clientCertificate: 'cert', insecureSkipVerify: true }, [`${L}.insecureSkipVerify`]],
    ['mutual, skip true, CredentialName', { mode: 'MUTUAL', credentialName: 'test', insecureSkipVerify: true }, []],
    ['mutual, skip true, no CA', { mode: 'MUTUAL', privateKey: 'key', clientCertificate: 'cert', insecureSkipVerify: true }, []],
    ['mutual, skip true, SANs', { mode: 'MUTUAL', privateKey: 'key', clientCertificate: 'cert', subjectAltNames: sans, insecureSkipVerify: true }, [`${L}.insecureSkipVerify`]],
    ['SIMPLE: credential name set correctly', { mode: 'SIMPLE', credentialName: 'some credential' }, []],
    ['SIMPLE: credential name with client certificate', { mode: 'SIMPLE', credentialName: 'credential', clientCertificate: 'cert' }, [`${L}.clientCertificate`]],
    ['SIMPLE: credential name with private key', { mode: 'SIMPLE', credentialName: 'credential', privateKey: 'key' }, [`${L}.privateKey`]],
    ['SIMPLE: credential name with CA certificates', { mode: 'SIMPLE', credentialName: 'credential', caCertificates: 'ca' }, [`${L}.caCertificates`]],
    ['MUTUAL: credential name set correctly', { mode: 'MUTUAL', credentialName: 'some credential' }, []],
    ['MUTUAL: credential name with client certificate', { mode: 'MUTUAL', credentialName: 'credential', clientCertificate: 'cert' }, [`${L}.clientCertificate`]],
    ['MUTUAL: credential name with private key', { mode: 'MUTUAL', credentialName: 'credential', privateKey: 'key' }, [`${L}.privateKey`]],
    ['MUTUAL: credential name with CA certificates', { mode: 'MUTUAL', credentialName: 'credential', caCertificates: 'ca' }, [`${L}.caCertificates`]],
    ['MUTUAL: credential name with CA CRL', { mode: 'MUTUAL', credentialName: 'credential', caCrl: 'ca' }, [`${L}.caCrl`]],
    ['MUTUAL: certificate and key', { mode: 'MUTUAL', clientCertificate: 'cert', privateKey: 'key' }, []],
    ['MUTUAL: key missing', { mode: 'MUTUAL', clientCertificate: 'cert' }, [`${L}.privateKey`]],
    ['MUTUAL: certificate missing', { mode: 'MUTUAL', privateKey: 'key' }, [`${L}.clientCertificate`]],
    ['ISTIO_MUTUAL', { mode: 'ISTIO_MUTUAL' }, []],
    ['DISABLE with stray fields', { mode: 'DISABLE', clientCertificate: 'cert' }, []],
    ['configmap credential in own namespace', { mode: 'SIMPLE', credentialName: 'configmap://default/ca' }, []],
    ['configmap credential in another namespace', { mode: 'SIMPLE', credentialName: 'configmap://other/ca' }, [`${L}.credentialName`]],
    ['configmap credential without name', { mode: 'SIMPLE', credentialName: 'configmap://default' }, [`${L}.credentialName`]],
  ])('%s', (_name, settings, expected) => {
    expect(fields(tls(settings))).toEqual(expected);
  });
});

describe('TrafficPolicy and connection pool (TestValidateTrafficPolicy, TestValidateConnectionPool)', () => {
  const pool = (connectionPool: Spec) => policy({ connectionPool });
  const P = `${T}.connectionPool`;
  it.each<[string, Spec, string[]]>([
    ['valid traffic policy', policy(good), []],
    ['nil entries', policy({}), [T]],
    ['empty port level list counts as nothing', policy({ portLevelSettings: [] }), [T]],
    ['retryBudget alone', policy({ retryBudget: { percent: 20 } }), []],
    ['missing port in port level settings', policy({ portLevelSettings: [good] }), [`${T}.portLevelSettings[0].port`]],
    ['port level settings without a policy', policy({ portLevelSettings: [{ port: { number: 80 } }] }), [`${T}.portLevelSettings[0]`]],
    ['port level settings validated', policy({ portLevelSettings: [{ port: { number: 80 }, outlierDetection: { maxEjectionPercent: 150 } }] }), [`${T}.portLevelSettings[0].outlierDetection.maxEjectionPercent`]],
    ['bad connection pool', policy({ ...good, connectionPool: {} }), [P]],
    ['bad max connection duration', policy({ connectionPool: { tcp: { maxConnectionDuration: '500ns' } } }), [`${P}.tcp.maxConnectionDuration`]],
    ['panic threshold too low', policy({ ...good, outlierDetection: { minHealthPercent: -1 } }), [`${T}.outlierDetection.minHealthPercent`]],
    ['both upgrade and use client protocol set', pool({ http: { h2UpgradePolicy: 'UPGRADE', useClientProtocol: true } }), [`${P}.http.useClientProtocol`]],
    ['use client protocol without upgrade', pool({ http: { h2UpgradePolicy: 'DEFAULT', useClientProtocol: true } }), []],
    ['tunnel and proxyProtocol', policy({ tunnel: { targetHost: 'a.b', targetPort: 8080 }, proxyProtocol: { version: 'V1' } }), [`${T}.proxyProtocol`]],
    ['tunnel', policy({ tunnel: { protocol: 'POST', targetHost: '10.0.0.1', targetPort: 8080 } }), []],
    ['tunnel bad protocol', policy({ tunnel: { protocol: 'GET', targetHost: 'a.b', targetPort: 8080 } }), [`${T}.tunnel.protocol`]],
    ['tunnel bad host', policy({ tunnel: { targetHost: 'a_b', targetPort: 8080 } }), [`${T}.tunnel.targetHost`]],
    ['tunnel bad port', policy({ tunnel: { targetHost: 'a.b', targetPort: 0 } }), [`${T}.tunnel.targetPort`]],
    ['valid pool, tcp and http', pool({ tcp: { maxConnections: 7, connectTimeout: '2s' }, http: { http1MaxPendingRequests: 2, http2MaxRequests: 11, maxRequestsPerConnection: 5, maxRetries: 4, idleTimeout: '30s', maxConcurrentStreams: 5 } }), []],
    ['valid pool, tcp only', pool({ tcp: { maxConnections: 7, connectTimeout: '2s' } }), []],
    ['valid pool, http only', pool({ http: { http1MaxPendingRequests: 2, http2MaxRequests: 11, maxRequestsPerConnection: 5, maxRetries: 4, idleTimeout: '30s' } }), []],
    ['valid pool, http2 keepalive', pool({ http: { http2KeepAlive: { interval: '15s', timeout: '5s' } } }), []],
    ['tutorial circuit breaker', pool({ tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 1, maxRequestsPerConnection: 1 } }), []],
    ['bad max connections', pool({ tcp: { maxConnections: -1 } }), [`${P}.tcp.maxConnections`]],
    ['bad connect timeout', pool({ tcp: { connectTimeout: '2.000000005s' } }), [`${P}.tcp.connectTimeout`]],
    ['connect timeout 30ms', pool({ tcp: { connectTimeout: '30ms' } }), []],
    ['bad max pending requests', pool({ http: { http1MaxPendingRequests: -1 } }), [`${P}.http.http1MaxPendingRequests`]],
    ['bad max requests', pool({ http: { http2MaxRequests: -1 } }), [`${P}.http.http2MaxRequests`]],
    ['bad max requests per connection', pool({ http: { maxRequestsPerConnection: -1 } }), [`${P}.http.maxRequestsPerConnection`]],
    ['bad max retries', pool({ http: { maxRetries: -1 } }), [`${P}.http.maxRetries`]],
    ['bad idle timeout', pool({ http: { idleTimeout: '30.000000005s' } }), [`${P}.http.idleTimeout`]],
    ['tcp idle timeout disabled', pool({ tcp: { idleTimeout: '0s' } }), []],
    ['tcp idle timeout below 1ms is skipped too', pool({ tcp: { idleTimeout: '500us' } }), []],
    ['tcp idle timeout not whole ms', pool({ tcp: { idleTimeout: '1.5ms' } }), [`${P}.tcp.idleTimeout`]],
    ['http idle timeout 0s', pool({ http: { idleTimeout: '0s' } }), [`${P}.http.idleTimeout`]],
    ['bad max concurrent streams', pool({ http: { maxConcurrentStreams: -1 } }), [`${P}.http.maxConcurrentStreams`]],
    ['keepalive without interval', pool({ http: { http2KeepAlive: { timeout: '5s' } } }), [`${P}.http.http2KeepAlive.interval`]],
    ['keepalive without timeout', pool({ http: { http2KeepAlive: { interval: '15s' } } }), [`${P}.http.http2KeepAlive.timeout`]],
    ['bad keepalive interval', pool({ http: { http2KeepAlive: { interval: '15.000000005s', timeout: '5s' } } }), [`${P}.http.http2KeepAlive.interval`]],
    ['bad tcp keepalive time', pool({ tcp: { tcpKeepalive: { time: '0s', interval: '75s' } } }), [`${P}.tcp.tcpKeepalive.time`]],
  ])('%s', (_name, spec, expected) => {
    expect(fields(spec)).toEqual(expected);
  });
});

describe('Outlier detection (TestValidateOutlierDetection)', () => {
  const od = (outlierDetection: Spec) => policy({ outlierDetection });
  const O = `${T}.outlierDetection`;
  it.each<[string, Spec, string[], boolean]>([
    ['valid', { interval: '2s', baseEjectionTime: '2s', maxEjectionPercent: 50 }, [], false],
    ['tutorial', { consecutive5xxErrors: 1, interval: '1s', baseEjectionTime: '3m', maxEjectionPercent: 100 }, [], false],
    ['bad interval', { interval: '2.000000005s' }, [`${O}.interval`], false],
    ['bad base ejection time', { baseEjectionTime: '2.000000005s' }, [`${O}.baseEjectionTime`], false],
    ['bad max ejection percent', { maxEjectionPercent: 105 }, [`${O}.maxEjectionPercent`], false],
    ['panic threshold too low', { minHealthPercent: -1 }, [`${O}.minHealthPercent`], false],
    ['panic threshold too high', { minHealthPercent: 101 }, [`${O}.minHealthPercent`], false],
    ['deprecated consecutiveErrors', { consecutiveErrors: 101 }, [], true],
    ['local origin failures without split', { consecutiveLocalOriginFailures: 10 }, [`${O}.consecutiveLocalOriginFailures`], false],
    ['local origin failures with split', { consecutiveLocalOriginFailures: 10, splitExternalLocalOriginErrors: true }, [], false],
  ])('%s', (_name, outlier, expected, warns) => {
    const result = check(od(outlier));
    expect([...new Set(result.problems.map((p) => p.field))].sort()).toEqual(expected);
    expect(result.warnings.length > 0).toBe(warns);
  });

  it('says consecutiveErrors is deprecated, with its path', () => {
    expect(check(od({ consecutiveErrors: 1 })).warnings).toEqual([
      'spec.trafficPolicy.outlierDetection.consecutiveErrors: consecutiveErrors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors',
    ]);
  });
});

describe('Load balancer (TestValidateLoadBalancer)', () => {
  const lb = (loadBalancer: Spec, extra: Spec = {}) => policy({ loadBalancer, ...extra });
  const B = `${T}.loadBalancer`;
  const C = `${B}.consistentHash`;
  it.each<[string, Spec, string[]]>([
    ['simple', lb({ simple: 'ROUND_ROBIN' }), []],
    ['consistent hash cookie with deprecated ring size', lb({ consistentHash: { minimumRingSize: 1024, httpCookie: { name: 'test', ttl: '3600s' } } }), []],
    ['cookie without name', lb({ consistentHash: { minimumRingSize: 1024, httpCookie: { name: '', ttl: '3600s' } } }), [`${C}.httpCookie.name`]],
    ['maglev not prime', lb({ consistentHash: { maglev: { tableSize: 1000 } } }), [`${C}.maglev.tableSize`]],
    ['maglev prime', lb({ consistentHash: { httpHeaderName: 'x-user', maglev: { tableSize: 65537 } } }), []],
    ['maglev too large', lb({ consistentHash: { maglev: { tableSize: 5000011 } } }), [`${C}.maglev.tableSize`]],
    ['maglev unset size', lb({ consistentHash: { maglev: {} } }), [`${C}.maglev.tableSize`]],
    ['unique cookie attributes', lb({ consistentHash: { httpCookie: { name: 'c', ttl: '1h', attributes: [{ name: 'SameSite', value: 'Strict' }, { name: 'Secure' }, { name: 'HttpOnly' }] } } }), []],
    ['duplicate cookie attribute names', lb({ consistentHash: { httpCookie: { name: 'c', ttl: '1h', attributes: [{ name: 'SameSite', value: 'Strict' }, { name: 'SameSite', value: 'Lax' }] } } }), [`${C}.httpCookie.attributes[1].name`]],
    ['empty cookie attribute name', lb({ consistentHash: { httpCookie: { name: 'c', attributes: [{ name: '', value: 'v' }] } } }), [`${C}.httpCookie.attributes[0].name`]],
    ['ring size with ringHash', lb({ consistentHash: { useSourceIp: true, minimumRingSize: 1024, ringHash: { minimumRingSize: 1024 } } }), [`${C}.minimumRingSize`]],
    ['two hash keys', lb({ consistentHash: { httpHeaderName: 'x', useSourceIp: true } }), [`${C}.useSourceIp`]],
    ['ringHash and maglev', lb({ consistentHash: { ringHash: {}, maglev: { tableSize: 65537 } } }), [`${C}.maglev`]],
    ['simple and consistentHash', lb({ simple: 'RANDOM', consistentHash: { useSourceIp: true } }), [`${B}.consistentHash`]],
    ['locality and zone aware both set', lb({ localityLbSetting: {}, zoneAwareLbSetting: {} }), [`${B}.zoneAwareLbSetting`]],
    ['zone aware only', lb({ zoneAwareLbSetting: { failover: [{ from: 'us-east', to: 'eu-west' }] } }), []],
    ['warmup', lb({ simple: 'ROUND_ROBIN', warmup: { duration: '60s', minimumPercent: 10, aggression: 1 } }), []],
    ['warmup zero aggression', lb({ warmup: { duration: '60s', aggression: 0 } }), [`${B}.warmup.aggression`]],
    ['warmup bad duration', lb({ warmup: { duration: '0s' } }), [`${B}.warmup.duration`]],
  ])('%s', (_name, spec, expected) => {
    expect(fields(spec)).toEqual(expected);
  });

  it('warns that minimumRingSize is deprecated', () => {
    expect(check(lb({ consistentHash: { httpHeaderName: 'x', minimumRingSize: 1024 } })).warnings).toEqual([
      `${C}.minimumRingSize: consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration instead`,
    ]);
  });
});

describe('Locality and zone-aware load balancing (TestValidateLocalityLbSetting, TestValidateZoneAwareLbSetting, TestValidateLocalities)', () => {
  const od = { outlierDetection: {} };
  const locality = (setting: Spec, extra: Spec = od) => policy({ loadBalancer: { localityLbSetting: setting }, ...extra });
  const zone = (setting: Spec, extra: Spec = od) => policy({ loadBalancer: { zoneAwareLbSetting: setting }, ...extra });
  const L = `${T}.loadBalancer.localityLbSetting`;
  const Z = `${T}.loadBalancer.zoneAwareLbSetting`;
  it.each<[string, Spec, string[], boolean]>([
    ['total weight > 100', locality({ distribute: [{ from: 'a/b/c', to: { 'a/b/c': 80, 'a/b1': 25 } }] }), [`${L}.distribute[0].to`], false],
    ['total weight < 100', locality({ distribute: [{ from: 'a/b/c', to: { 'a/b/c': 80, 'a/b1': 15 } }] }), [`${L}.distribute[0].to`], false],
    ['weight = 0', locality({ distribute: [{ from: 'a/b/c', to: { 'a/b/c': 0, 'a/b1': 100 } }] }), [`${L}.distribute[0].to[a/b/c]`], false],
    ['valid distribute', locality({ distribute: [{ from: 'us-west/zone1/*', to: { 'us-west/zone1/*': 80, 'us-west/zone2/*': 20 } }] }), [], false],
    ['both distribute and failover', locality({ distribute: [{ from: 'a/b/c', to: { 'a/b/c': 80, 'a/b1': 20 } }], failover: [{ from: 'region1', to: 'region2' }] }), [L], false],
    ['failover same region', locality({ failover: [{ from: 'region1', to: 'region1' }] }), [`${L}.failover[0]`], false],
    ['failover src wildcard', locality({ failover: [{ from: '*', to: 'region2' }] }), [`${L}.failover[0]`], false],
    ['failover dst wildcard', locality({ failover: [{ from: 'region1', to: '*' }] }), [`${L}.failover[0]`], false],
    ['failover src zone', locality({ failover: [{ from: 'region1/zone1', to: 'region2' }] }), [`${L}.failover[0]`], false],
    ['failover dst zone', locality({ failover: [{ from: 'region1', to: 'region2/zone1' }] }), [`${L}.failover[0]`], false],
    ['failover priority without outlier detection', locality({ failoverPriority: ['topology.istio.io/network', 'topology.kubernetes.io/region'] }, {}), [], true],
    ['failover without outlier detection', locality({ failover: [{ from: 'us-east', to: 'eu-west' }, { from: 'us-west', to: 'eu-east' }] }, {}), [], true],
    ['failover and region in failoverPriority', locality({ failover: [{ from: 'region1', to: 'region2' }], failoverPriority: ['topology.kubernetes.io/region'] }), [`${L}.failoverPriority`], false],
    ['multi wildcard locality', locality({ distribute: [{ from: '*/zone/*', to: { a: 100 } }] }), [`${L}.distribute`], false],
    ['wildcard not in suffix', locality({ distribute: [{ from: '*/zone', to: { a: 100 } }] }), [`${L}.distribute`], false],
    ['explicit wildcard region overlap', locality({ distribute: [{ from: '*', to: { a: 100 } }, { from: 'a/b/c', to: { a: 100 } }] }), [`${L}.distribute`], false],
    ['implicit wildcard region overlap', locality({ distribute: [{ from: 'a', to: { a: 100 } }, { from: 'a/b/c', to: { a: 100 } }] }), [`${L}.distribute`], false],
    ['empty zone', locality({ distribute: [{ from: 'a//c', to: { a: 100 } }] }), [`${L}.distribute`], false],
    ['overlapping destinations', locality({ distribute: [{ from: 'a', to: { 'b/*': 50, 'b/c': 50 } }] }), [`${L}.distribute[0].to`], false],
    ['zone aware enabled only', zone({ enabled: true }), [], false],
    ['zone aware region failover', zone({ failover: [{ from: 'us-east', to: 'eu-west' }] }), [], false],
    ['zone aware same region', zone({ failover: [{ from: 'region1', to: 'region1' }] }), [`${Z}.failover[0]`], false],
    ['zone aware src zone', zone({ failover: [{ from: 'region1/zone1', to: 'region2' }] }), [`${Z}.failover[0]`], false],
    ['zone aware dst zone', zone({ failover: [{ from: 'region1', to: 'region2/zone1' }] }), [`${Z}.failover[0]`], false],
    ['zone aware src wildcard', zone({ failover: [{ from: '*', to: 'region2' }] }), [`${Z}.failover[0]`], false],
    ['zone aware dst wildcard', zone({ failover: [{ from: 'region1', to: '*' }] }), [`${Z}.failover[0]`], false],
    ['zone aware failover and region priority', zone({ failover: [{ from: 'region1', to: 'region2' }], failoverPriority: ['topology.kubernetes.io/region'] }), [`${Z}.failoverPriority[0]`], false],
    ['zone aware region priority', zone({ failoverPriority: ['topology.kubernetes.io/region'] }), [`${Z}.failoverPriority[0]`], false],
    ['zone aware zone priority', zone({ failoverPriority: ['topology.kubernetes.io/zone'] }), [`${Z}.failoverPriority[0]`], false],
    ['zone aware subzone priority', zone({ failoverPriority: ['topology.istio.io/subzone'] }), [`${Z}.failoverPriority[0]`], false],
    ['zone aware other priority labels', zone({ failoverPriority: ['version', 'app=ratings'] }), [], false],
    ['zone aware failover without outlier detection', zone({ failover: [{ from: 'us-east', to: 'eu-west' }] }, {}), [], true],
    ['zone aware priority without outlier detection', zone({ failoverPriority: ['version'] }, {}), [], true],
  ])('%s', (_name, spec, expected, warns) => {
    const result = check(spec);
    expect([...new Set(result.problems.map((p) => p.field))].sort()).toEqual(expected);
    expect(result.warnings.length > 0).toBe(warns);
  });
});
