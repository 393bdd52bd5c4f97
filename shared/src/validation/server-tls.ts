// TLS options of a Gateway server (validation.go validateTLSOptions,
// pkg/config/security IsValidCipherSuite).
import type { ServerTLSSettings } from '../kinds/index.js';
import { child, type Report } from './report.js';

/** security.ValidCipherSuites: what Envoy (BoringSSL) accepts in cipherSuites. */
const CIPHER_SUITES = new Set([
  'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-CHACHA20-POLY1305', 'ECDHE-ECDSA-AES128-SHA', 'ECDHE-RSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-SHA', 'ECDHE-RSA-AES256-SHA', 'AES128-GCM-SHA256', 'AES256-GCM-SHA384', 'AES128-SHA', 'AES256-SHA', 'DES-CBC3-SHA',
]);

/** IsValidCipherSuite: a known suite, ALL, or an OpenSSL expression (starting with neither letter nor digit). */
const isValidCipherSuite = (cs: string) => cs === '' || cs === 'ALL' || !/^[\p{L}\p{N}]/u.test(cs) || CIPHER_SUITES.has(cs);

/** Unknown and repeated cipher suites are ignored by Istio, with a warning. */
function warnCipherSuites(report: Report, field: string, suites: readonly string[]): void {
  const invalid = new Set<string>();
  const valid = new Set<string>();
  const duplicate = new Set<string>();
  for (const cs of suites) {
    if (!isValidCipherSuite(cs)) invalid.add(cs);
    else if (valid.has(cs)) duplicate.add(cs);
    else valid.add(cs);
  }
  if (invalid.size > 0) report.warn(field, `ignoring invalid cipher suites: [${[...invalid].sort().join(' ')}]`);
  if (duplicate.size > 0) report.warn(field, `ignoring duplicate cipher suites: [${[...duplicate].sort().join(' ')}]`);
}

const FILE_FIELDS = ['serverCertificate', 'privateKey', 'caCertificates'] as const;

/** ISTIO_MUTUAL uses the workload's own certificates: no other certificate source may be named. */
function checkIstioMutual(report: Report, field: string, tls: ServerTLSSettings): void {
  for (const name of [...FILE_FIELDS, 'tlsCertificates', 'credentialName', 'credentialNames'] as const) {
    const value = tls[name];
    if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) {
      report.forbidden(child(field, name), `ISTIO_MUTUAL TLS cannot have associated ${name}`);
    }
  }
}

/** validateTLSOptions */
export function checkServerTLS(report: Report, field: string, tls: ServerTLSSettings | undefined): void {
  if (tls === undefined) return;
  const mode = tls.mode ?? 'PASSTHROUGH';
  const suites = tls.cipherSuites ?? [];
  if ((tls.minProtocolVersion === 'TLSV1_0' || tls.minProtocolVersion === 'TLSV1_1') && suites.length === 0) {
    report.warn(child(field, 'minProtocolVersion'), 'TLS version below TLSV1_2 require setting compatible ciphers as by default they no longer include compatible ciphers.');
  }
  warnCipherSuites(report, child(field, 'cipherSuites'), suites);
  if (mode === 'ISTIO_MUTUAL') {
    checkIstioMutual(report, field, tls);
    return;
  }

  const certs = tls.tlsCertificates ?? [];
  const names = tls.credentialNames ?? [];
  if ((mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH') && (tls.caCrl || tls.serverCertificate || tls.privateKey || tls.caCertificates || certs.length > 0 || tls.credentialName || names.length > 0)) {
    report.warn(field, `${mode} mode does not use certificates, they will be ignored`);
  }
  const sources = [Boolean(tls.serverCertificate && tls.privateKey), Boolean(tls.credentialName), names.length > 0, certs.length > 0].filter(Boolean).length;
  if (sources > 1) report.forbidden(field, 'only one of credential_name, credential_names, server_certificate/private_key, tls_certificates should be specified');

  const terminates = mode === 'SIMPLE' || mode === 'MUTUAL' || mode === 'OPTIONAL_MUTUAL';
  if (terminates && (tls.credentialName || names.length > 0)) return; // certificates come from the credential
  if (terminates) {
    const prefix = mode === 'SIMPLE' ? 'SIMPLE TLS' : 'MUTUAL TLS';
    if (mode !== 'SIMPLE' && !tls.caCertificates) report.required(child(field, 'caCertificates'), `${prefix} requires a client CA bundle`);
    if (certs.length > 2) report.warn(child(field, 'tlsCertificates'), `${prefix} can support up to 2 server certificates`);
    const toVerify = certs.length > 0 ? certs.map((c, i) => ({ c, path: child(field, `tlsCertificates[${i}]`) })) : [{ c: tls, path: field }];
    for (const { c, path } of toVerify) {
      if (!c.serverCertificate) report.required(child(path, 'serverCertificate'), `${prefix} requires a server certificate`);
      if (!c.privateKey) report.required(child(path, 'privateKey'), `${prefix} requires a private key`);
    }
  }
  if (tls.caCrl) {
    if (tls.credentialName) report.forbidden(child(field, 'caCrl'), 'CRL is not supported with credentialName. CRL has to be specified in the credential');
    if (mode === 'SIMPLE') report.forbidden(child(field, 'caCrl'), 'CRL is not supported with SIMPLE TLS');
  }
}
