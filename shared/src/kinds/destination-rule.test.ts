import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { destinationRule, DestinationRuleSpec } from './destination-rule.js';

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const check = ajv.compile(DestinationRuleSpec);
const corpus = join(import.meta.dirname, '../../testdata/istio-bookinfo');

function corpusSpecs(kind: string, only?: string): unknown[] {
  return readdirSync(corpus)
    .filter((file) => file.endsWith('.yaml') && (only === undefined || file === only))
    .flatMap((file) => parseAllDocuments(readFileSync(join(corpus, file), 'utf8')).map((doc) => doc.toJS()))
    .filter((doc) => doc?.kind === kind)
    .map((doc) => doc.spec);
}

const valid = (spec: unknown) => {
  const ok = check(spec);
  return ok ? true : ajv.errorsText(check.errors);
};

describe('DestinationRuleSpec', () => {
  it('accepts every DestinationRule of the Bookinfo samples', () => {
    const specs = corpusSpecs('DestinationRule');
    expect(specs.length).toBeGreaterThanOrEqual(10);
    for (const spec of specs) expect(valid(spec)).toBe(true);
  });

  it('accepts the istio.io reference examples', () => {
    const examples = [
      // sticky sessions on a cookie with a ttl (LoadBalancerSettings)
      { host: 'ratings.prod.svc.cluster.local', trafficPolicy: { loadBalancer: { consistentHash: { httpCookie: { name: 'user', ttl: '0s' } } } } },
      // connection pool + outlier detection with the legacy consecutiveErrors (OutlierDetection)
      {
        host: 'reviews.prod.svc.cluster.local',
        trafficPolicy: {
          connectionPool: { tcp: { maxConnections: 100 }, http: { http2MaxRequests: 1000, maxRequestsPerConnection: 10 } },
          outlierDetection: { consecutiveErrors: 7, interval: '5m', baseEjectionTime: '15m' },
        },
      },
      // TCP settings with keepalive (ConnectionPoolSettings)
      {
        host: 'myredissrv.prod.svc.cluster.local',
        trafficPolicy: { connectionPool: { tcp: { maxConnections: 100, connectTimeout: '30ms', tcpKeepalive: { time: '7200s', interval: '75s' } } } },
      },
      // port-level settings
      {
        host: 'ratings.prod.svc.cluster.local',
        trafficPolicy: {
          portLevelSettings: [
            { port: { number: 80 }, loadBalancer: { simple: 'LEAST_REQUEST' } },
            { port: { number: 9080 }, loadBalancer: { simple: 'ROUND_ROBIN' } },
          ],
        },
      },
      // workload selector + client TLS from a credential
      {
        host: 'example.com',
        workloadSelector: { matchLabels: { app: 'ratings' } },
        trafficPolicy: {
          loadBalancer: { simple: 'ROUND_ROBIN' },
          portLevelSettings: [{ port: { number: 31443 }, tls: { credentialName: 'client-credential', mode: 'MUTUAL' } }],
        },
      },
      // subsets overriding the load balancer
      {
        host: 'ratings.prod.svc.cluster.local',
        trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } },
        subsets: [{ name: 'testversion', labels: { version: 'v3' }, trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } } }],
      },
      // locality failover, warmup, maglev, cookie attributes, retry budget, tunnel
      {
        host: 'helloworld.sample.svc.cluster.local',
        trafficPolicy: {
          loadBalancer: {
            consistentHash: { httpCookie: { name: 'session', path: '/', ttl: '60s', attributes: [{ name: 'SameSite', value: 'Strict' }, { name: 'Secure' }] }, maglev: { tableSize: 65537 } },
            localityLbSetting: { enabled: true, failover: [{ from: 'us-east', to: 'eu-west' }], distribute: [{ from: 'us-west/zone1/*', to: { 'us-west/zone1/*': 80, 'us-west/zone2/*': 20 } }] },
            warmup: { duration: '30s', minimumPercent: 10, aggression: 1.5 },
          },
          outlierDetection: { consecutive5xxErrors: 7, consecutiveGatewayErrors: 3, splitExternalLocalOriginErrors: true, consecutiveLocalOriginFailures: 4, maxEjectionPercent: 50, minHealthPercent: 0, outlierDetectionHttpErrorCodes: [500, 503] },
          retryBudget: { percent: 20, minRetryConcurrency: 3, budgetInterval: '1s' },
          tunnel: { protocol: 'CONNECT', targetHost: 'proxy.example.com', targetPort: 3128 },
          proxyProtocol: { version: 'V2' },
          tls: { mode: 'SIMPLE', sni: 'helloworld.example.com', subjectAltNames: ['helloworld.example.com'], insecureSkipVerify: false, caCrl: '/etc/crl.pem' },
        },
        exportTo: ['.'],
      },
    ];
    for (const spec of examples) expect(valid(spec)).toBe(true);
  });

  it('refuses wrong types, unknown fields, bad enums and missing required fields', () => {
    const refused = [
      { host: 'r', trafficPolicy: { connectionPool: { tcp: { maxConnections: '1' } } } },
      { host: 'r', trafficPolicy: { connectionPool: { tcp: { maxConnection: 1 } } } },
      { host: 'r', subsets: [{ name: 'v1', trafficPolicy: { outlierDetection: { consecutive5xxErrors: 1, ejectionTime: '1s' } } }] },
      { host: 'r', trafficPolicy: { loadBalancer: { simple: 'LEAST_CONNECTIONS' } } },
      { host: 'r', trafficPolicy: { tls: { mode: 'OPTIONAL_MUTUAL' } } },
      { host: 'r', trafficPolicy: { loadBalancer: { consistentHash: { httpCookie: { ttl: '1s' } } } } },
      { host: 'r', subsets: [{ labels: { version: 'v1' } }] },
      { trafficPolicy: {} },
      { host: 'r', extra: true },
    ];
    for (const spec of refused) expect(check(spec), JSON.stringify(spec)).toBe(false);
  });
});

describe('destinationRule', () => {
  it('declares the CRD names and printer columns', () => {
    expect(destinationRule).toMatchObject({ kind: 'DestinationRule', plural: 'destinationrules', singular: 'destinationrule', shortNames: ['dr'] });
    expect(destinationRule.printerColumns.map((c) => `${c.name} ${c.jsonPath}`)).toEqual(['Host .spec.host', 'Age .metadata.creationTimestamp']);
  });

  it('reports settings the HTTP/1.1 data plane does not enforce, with their full paths', () => {
    const warnings = destinationRule.notEnforced?.({
      host: 'reviews',
      trafficPolicy: {
        connectionPool: { http: { h2UpgradePolicy: 'DO_NOT_UPGRADE', http1MaxPendingRequests: 1 } },
        tls: { mode: 'DISABLE' },
        portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'SIMPLE' } }],
      },
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v2', trafficPolicy: { connectionPool: { http: { h2UpgradePolicy: 'UPGRADE', maxConcurrentStreams: 10 } }, tunnel: { targetHost: 'x', targetPort: 1 } } },
      ],
    });
    const suffix = ": not enforced by Rudder's HTTP/1.1 data plane (stored as written)";
    expect(warnings).toEqual([
      `spec.trafficPolicy.portLevelSettings[0].tls${suffix}`,
      `spec.subsets[1].trafficPolicy.connectionPool.http.maxConcurrentStreams${suffix}`,
      `spec.subsets[1].trafficPolicy.connectionPool.http.h2UpgradePolicy${suffix}`,
      `spec.subsets[1].trafficPolicy.tunnel${suffix}`,
    ]);
  });

  it('reports ISTIO_MUTUAL in the Bookinfo mTLS rules and nothing in the plain ones', () => {
    for (const spec of corpusSpecs('DestinationRule', 'destination-rule-all.yaml')) {
      expect(destinationRule.notEnforced?.(spec as Record<string, unknown>)).toEqual([]);
    }
    for (const spec of corpusSpecs('DestinationRule', 'destination-rule-all-mtls.yaml')) {
      expect(destinationRule.notEnforced?.(spec as Record<string, unknown>)).toEqual([
        "spec.trafficPolicy.tls: not enforced by Rudder's HTTP/1.1 data plane (stored as written)",
      ]);
    }
  });
});
