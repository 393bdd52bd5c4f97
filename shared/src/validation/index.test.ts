// validateIstio end to end: the Bookinfo corpus passes, RE2 semantics and bounds,
// metadata rules, and every problem of a document collected with its own path.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Resource } from '../kinds/index.js';
import { parseYamlDocuments } from '../yaml/index.js';
import { compileFullMatch, re2Error, validateIstio, validateRegex } from './index.js';

const corpus = join(import.meta.dirname, '../../testdata/istio-bookinfo');

function bookinfo(): [string, Resource][] {
  return readdirSync(corpus)
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) =>
      parseYamlDocuments(readFileSync(join(corpus, file), 'utf8'))
        .map((doc) => doc as Resource & { metadata: { namespace?: string } })
        .filter((doc) => doc.apiVersion.startsWith('networking.istio.io/'))
        .map((doc): [string, Resource] => [`${file} ${doc.kind}/${doc.metadata.name}`, { ...doc, metadata: { ...doc.metadata, namespace: doc.metadata.namespace ?? 'default' } }]),
    );
}

const resource = (kind: string, spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): Resource => ({
  apiVersion: 'networking.istio.io/v1',
  kind,
  metadata: { name: 'x', namespace: 'default', ...metadata },
  spec,
});

describe('the Bookinfo corpus', () => {
  const docs = bookinfo();

  it('holds every networking.istio.io kind the samples use', () => {
    expect(docs.length).toBeGreaterThanOrEqual(35);
    expect(new Set(docs.map(([, d]) => d.kind))).toEqual(new Set(['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry']));
  });

  it.each(docs)('%s passes with no problems', (_name, doc) => {
    expect(validateIstio(doc).problems).toEqual([]);
  });
});

describe('RE2 regexes', () => {
  it.each([
    ['(a)\\1', 'backreference'],
    ['foo(?=bar)', 'lookahead'],
    ['foo(?!bar)', 'negative lookahead'],
    ['(?<=a)b', 'lookbehind'],
    ['[', 'unbalanced bracket'],
    ['a{1001}', 'repeat count over 1000'],
    ['\\C', 'RE2 C++ any-byte, refused by Go'],
    ['\\u0041', 'JavaScript unicode escape, refused by Go'],
    ['\\cA', 'JavaScript control escape, refused by Go'],
  ])('refuses %s (%s)', (re) => {
    expect(re2Error(re)).toBeDefined();
    expect(validateRegex(re)).toContain('RE2');
  });

  it.each(['(a+)+$', '^/api/v[0-9]+/.*', '(?i)jason', '\\d+$', '(?P<id>[a-z]+)', '\\\\C', '\\x{41}', '[[:alpha:]]+', '\\/'])('accepts %s', (re) => {
    expect(validateRegex(re)).toBeUndefined();
  });

  it('matches (a+)+$ against a 100 000-character input in linear time', () => {
    const matcher = compileFullMatch('(a+)+$');
    const started = performance.now();
    expect(matcher.test(`${'a'.repeat(100_000)}b`)).toBe(false);
    expect(matcher.test('a'.repeat(100_000))).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('matches the whole value, as Envoy does', () => {
    expect(compileFullMatch('\\d+').test('a123')).toBe(false);
    expect(compileFullMatch('\\d+').test('123')).toBe(true);
  });
});

describe('metadata (validateMetadata) and dispatch', () => {
  it.each([
    'istio.io/dry-run',
    'internal.istio.io/webhook-always-reject',
    'internal.istio.io/parent-namespace',
    'internal.istio.io/parents',
  ])('refuses the %s annotation', (key) => {
    const result = validateIstio(resource('DestinationRule', { host: 'reviews' }, { annotations: { [key]: 'true' } }));
    expect(result.problems.map((p) => p.field)).toEqual([`metadata.annotations[${key}]`]);
  });

  it('refuses an unknown kind', () => {
    expect(validateIstio(resource('Sidecar', {})).problems.map((p) => p.reason)).toEqual(['FieldValueNotSupported']);
  });

  it('treats a missing spec as an empty one', () => {
    const result = validateIstio({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'x', namespace: 'default' } });
    expect(result.problems.map((p) => p.field)).toEqual(['spec.http']);
  });
});

describe('collecting every problem', () => {
  it('reports each problem of a VirtualService with its own path and apiserver wording', () => {
    const result = validateIstio(
      resource('VirtualService', {
        hosts: ['reviews', 'foo.*.com'],
        gateways: ['b@d'],
        http: [
          { route: [{ destination: { host: 'reviews', subset: 'v_1' }, weight: -5 }], timeout: '0.5ms' },
          { match: [{ uri: { regex: '(a)\\1' } }], redirect: {}, fault: { abort: { httpStatus: 700 } } },
        ],
      }),
    );
    expect(result.problems).toEqual([
      { field: 'spec.gateways[0]', reason: 'FieldValueInvalid', message: 'Invalid value: "b@d": domain name "b@d" invalid (label "b@d" invalid)' },
      { field: 'spec.hosts[1]', reason: 'FieldValueInvalid', message: 'Invalid value: "foo.*.com": domain name "*.com" invalid (label "*" invalid)' },
      { field: 'spec.http[0].route[0].destination.subset', reason: 'FieldValueInvalid', message: 'Invalid value: "v_1": subset name must be a DNS-1123 label' },
      { field: 'spec.http[0].route[0].weight', reason: 'FieldValueInvalid', message: 'Invalid value: -5: weight must be non-negative' },
      { field: 'spec.http[0].timeout', reason: 'FieldValueInvalid', message: 'Invalid value: "0.5ms": duration must be greater than 1ms' },
      { field: 'spec.http[1].fault', reason: 'FieldValueForbidden', message: 'Forbidden: HTTP route cannot contain both fault and redirect' },
      { field: 'spec.http[1].match[0].uri.regex', reason: 'FieldValueInvalid', message: expect.stringContaining('Invalid value: "(a)\\\\1": invalid escape sequence') },
      { field: 'spec.http[1].fault.abort.httpStatus', reason: 'FieldValueInvalid', message: 'Invalid value: 700: HTTP status 700 is not in range 200-599' },
      { field: 'spec.http[1].redirect', reason: 'FieldValueRequired', message: 'Required value: redirect must specify URI, authority, scheme, or port' },
    ]);
  });

  it('validates a huge document in bounded time', () => {
    const http = Array.from({ length: 20_000 }, (_, i) => ({
      match: [{ uri: { prefix: `/p${i}` }, headers: { 'x-user': { regex: '(a+)+$' } } }],
      route: [{ destination: { host: `svc${i}.ns.svc.cluster.local`, subset: 'v1' }, weight: 1 }],
      retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx,reset' },
    }));
    const hosts = Array.from({ length: 20_000 }, (_, i) => `h${i}.example.com`);
    const started = performance.now();
    const result = validateIstio(resource('VirtualService', { hosts, http }));
    expect(result.problems).toEqual([]);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
