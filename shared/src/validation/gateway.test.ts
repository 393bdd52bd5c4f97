// Gateway rules, case for case from istio/istio validation_test.go (TestValidateGateway,
// TestValidateServer, TestValidateServerPort, TestValidateTlsOptions).
import { describe, expect, it } from 'vitest';
import { validateIstio } from './index.js';

type Spec = Record<string, unknown>;

function check(spec: Spec, name = 'gw') {
  return validateIstio({ apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name, namespace: 'default' }, spec });
}
const fields = (spec: Spec, name?: string) => [...new Set(check(spec, name).problems.map((p) => p.field))].sort();
const httpPort = { number: 7, name: 'http', protocol: 'http' };
/** A gateway with one server; `server` overrides the defaults (an HTTP port, host foo.bar.com). */
const one = (server: Spec) => ({ servers: [{ hosts: ['foo.bar.com'], port: httpPort, ...server }] });
const S = 'spec.servers[0]';

describe('Gateway (TestValidateGateway)', () => {
  it.each<[string, Spec, string[]]>([
    ['empty', {}, ['spec.servers']],
    ['happy domain', one({}), []],
    ['happy multiple servers', { servers: [{ hosts: ['foo.bar.com'], port: httpPort }, { hosts: ['scooby.doo.com'], port: { number: 8, name: 'http-2', protocol: 'http' } }] }, []],
    ['k8s gateway-api namespace ~ (not for Istio Gateways)', one({ hosts: ['~/foo.bar.com'] }), [`${S}.hosts[0]`]],
    ['invalid port', one({ port: { number: 66000, name: 'http', protocol: 'http' } }), [`${S}.port.number`]],
    ['duplicate port names', { servers: [{ hosts: ['foo.bar.com'], port: httpPort }, { hosts: ['scooby.doo.com'], port: { number: 8, name: 'http', protocol: 'http' } }] }, ['spec.servers[1].port.name']],
    ['invalid domain', one({ hosts: ['foo.*.bar.com'] }), [`${S}.hosts[0]`]],
    ['valid httpsRedirect', one({ hosts: ['bar.com'], tls: { httpsRedirect: true } }), []],
    ['https httpsRedirect (warning only)', one({ hosts: ['bar.com'], port: { name: 'https', number: 80, protocol: 'https' }, tls: { httpsRedirect: true } }), []],
    ['invalid partial wildcard', one({ hosts: ['*bar.com'], port: { name: 'tls', number: 443, protocol: 'tls' }, tls: { mode: 'ISTIO_MUTUAL' } }), [`${S}.hosts[0]`]],
    ['bookinfo gateway', { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 8080, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] }, []],
  ])('%s', (_name, spec, expected) => {
    expect(fields(spec)).toEqual(expected);
  });

  it('refuses a gateway name that is not a DNS-1123 label', () => {
    expect(fields(one({}), 'my.gateway')).toEqual(['metadata.name']);
  });

  it('warns about httpsRedirect on a non-HTTP server', () => {
    expect(check(one({ hosts: ['bar.com'], port: { name: 'https', number: 80, protocol: 'https' }, tls: { httpsRedirect: true } })).warnings).toEqual([
      `${S}.tls.httpsRedirect: tls.httpsRedirect should only be used with http servers`,
    ]);
  });
});

describe('Gateway servers (TestValidateServer, TestValidateServerPort)', () => {
  it.each<[string, Spec, string[]]>([
    ['no hosts, no port', { servers: [{}] }, [`${S}.hosts`, `${S}.port`]],
    ['happy', one({}), []],
    ['happy ip', one({ hosts: ['1.1.1.1'] }), []],
    ['happy ns/name', one({ hosts: ['ns1/foo.bar.com'] }), []],
    ['happy */name', one({ hosts: ['*/foo.bar.com'] }), []],
    ['happy ./name', one({ hosts: ['./foo.bar.com'] }), []],
    ['happy ns/*', one({ hosts: ['ns1/*'] }), []],
    ['happy */*.example.com', one({ hosts: ['*/*.example.com'] }), []],
    ['invalid ~/name', one({ hosts: ['~/foo.bar.com'] }), [`${S}.hosts[0]`]],
    ['invalid namespace', one({ hosts: ['Ns_1/foo.bar.com'] }), [`${S}.hosts[0]`]],
    ['empty namespace', one({ hosts: ['/foo.bar.com'] }), [`${S}.hosts[0]`]],
    ['invalid domain ns/name format', one({ hosts: ['ns1/foo.*.bar.com'] }), [`${S}.hosts[0]`]],
    ['invalid domain', one({ hosts: ['foo.*.bar.com'] }), [`${S}.hosts[0]`]],
    ['invalid short name host', one({ hosts: ['foo'] }), [`${S}.hosts[0]`]],
    ['invalid short name after namespace', one({ hosts: ['ns1/foo'] }), [`${S}.hosts[0]`]],
    ['invalid port', one({ port: { number: 66000, name: 'http', protocol: 'http' } }), [`${S}.port.number`]],
    ['invalid tls options', one({ tls: { mode: 'SIMPLE' } }), [`${S}.tls`, `${S}.tls.privateKey`, `${S}.tls.serverCertificate`]],
    ['no tls on HTTPS', one({ port: { number: 10000, name: 'https', protocol: 'https' } }), [`${S}.tls`]],
    ['no tls on TLS', one({ port: { number: 10000, name: 'tls', protocol: 'TLS' } }), [`${S}.tls`]],
    ['tls on HTTP', one({ tls: { mode: 'SIMPLE', serverCertificate: 'a', privateKey: 'b' } }), [`${S}.tls`]],
    ['tls on TCP', one({ port: { number: 31400, name: 'tcp', protocol: 'TCP' }, tls: { httpsRedirect: true } }), [`${S}.tls`]],
    ['tls redirect on HTTP', one({ tls: { httpsRedirect: true } }), []],
    ['passthrough with certificate on HTTP', one({ tls: { mode: 'PASSTHROUGH', serverCertificate: 'a' } }), [`${S}.tls`]],
    ['bind ip', one({ bind: '127.0.0.1' }), []],
    ['bind unix path with invalid port', one({ bind: 'unix://@foobar' }), [`${S}.port.number`]],
    ['bind unix path', one({ bind: 'unix://@foobar', port: { number: 0, name: 'http', protocol: 'http' } }), []],
    ['bind unix relative path', one({ bind: 'unix://tmp/sock', port: { number: 0, name: 'http', protocol: 'http' } }), [`${S}.bind`]],
    ['bind bad ip', one({ bind: 'foo.bar' }), [`${S}.bind`]],
    ['port happy', one({ port: { number: 1, name: 'Henry', protocol: 'http' } }), []],
    ['invalid protocol', one({ port: { number: 1, name: 'Henry', protocol: 'kafka' } }), [`${S}.port.protocol`]],
    ['protocols are case-insensitive', one({ port: { number: 1, name: 'g', protocol: 'grpc-web' } }), []],
    ['invalid number', one({ port: { number: 1 << 30, name: 'http', protocol: 'http' } }), [`${S}.port.number`]],
    ['name, no number', one({ port: { number: 0, name: 'Henry', protocol: 'http' } }), [`${S}.port.number`]],
    ['name, no number, uds bind not unix://', one({ bind: 'uds:///tmp', port: { number: 0, name: 'Henry', protocol: 'http' } }), [`${S}.bind`, `${S}.port.number`]],
    ['no name', one({ port: { number: 80, name: '', protocol: 'http' } }), [`${S}.port.name`]],
    ['targetPort', one({ port: { number: 80, name: 'http', protocol: 'http', targetPort: 8080 } }), [`${S}.port.targetPort`]],
  ])('%s', (_name, spec, expected) => {
    expect(fields(spec)).toEqual(expected);
  });
});

describe('Gateway server TLS (TestValidateTlsOptions)', () => {
  const https = (tls: Spec) => one({ port: { number: 443, name: 'https', protocol: 'HTTPS' }, tls });
  const L = `${S}.tls`;
  const cert = { serverCertificate: 'Captain Jean-Luc Picard', privateKey: 'Khan Noonien Singh' };
  const ca = { caCertificates: 'Commander William T. Riker' };
  it.each<[string, Spec, string[]]>([
    ['empty (passthrough)', {}, []],
    ['simple', { mode: 'SIMPLE', ...cert }, []],
    ['simple with client bundle', { mode: 'SIMPLE', ...cert, ...ca }, []],
    ['simple sds', { mode: 'SIMPLE', credentialName: 'sds-name' }, []],
    ['simple sds with server cert', { mode: 'SIMPLE', ...cert, credentialName: 'sds-name' }, [L]],
    ['simple no server cert', { mode: 'SIMPLE', privateKey: 'k' }, [`${L}.serverCertificate`]],
    ['simple no private key', { mode: 'SIMPLE', serverCertificate: 'c' }, [`${L}.privateKey`]],
    ['simple with both server cert and tls certs', { mode: 'SIMPLE', ...cert, tlsCertificates: [cert, { serverCertificate: 'd', privateKey: 'd' }] }, [L]],
    ['simple 2 certs, one missing certificate', { mode: 'SIMPLE', tlsCertificates: [{ privateKey: 'k' }, { serverCertificate: 'c', privateKey: 'k' }] }, [`${L}.tlsCertificates[0].serverCertificate`]],
    ['simple 2 certs, one missing key', { mode: 'SIMPLE', tlsCertificates: [{ serverCertificate: 'c' }, { serverCertificate: 'c', privateKey: 'k' }] }, [`${L}.tlsCertificates[0].privateKey`]],
    ['simple sds no server cert', { mode: 'SIMPLE', privateKey: 'k', credentialName: 'sds-name' }, []],
    ['simple sds no private key', { mode: 'SIMPLE', serverCertificate: 'c', credentialName: 'sds-name' }, []],
    ['mutual', { mode: 'MUTUAL', ...cert, ...ca }, []],
    ['mutual sds', { mode: 'MUTUAL', ...ca, credentialName: 'sds-name' }, []],
    ['mutual sds with credential name and server cert', { mode: 'MUTUAL', ...cert, ...ca, credentialName: 'sds-name' }, [L]],
    ['mutual sds with credential name and tls certs', { mode: 'MUTUAL', ...ca, tlsCertificates: [cert], credentialName: 'sds-name' }, [L]],
    ['mutual no server cert', { mode: 'MUTUAL', privateKey: 'k', ...ca }, [`${L}.serverCertificate`]],
    ['credential names and certificates', { mode: 'MUTUAL', serverCertificate: '/c', privateKey: '/k', credentialNames: ['server-certs'] }, [L]],
    ['credential names and tls certificates', { mode: 'MUTUAL', tlsCertificates: [{ serverCertificate: '/c', privateKey: '/k', caCertificates: '/ca' }], credentialNames: ['server-certs'] }, [L]],
    ['only tls certificates', { mode: 'MUTUAL', tlsCertificates: [{ serverCertificate: '/c', privateKey: '/k' }], caCertificates: '/ca' }, []],
    ['mutual sds no server cert', { mode: 'MUTUAL', privateKey: 'k', ...ca, credentialName: 'sds-name' }, []],
    ['mutual no client CA bundle', { mode: 'MUTUAL', ...cert }, [`${L}.caCertificates`]],
    ['mutual no certs', { mode: 'MUTUAL' }, [`${L}.caCertificates`, `${L}.privateKey`, `${L}.serverCertificate`]],
    ['mutual 2 certs with missing CA', { mode: 'MUTUAL', tlsCertificates: [cert, { serverCertificate: 'd', privateKey: 'd' }] }, [`${L}.caCertificates`]],
    ['optional mutual no certs', { mode: 'OPTIONAL_MUTUAL' }, [`${L}.caCertificates`, `${L}.privateKey`, `${L}.serverCertificate`]],
    ['pass through sds no certs (warning)', { mode: 'PASSTHROUGH', credentialName: 'sds-name' }, []],
    ['istio_mutual no certs', { mode: 'ISTIO_MUTUAL' }, []],
    ['istio_mutual with server cert', { mode: 'ISTIO_MUTUAL', serverCertificate: 'c' }, [`${L}.serverCertificate`]],
    ['istio_mutual with client bundle', { mode: 'ISTIO_MUTUAL', ...ca }, [`${L}.caCertificates`]],
    ['istio_mutual with private key', { mode: 'ISTIO_MUTUAL', privateKey: 'k' }, [`${L}.privateKey`]],
    ['istio_mutual with credential name', { mode: 'ISTIO_MUTUAL', credentialName: 'sds' }, [`${L}.credentialName`]],
    ['istio_mutual with credential names', { mode: 'ISTIO_MUTUAL', credentialNames: ['sds'] }, [`${L}.credentialNames`]],
    ['crl with credential name (passthrough)', { mode: 'PASSTHROUGH', caCrl: 'crl', credentialName: 'sds' }, [`${L}.caCrl`]],
    ['crl with simple', { mode: 'SIMPLE', ...cert, caCrl: 'crl' }, [`${L}.caCrl`]],
    ['crl with mutual', { mode: 'MUTUAL', ...cert, ...ca, caCrl: 'crl' }, []],
    ['cipher suites (warnings only)', { mode: 'SIMPLE', credentialName: 'x', cipherSuites: ['ECDHE-RSA-AES256-GCM-SHA384', 'not-a-cipher', 'ECDHE-RSA-AES256-GCM-SHA384'] }, []],
  ])('%s', (_name, tls, expected) => {
    expect(fields(https(tls))).toEqual(expected);
  });

  it.each<[string, Spec, string]>([
    ['passthrough with certificates', { mode: 'PASSTHROUGH', credentialName: 'sds-name' }, `${L}: PASSTHROUGH mode does not use certificates, they will be ignored`],
    ['passthrough with crl', { mode: 'AUTO_PASSTHROUGH', caCrl: 'scrl' }, `${L}: AUTO_PASSTHROUGH mode does not use certificates, they will be ignored`],
    ['old TLS without ciphers', { mode: 'SIMPLE', credentialName: 'x', minProtocolVersion: 'TLSV1_1' }, `${L}.minProtocolVersion: TLS version below TLSV1_2 require setting compatible ciphers as by default they no longer include compatible ciphers.`],
    ['invalid cipher', { mode: 'SIMPLE', credentialName: 'x', cipherSuites: ['not-a-cipher', 'ECDHE-RSA-AES256-GCM-SHA384'] }, `${L}.cipherSuites: ignoring invalid cipher suites: [not-a-cipher]`],
    ['duplicate cipher', { mode: 'SIMPLE', credentialName: 'x', cipherSuites: ['AES128-SHA', 'AES128-SHA'] }, `${L}.cipherSuites: ignoring duplicate cipher suites: [AES128-SHA]`],
    ['more than 2 certs', { mode: 'SIMPLE', tlsCertificates: [cert, cert, cert] }, `${L}.tlsCertificates: SIMPLE TLS can support up to 2 server certificates`],
  ])('warns: %s', (_name, tls, warning) => {
    expect(check(https(tls)).warnings).toContain(warning);
  });

  it('accepts OpenSSL cipher expressions', () => {
    expect(check(https({ mode: 'SIMPLE', credentialName: 'x', cipherSuites: ['-AES128-SHA', 'ALL', '!RC4'] })).warnings).toEqual([]);
  });
});
