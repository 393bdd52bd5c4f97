import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { gateway, GatewaySpec } from './gateway.js';

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const check = ajv.compile(GatewaySpec);
const corpus = join(import.meta.dirname, '../../testdata/istio-bookinfo');

function corpusSpecs(kind: string): unknown[] {
  return readdirSync(corpus)
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) => parseAllDocuments(readFileSync(join(corpus, file), 'utf8')).map((doc) => doc.toJS()))
    .filter((doc) => doc?.kind === kind)
    .map((doc) => doc.spec);
}

const valid = (spec: unknown) => (check(spec) ? true : ajv.errorsText(check.errors));

// The first example of the istio.io Gateway reference page.
const myGateway = {
  selector: { app: 'my-gateway-controller' },
  servers: [
    { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['uk.bookinfo.com', 'eu.bookinfo.com'], tls: { httpsRedirect: true } },
    {
      port: { number: 443, name: 'https-443', protocol: 'HTTPS' },
      hosts: ['uk.bookinfo.com', 'eu.bookinfo.com'],
      tls: { mode: 'SIMPLE', serverCertificate: '/etc/certs/servercert.pem', privateKey: '/etc/certs/privatekey.pem' },
    },
    {
      port: { number: 9443, name: 'https-9443', protocol: 'HTTPS' },
      hosts: ['bookinfo-namespace/*.bookinfo.com'],
      tls: { mode: 'SIMPLE', credentialName: 'bookinfo-secret' },
    },
    { port: { number: 9080, name: 'http-wildcard', protocol: 'HTTP' }, hosts: ['*'] },
    { port: { number: 2379, name: 'mongo', protocol: 'MONGO' }, hosts: ['*'] },
  ],
};

describe('GatewaySpec', () => {
  it('accepts every Gateway of the Bookinfo samples', () => {
    const specs = corpusSpecs('Gateway');
    expect(specs.length).toBeGreaterThanOrEqual(2);
    for (const spec of specs) expect(valid(spec)).toBe(true);
  });

  it('accepts the istio.io reference examples and every ServerTLSSettings field', () => {
    expect(valid(myGateway)).toBe(true);
    expect(valid({ selector: { app: 'gw' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['ns1/*', 'ns2/foo.bar.com'] }] })).toBe(true);
    const mutual = {
      servers: [
        {
          name: 'mtls',
          bind: '0.0.0.0',
          port: { number: 443, name: 'https', protocol: 'HTTPS' },
          hosts: ['*.example.com'],
          tls: {
            mode: 'OPTIONAL_MUTUAL',
            credentialNames: ['rsa-cert', 'ecdsa-cert'],
            caCertCredentialName: 'client-ca',
            caCrl: '/etc/crl.pem',
            subjectAltNames: ['spiffe://cluster.local/ns/a/sa/b'],
            verifyCertificateSpki: ['abc='],
            verifyCertificateHash: ['AB:CD'],
            minProtocolVersion: 'TLSV1_2',
            maxProtocolVersion: 'TLSV1_3',
            cipherSuites: ['ECDHE-RSA-AES256-GCM-SHA384'],
            insecureSkipVerify: false,
          },
        },
        {
          port: { number: 8443, name: 'https-files', protocol: 'HTTPS' },
          hosts: ['*'],
          tls: { mode: 'MUTUAL', tlsCertificates: [{ serverCertificate: '/a.pem', privateKey: '/a.key', caCertificates: '/ca.pem' }] },
        },
      ],
    };
    expect(valid(mutual)).toBe(true);
  });

  it('refuses wrong types, unknown fields, bad enums and missing required fields', () => {
    const server = { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] };
    const refused = [
      { servers: [{ ...server, port: { number: '80', name: 'http', protocol: 'HTTP' } }] },
      { servers: [{ ...server, port: { number: 80, name: 'http', protocol: 'HTTP', portName: 'x' } }] },
      { servers: [{ ...server, tls: { mode: 'SIMPLE', credential: 'x' } }] },
      { servers: [{ ...server, tls: { mode: 'STRICT' } }] },
      { servers: [{ ...server, tls: { minProtocolVersion: 'TLSV1_4' } }] },
      { servers: [{ ...server, tls: { credentialNames: ['a', 'b', 'c'] } }] },
      { servers: [{ port: server.port }] },
      { servers: [{ hosts: ['*'] }] },
      { servers: [{ ...server, port: { number: 80, name: 'http' } }] },
      { selector: { istio: 1 } },
    ];
    for (const spec of refused) expect(check(spec), JSON.stringify(spec)).toBe(false);
  });
});

describe('gateway', () => {
  it('declares the CRD names and only the Age column', () => {
    expect(gateway).toMatchObject({ kind: 'Gateway', plural: 'gateways', singular: 'gateway', shortNames: ['gw'] });
    expect(gateway.printerColumns.map((c) => c.name)).toEqual(['Age']);
  });

  it('reports non-HTTP/1.1 protocols and TLS settings per server', () => {
    const suffix = ": not enforced by Rudder's HTTP/1.1 data plane (stored as written)";
    expect(gateway.notEnforced?.(myGateway)).toEqual([
      `spec.servers[0].tls${suffix}`,
      `spec.servers[1].port.protocol${suffix}`,
      `spec.servers[1].tls${suffix}`,
      `spec.servers[2].port.protocol${suffix}`,
      `spec.servers[2].tls${suffix}`,
      `spec.servers[4].port.protocol${suffix}`,
    ]);
    for (const spec of corpusSpecs('Gateway')) expect(gateway.notEnforced?.(spec as Record<string, unknown>)).toEqual([]);
  });
});
