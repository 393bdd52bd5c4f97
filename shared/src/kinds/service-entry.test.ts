import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { serviceEntry, ServiceEntrySpec } from './service-entry.js';

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const check = ajv.compile(ServiceEntrySpec);
const corpus = join(import.meta.dirname, '../../testdata/istio-bookinfo');

function corpusSpecs(kind: string): unknown[] {
  return readdirSync(corpus)
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) => parseAllDocuments(readFileSync(join(corpus, file), 'utf8')).map((doc) => doc.toJS()))
    .filter((doc) => doc?.kind === kind)
    .map((doc) => doc.spec);
}

const valid = (spec: unknown) => (check(spec) ? true : ajv.errorsText(check.errors));
const http80 = { number: 80, name: 'http', protocol: 'HTTP' };

describe('ServiceEntrySpec', () => {
  it('accepts every ServiceEntry of the Bookinfo samples', () => {
    const specs = corpusSpecs('ServiceEntry');
    expect(specs.length).toBeGreaterThanOrEqual(1);
    for (const spec of specs) expect(valid(spec)).toBe(true);
  });

  it('accepts the istio.io reference examples', () => {
    const examples = [
      // STATIC endpoints behind VIPs
      {
        hosts: ['mymongodb.somedomain'],
        addresses: ['192.192.192.192/24'],
        ports: [{ number: 27018, name: 'mongodb', protocol: 'MONGO' }],
        location: 'MESH_INTERNAL',
        resolution: 'STATIC',
        endpoints: [{ address: '2.2.2.2' }, { address: '3.3.3.3' }],
      },
      // DNS resolution with per-endpoint port maps
      {
        hosts: ['foo.bar.com'],
        location: 'MESH_EXTERNAL',
        ports: [http80],
        resolution: 'DNS',
        endpoints: [
          { address: 'us.foo.bar.com', ports: { http: 8080 } },
          { address: 'uk.foo.bar.com', ports: { http: 9080 } },
        ],
      },
      // STATIC with subjectAltNames, and every WorkloadEntry field on an endpoint
      {
        hosts: ['example.com'],
        location: 'MESH_INTERNAL',
        ports: [{ ...http80, targetPort: 8080 }],
        resolution: 'STATIC',
        endpoints: [{ address: '2.2.2.2', labels: { app: 'x' }, network: 'n1', locality: 'us-east/a', weight: 3, serviceAccount: 'sa' }],
        subjectAltNames: ['spiffe://cluster.local/ns/httpbin-ns/sa/httpbin-service-account'],
        exportTo: ['.'],
      },
      // workload selector (networking.v1alpha3.WorkloadSelector uses `labels`)
      { hosts: ['details.bookinfo.com'], location: 'MESH_INTERNAL', ports: [http80], resolution: 'STATIC', workloadSelector: { labels: { app: 'details' } } },
      { hosts: ['*.wikipedia.org'], ports: [{ number: 443, name: 'https', protocol: 'TLS' }], resolution: 'DYNAMIC_DNS' },
      { hosts: ['api.example.com'], ports: [{ number: 443, name: 'tls' }], resolution: 'DNS_ROUND_ROBIN' },
    ];
    for (const spec of examples) expect(valid(spec)).toBe(true);
  });

  it('refuses wrong types, unknown fields, bad enums and missing required fields', () => {
    const refused = [
      { hosts: ['a.com'], ports: [{ ...http80, number: '80' }] },
      { hosts: ['a.com'], ports: [{ ...http80, number: 70000 }] },
      { hosts: ['a.com'], ports: [{ number: 80, protocol: 'HTTP' }] },
      { hosts: ['a.com'], endpoints: [{ address: '1.1.1.1', port: 80 }] },
      { hosts: ['a.com'], endpoints: [{ address: '1.1.1.1', ports: { http: '80' } }] },
      { hosts: ['a.com'], workloadSelector: { matchLabels: { app: 'x' } } },
      { hosts: ['a.com'], resolution: 'DNS_ONLY' },
      { hosts: ['a.com'], location: 'EXTERNAL' },
      { hosts: [] },
      { ports: [http80] },
    ];
    for (const spec of refused) expect(check(spec), JSON.stringify(spec)).toBe(false);
  });
});

describe('serviceEntry', () => {
  it('declares the CRD names and printer columns', () => {
    expect(serviceEntry).toMatchObject({ kind: 'ServiceEntry', plural: 'serviceentries', singular: 'serviceentry', shortNames: ['se'] });
    expect(serviceEntry.printerColumns.map((c) => `${c.name} ${c.jsonPath}`)).toEqual([
      'Hosts .spec.hosts',
      'Location .spec.location',
      'Resolution .spec.resolution',
      'Age .metadata.creationTimestamp',
    ]);
  });
});
