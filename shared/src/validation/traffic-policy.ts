// TrafficPolicy rules (validation.go validateTrafficPolicy, validateOutlierDetection,
// validateConnectionPool, validatePortTrafficPolicies, validateTunnelSettings;
// agent/validation.go ValidateTLS).
import type { ClientTLSSettings, ConnectionPoolSettings, OutlierDetection, PortTrafficPolicy, TrafficPolicy } from '../kinds/traffic-policy.js';
import { isIPAddress, validateFQDN } from './hosts.js';
import { checkLoadBalancer } from './load-balancer.js';
import { at, child, type Report } from './report.js';
import { checkDuration, checkIdleTimeout, validatePercent, validatePort } from './values.js';

/** validateOutlierDetection: durations, percentages, split local-origin errors; consecutiveErrors is deprecated. */
function checkOutlier(report: Report, field: string, outlier: OutlierDetection | undefined): void {
  if (outlier === undefined) return;
  checkDuration(report, child(field, 'baseEjectionTime'), outlier.baseEjectionTime);
  if (outlier.consecutiveErrors) {
    report.warn(child(field, 'consecutiveErrors'), 'consecutiveErrors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors');
  }
  if (!outlier.splitExternalLocalOriginErrors && (outlier.consecutiveLocalOriginFailures ?? 0) > 0) {
    report.forbidden(child(field, 'consecutiveLocalOriginFailures'), 'outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false');
  }
  checkDuration(report, child(field, 'interval'), outlier.interval);
  for (const name of ['maxEjectionPercent', 'minHealthPercent'] as const) {
    const value = outlier[name] ?? 0;
    report.check(child(field, name), value, validatePercent(value));
  }
}

/** validateConnectionPool: http and/or tcp; counts non-negative; durations; HTTP/2 keepalive complete. */
function checkConnectionPool(report: Report, field: string, pool: ConnectionPoolSettings | undefined): void {
  if (pool === undefined) return;
  if (pool.http === undefined && pool.tcp === undefined) {
    report.required(field, 'connection pool must have at least one field (http or tcp)');
    return;
  }
  const nonNegative = (path: string, value: number | undefined) => {
    if ((value ?? 0) < 0) report.invalid(path, value, 'must be non-negative');
  };
  const http = pool.http;
  if (http !== undefined) {
    const path = child(field, 'http');
    for (const name of ['http1MaxPendingRequests', 'http2MaxRequests', 'maxRequestsPerConnection', 'maxRetries', 'maxConcurrentStreams'] as const) {
      nonNegative(child(path, name), http[name]);
    }
    checkDuration(report, child(path, 'idleTimeout'), http.idleTimeout);
    if (http.h2UpgradePolicy === 'UPGRADE' && http.useClientProtocol) {
      report.forbidden(child(path, 'useClientProtocol'), 'use client protocol must not be true when H2UpgradePolicy is UPGRADE');
    }
    const keepalive = http.http2KeepAlive;
    if (keepalive !== undefined) {
      for (const name of ['interval', 'timeout'] as const) {
        const at2 = child(path, `http2KeepAlive.${name}`);
        if (keepalive[name] === undefined) report.required(at2, `http2 keepalive ${name} is required`);
        checkDuration(report, at2, keepalive[name]);
      }
    }
  }
  const tcp = pool.tcp;
  if (tcp !== undefined) {
    const path = child(field, 'tcp');
    nonNegative(child(path, 'maxConnections'), tcp.maxConnections);
    checkDuration(report, child(path, 'connectTimeout'), tcp.connectTimeout);
    checkDuration(report, child(path, 'maxConnectionDuration'), tcp.maxConnectionDuration);
    checkIdleTimeout(report, child(path, 'idleTimeout'), tcp.idleTimeout);
    checkDuration(report, child(path, 'tcpKeepalive.time'), tcp.tcpKeepalive?.time);
    checkDuration(report, child(path, 'tcpKeepalive.interval'), tcp.tcpKeepalive?.interval);
  }
}

/** ValidateTLS (client side): credentialName excludes file paths; MUTUAL needs a certificate and key; insecureSkipVerify excludes CA and SANs. */
export function checkClientTLS(report: Report, field: string, namespace: string, tls: ClientTLSSettings | undefined): void {
  if (tls === undefined) return;
  const mode = tls.mode ?? 'DISABLE';
  const credential = tls.credentialName ?? '';
  if (credential.startsWith('configmap://')) {
    const [ns = '', name = ''] = credential.slice('configmap://'.length).split('/');
    if (ns === '' || name === '') report.invalid(child(field, 'credentialName'), credential, 'invalid configmap:// credentialName: expected configmap://<namespace>/<name>');
    else if (ns !== namespace) report.invalid(child(field, 'credentialName'), credential, `invalid configmap:// credentialName: namespace must match the configuration namespace "${namespace}"`);
  }
  const sans = (tls.subjectAltNames?.length ?? 0) > 0;
  if (tls.insecureSkipVerify && mode === 'SIMPLE' && (tls.caCertificates || credential || sans)) {
    report.forbidden(child(field, 'insecureSkipVerify'), 'cannot specify CaCertificates or CredentialName or SubjectAltNames when InsecureSkipVerify is set true');
  }
  if (tls.insecureSkipVerify && mode === 'MUTUAL' && (tls.caCertificates || sans)) {
    report.forbidden(child(field, 'insecureSkipVerify'), 'cannot specify CaCertificates or SubjectAltNames when InsecureSkipVerify is set true');
  }
  if ((mode === 'SIMPLE' || mode === 'MUTUAL') && credential) {
    for (const name of ['clientCertificate', 'caCertificates', 'privateKey', 'caCrl'] as const) {
      if (tls[name]) report.forbidden(child(field, name), 'cannot specify client certificates or CA certificate or CA CRL If credentialName is set');
    }
    return;
  }
  if (mode === 'MUTUAL') {
    if (!tls.clientCertificate) report.required(child(field, 'clientCertificate'), 'client certificate required for mutual tls');
    if (!tls.privateKey) report.required(child(field, 'privateKey'), 'private key required for mutual tls');
  }
}

/** validatePortTrafficPolicies */
function checkPortLevel(report: Report, field: string, namespace: string, settings: readonly PortTrafficPolicy[] | undefined): void {
  settings?.forEach((p, i) => {
    const path = at(field, i);
    if (p.port === undefined) report.required(child(path, 'port'), 'portTrafficPolicy must have valid port');
    if (p.outlierDetection === undefined && p.connectionPool === undefined && p.loadBalancer === undefined && p.tls === undefined) {
      report.required(path, 'port traffic policy must have at least one field');
      return;
    }
    checkOutlier(report, child(path, 'outlierDetection'), p.outlierDetection);
    checkConnectionPool(report, child(path, 'connectionPool'), p.connectionPool);
    checkLoadBalancer(report, child(path, 'loadBalancer'), p.loadBalancer, p.outlierDetection);
    checkClientTLS(report, child(path, 'tls'), namespace, p.tls);
  });
}

type Tunnel = NonNullable<TrafficPolicy['tunnel']>;

/** validateTunnelSettings */
function checkTunnel(report: Report, field: string, tunnel: Tunnel | undefined): void {
  if (tunnel === undefined) return;
  if (tunnel.protocol && tunnel.protocol !== 'CONNECT' && tunnel.protocol !== 'POST') report.notSupported(child(field, 'protocol'), tunnel.protocol, ['CONNECT', 'POST']);
  const host = tunnel.targetHost ?? '';
  const fqdn = validateFQDN(host);
  if (fqdn !== undefined && !isIPAddress(host)) report.invalid(child(field, 'targetHost'), host, `tunnel target host must be valid FQDN or IP address: ${fqdn}`);
  report.check(child(field, 'targetPort'), tunnel.targetPort, validatePort(tunnel.targetPort ?? 0));
}

const POLICY_FIELDS = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls', 'portLevelSettings', 'tunnel', 'proxyProtocol', 'retryBudget'] as const;

/** validateTrafficPolicy: at least one field; tunnel and proxyProtocol exclusive; each part validated. */
export function checkTrafficPolicy(report: Report, field: string, namespace: string, policy: TrafficPolicy | undefined): void {
  if (policy === undefined) return;
  const present = (name: (typeof POLICY_FIELDS)[number]) => (name === 'portLevelSettings' ? (policy.portLevelSettings?.length ?? 0) > 0 : policy[name] !== undefined);
  if (!POLICY_FIELDS.some(present)) {
    report.required(field, 'traffic policy must have at least one field');
    return;
  }
  if (policy.tunnel !== undefined && policy.proxyProtocol !== undefined) report.forbidden(child(field, 'proxyProtocol'), 'tunnel and proxyProtocol must not be set together');
  checkOutlier(report, child(field, 'outlierDetection'), policy.outlierDetection);
  checkConnectionPool(report, child(field, 'connectionPool'), policy.connectionPool);
  checkLoadBalancer(report, child(field, 'loadBalancer'), policy.loadBalancer, policy.outlierDetection);
  checkClientTLS(report, child(field, 'tls'), namespace, policy.tls);
  checkPortLevel(report, child(field, 'portLevelSettings'), namespace, policy.portLevelSettings);
  checkTunnel(report, child(field, 'tunnel'), policy.tunnel);
}
