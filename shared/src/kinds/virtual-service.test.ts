import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { virtualService, VirtualServiceSpec } from './virtual-service.js';

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const check = ajv.compile(VirtualServiceSpec);
const corpus = join(import.meta.dirname, '../../testdata/istio-bookinfo');

function errorsOf(spec: unknown) {
  return check(spec) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`.trim());
}

const route = (extra: Record<string, unknown>) => ({
  hosts: ['reviews'],
  http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }], ...extra }],
});

describe('VirtualServiceSpec', () => {
  const specs = readdirSync(corpus)
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(corpus, file), 'utf8'))
        .map((doc) => doc.toJS() as { kind?: string; metadata?: { name?: string }; spec?: unknown } | null)
        .filter((doc) => doc?.kind === 'VirtualService')
        .map((doc, i) => [`${file}#${i} ${doc?.metadata?.name ?? ''}`, doc?.spec] as const),
    );

  it('finds the Bookinfo VirtualServices', () => {
    expect(specs.length).toBeGreaterThanOrEqual(15);
  });

  it.each(specs)('accepts the Bookinfo sample %s', (_name, spec) => {
    expect(errorsOf(spec)).toEqual([]);
  });

  it("accepts the tutorial's legacy fields: mirror + mirror_percent / mirrorPercent + fault.delay.percent", () => {
    const spec = {
      hosts: ['httpbin'],
      http: [
        {
          route: [{ destination: { host: 'httpbin', subset: 'v1' }, weight: 100 }],
          mirror: { host: 'httpbin', subset: 'v2', port: { number: 8000 } },
          mirror_percent: 50,
          fault: { delay: { percent: 10, fixedDelay: '5s' } },
        },
        { route: [{ destination: { host: 'httpbin' } }], mirror: { host: 'httpbin' }, mirrorPercent: 20 },
      ],
    };
    expect(errorsOf(spec)).toEqual([]);
  });

  it('accepts the documented HTTP features', () => {
    const spec = {
      hosts: ['bookinfo.com'],
      gateways: ['istio-system/bookinfo-gateway', 'mesh'],
      exportTo: ['.'],
      http: [
        {
          name: 'r',
          match: [
            {
              name: 'm',
              uri: { prefix: '/ratings' },
              ignoreUriCase: true,
              headers: { 'end-user': { exact: 'jason' }, 'x-any': {} },
              withoutHeaders: { 'x-skip': { regex: '.+' } },
              queryParams: { v: { exact: '2' } },
              sourceLabels: { app: 'productpage' },
              sourceNamespace: 'default',
              port: 9080,
              statPrefix: 'ratings',
            },
          ],
          rewrite: { uriRegexRewrite: { match: '^/ratings/(.*)$', rewrite: '/v1/\\1' }, authority: 'ratings' },
          route: [{ destination: { host: 'ratings' }, weight: 1, headers: { response: { remove: ['foo'] } } }],
          headers: { request: { set: { test: 'true' }, add: { x: 'y' } } },
          timeout: '10s',
          retries: {
            attempts: 3,
            perTryTimeout: '2s',
            retryOn: '5xx,reset',
            retryRemoteLocalities: true,
            retryIgnorePreviousHosts: false,
            backoff: '25ms',
          },
          fault: { abort: { httpStatus: 500, percentage: { value: 0.1 } } },
          corsPolicy: {
            allowOrigins: [{ exact: 'https://example.com' }, { regex: 'https://.*\\.example\\.com' }],
            allowOrigin: ['https://legacy.example.com'],
            allowMethods: ['GET', 'POST'],
            allowHeaders: ['x-a'],
            exposeHeaders: ['x-b'],
            maxAge: '24h',
            allowCredentials: false,
            unmatchedPreflights: 'IGNORE',
          },
        },
        { match: [{ uri: { exact: '/old' } }], redirect: { uri: '/new', authority: 'a', derivePort: 'FROM_REQUEST_PORT', redirectCode: 302, scheme: 'https' } },
        { match: [{ uri: { prefix: '/p' } }], redirect: { prefixRewrite: '/q', port: 8443 } },
        { match: [{ uri: { exact: '/teapot' } }], directResponse: { status: 418, body: { string: 'short and stout' } } },
        { match: [{ uri: { prefix: '/d' } }], delegate: { name: 'productpage', namespace: 'nsA' } },
      ],
    };
    expect(errorsOf(spec)).toEqual([]);
  });

  it('accepts mirrors with percentages', () => {
    const spec = route({
      mirrors: [
        { destination: { host: 'reviews', subset: 'v2' }, percentage: { value: 50 } },
        { destination: { host: 'reviews', subset: 'v3' } },
      ],
    });
    expect(errorsOf(spec)).toEqual([]);
  });

  it('refuses a string weight', () => {
    const spec = { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' }, weight: '10' }] }] };
    expect(errorsOf(spec)).toContain('/http/0/route/0/weight must be integer');
  });

  it('refuses an unknown field at depth', () => {
    const spec = { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' }, wieght: 10 }] }] };
    expect(check(spec)).toBe(false);
    expect(check.errors).toContainEqual(
      expect.objectContaining({ instancePath: '/http/0/route/0', keyword: 'additionalProperties', params: { additionalProperty: 'wieght' } }),
    );
  });

  it('refuses a bad enum value', () => {
    expect(errorsOf(route({ corsPolicy: { unmatchedPreflights: 'NOPE' } }))).toContain(
      '/http/0/corsPolicy/unmatchedPreflights must be equal to one of the allowed values',
    );
    expect(check(route({ redirect: { derivePort: 'FROM_NOWHERE' } }))).toBe(false);
  });

  it('refuses what the CRD marks required', () => {
    expect(check({ hosts: ['a'], http: [{ route: [{ weight: 1 }] }] })).toBe(false);
    expect(check({ hosts: ['a'], http: [{ route: [{ destination: { subset: 'v1' } }] }] })).toBe(false);
    expect(check({ hosts: ['a'], http: [{ directResponse: { body: { string: 'x' } } }] })).toBe(false);
    expect(check({ hosts: ['a'], tls: [{ match: [{ port: 443 }] }] })).toBe(false);
  });

  it('accepts tcp and tls routes, which notEnforced reports with their paths', () => {
    const spec = {
      hosts: ['mongo.prod.svc.cluster.local', '*.bookinfo.com'],
      http: [{ route: [{ destination: { host: 'reviews' } }], fault: { abort: { grpcStatus: 'UNAVAILABLE', percentage: { value: 5 } } } }],
      tcp: [
        {
          match: [{ port: 27017, destinationSubnets: ['10.0.0.0/8'], sourceSubnet: '10.1.0.0/16', sourceLabels: { app: 'x' } }],
          route: [{ destination: { host: 'mongo.backup.svc.cluster.local', port: { number: 5555 } }, weight: 100 }],
        },
      ],
      tls: [
        {
          match: [{ port: 443, sniHosts: ['login.bookinfo.com'], gateways: ['mesh'], sourceNamespace: 'default' }],
          route: [{ destination: { host: 'login.prod.svc.cluster.local' } }],
        },
      ],
    };
    expect(errorsOf(spec)).toEqual([]);
    expect(virtualService.notEnforced?.(spec)).toEqual([
      "spec.tcp: TCP routes are stored but not enforced by Rudder's HTTP/1.1 data plane",
      "spec.tls: TLS routes are stored but not enforced by Rudder's HTTP/1.1 data plane",
      "spec.http[0].fault.abort.grpcStatus: gRPC abort statuses are stored but not enforced by Rudder's HTTP/1.1 data plane",
    ]);
    expect(virtualService.notEnforced?.({ http: [{ fault: { abort: { http2Error: 'x' } } }], tcp: [] })).toEqual([
      "spec.http[0].fault.abort.http2Error: HTTP/2 abort errors are stored but not enforced by Rudder's HTTP/1.1 data plane",
    ]);
    expect(virtualService.notEnforced?.(route({}))).toEqual([]);
  });

  it('refuses sourceSubnet on a TLS match (reserved in the proto)', () => {
    expect(check({ hosts: ['a'], tls: [{ match: [{ sniHosts: ['a'], sourceSubnet: '10.0.0.0/8' }] }] })).toBe(false);
  });

  it('declares the kind as Istio does', () => {
    expect(virtualService).toMatchObject({ kind: 'VirtualService', plural: 'virtualservices', singular: 'virtualservice', shortNames: ['vs'] });
    expect(virtualService.printerColumns.map((c) => c.name)).toEqual(['Gateways', 'Hosts', 'Age']);
  });
});
