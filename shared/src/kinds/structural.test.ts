// Structural validation: wrong types, unknown fields at several depths, bad enums, each
// with its Kubernetes-style path; fieldValidation Strict / Warn / Ignore.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlDocuments } from '../yaml/index.js';
import { KINDS, kindByName, validateStructure } from './index.js';

const corpus = join(import.meta.dirname, '../../testdata/istio-bookinfo');

const vs = (spec: unknown, metadata: Record<string, unknown> = { name: 'reviews', namespace: 'default' }) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata,
  spec,
});
const dr = (spec: unknown) => ({ apiVersion: 'networking.istio.io/v1beta1', kind: 'DestinationRule', metadata: { name: 'r' }, spec });
const def = (kind: string) => {
  const found = kindByName(kind);
  if (!found) throw new Error(kind);
  return found;
};
const route = (extra: Record<string, unknown>) => ({ hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' }, ...extra }] }] });

describe('every networking.istio.io document of the Bookinfo corpus is structurally valid', () => {
  const docs = readdirSync(corpus)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((file) =>
      parseYamlDocuments(readFileSync(join(corpus, file), 'utf8')).map((doc) => ({ file, doc: doc as { apiVersion: string; kind: string } })),
    )
    .filter(({ doc }) => doc.apiVersion.startsWith('networking.istio.io/'));

  it('finds the documents', () => expect(docs.length).toBeGreaterThanOrEqual(25));
  it.each(docs.map(({ file, doc }) => [`${file} ${doc.kind}`, doc] as const))('%s', (_name, doc) => {
    const result = validateStructure(def(doc.kind), doc);
    expect(result.problems).toEqual([]);
    expect(result.unknownFields).toEqual([]);
  });
});

describe('structural refusals carry their path (table)', () => {
  const cases: [string, unknown, string, string, RegExp][] = [
    ['string weight', vs(route({ weight: '10' })), 'VirtualService', 'spec.http[0].route[0].weight', /must be of type integer/],
    ['float weight', vs(route({ weight: 1.5 })), 'VirtualService', 'spec.http[0].route[0].weight', /integer/],
    ['hosts not a list', vs({ hosts: 'reviews' }), 'VirtualService', 'spec.hosts', /must be of type array/],
    ['bool as string', vs({ hosts: ['r'], http: [{ match: [{ ignoreUriCase: 'true' }], route: [] }] }), 'VirtualService', 'spec.http[0].match[0].ignoreUriCase', /boolean/],
    ['missing destination host', vs({ hosts: ['r'], http: [{ route: [{ destination: { subset: 'v1' } }] }] }), 'VirtualService', 'spec.http[0].route[0].destination.host', /Required value/],
    ['bad LB enum', dr({ host: 'r', trafficPolicy: { loadBalancer: { simple: 'FASTEST' } } }), 'DestinationRule', 'spec.trafficPolicy.loadBalancer.simple', /Unsupported value: "FASTEST": supported values: .*"ROUND_ROBIN"/],
    ['maxConnections as string', dr({ host: 'r', trafficPolicy: { connectionPool: { tcp: { maxConnections: '1' } } } }), 'DestinationRule', 'spec.trafficPolicy.connectionPool.tcp.maxConnections', /integer/],
    ['negative uint32', dr({ host: 'r', subsets: [{ name: 'v1', trafficPolicy: { outlierDetection: { consecutive5xxErrors: -1 } } }] }), 'DestinationRule', 'spec.subsets[0].trafficPolicy.outlierDetection.consecutive5xxErrors', /greater than or equal to 0/],
    ['label value a number', vs({ hosts: ['r'] }, { name: 'r', labels: { app: 7 } }), 'VirtualService', 'metadata.labels[app]', /must be of type string/],
    ['bad name', vs({ hosts: ['r'] }, { name: 'Reviews_1' }), 'VirtualService', 'metadata.name', /RFC 1123 subdomain/],
    ['no name', vs({ hosts: ['r'] }, { namespace: 'default' }), 'VirtualService', 'metadata.name', /Required value/],
    ['bad apiVersion', { ...vs({ hosts: ['r'] }), apiVersion: 'networking.istio.io/v2' }, 'VirtualService', 'apiVersion', /Unsupported value/],
    ['gateway port not int', { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'g' }, spec: { servers: [{ port: { number: '80', name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] } }, 'Gateway', 'spec.servers[0].port.number', /integer/],
    ['SE bad resolution', { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 's' }, spec: { hosts: ['a.com'], resolution: 'MAGIC' } }, 'ServiceEntry', 'spec.resolution', /Unsupported value/],
    ['WE port as string', { apiVersion: 'networking.istio.io/v1', kind: 'WorkloadEntry', metadata: { name: 'w' }, spec: { address: '1.2.3.4', ports: { http: '80' } } }, 'WorkloadEntry', 'spec.ports[http]', /integer/],
  ];
  it.each(cases)('%s', (_name, input, kind, field, message) => {
    const { problems } = validateStructure(def(kind), input);
    const problem = problems.find((p) => p.field === field);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem?.message).toMatch(message);
  });

  it('collects every problem, never stopping at the first', () => {
    const input = vs({ hosts: 'r', http: [{ route: [{ destination: { host: 1 }, weight: 'x' }], timeout: 5 }] });
    const fields = validateStructure(def('VirtualService'), input).problems.map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining(['spec.hosts', 'spec.http[0].route[0].destination.host', 'spec.http[0].route[0].weight', 'spec.http[0].timeout']),
    );
  });
});

describe('unknown fields and fieldValidation', () => {
  const misspelt = () =>
    vs({ hosts: ['reviews'], htttp: [], http: [{ route: [{ destination: { host: 'reviews', subsett: 'v1' }, wieght: 5 }] }] }, {
      name: 'reviews',
      namespace: 'default',
      labelz: {},
    });
  const expected = ['spec.htttp', 'spec.http[0].route[0].destination.subsett', 'spec.http[0].route[0].wieght', 'metadata.labelz'];

  it('Strict (the default) refuses each unknown field with its path, at several depths', () => {
    const result = validateStructure(def('VirtualService'), misspelt());
    expect(result.unknownFields.sort()).toEqual([...expected].sort());
    expect(result.problems.filter((p) => p.reason === 'FieldValueUnknown').map((p) => p.field).sort()).toEqual([...expected].sort());
  });

  it('Warn drops them with one warning each', () => {
    const result = validateStructure(def('VirtualService'), misspelt(), 'Warn');
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual(expect.arrayContaining(expected.map((f) => `unknown field "${f}"`)));
    expect(result.value).toEqual(vs({ hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }] }] }));
  });

  it('Ignore drops them silently', () => {
    const result = validateStructure(def('VirtualService'), misspelt(), 'Ignore');
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(JSON.stringify(result.value)).not.toMatch(/wieght|htttp|subsett|labelz/);
  });

  it('never changes its input', () => {
    const input = misspelt();
    const before = JSON.stringify(input);
    validateStructure(def('VirtualService'), input, 'Ignore');
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('not-enforced settings are warnings, never refusals', () => {
  it('warns for tcp routes', () => {
    const result = validateStructure(def('VirtualService'), vs({ hosts: ['r'], tcp: [{ route: [{ destination: { host: 'r' } }] }] }));
    expect(result.problems).toEqual([]);
    expect(result.warnings.join('\n')).toMatch(/spec\.tcp/);
  });
});

it('every kind has a unique plural and short name', () => {
  expect(new Set(KINDS.map((k) => k.plural)).size).toBe(KINDS.length);
  expect(KINDS.flatMap((k) => k.shortNames)).toEqual(['vs', 'dr', 'gw', 'se', 'we']);
});
