// Gateway semantic rules (validation.go ValidateGateway, validateServer,
// validateServerPort, validateServerBind; TLS options in server-tls.ts).
import type { GatewaySpec, Server } from '../kinds/index.js';
import { isIPAddress, validateGatewayHost, validateUnixAddress } from './hosts.js';
import { at, child, type Report } from './report.js';
import { checkServerTLS } from './server-tls.js';
import { isDNS1123Label, isHTTPProtocol, isTLSProtocol, parseProtocol, validatePort } from './values.js';

const UNIX_PREFIX = 'unix://';

/** validateServerPort: a known protocol, a port number (0 only on a Unix socket), a name, no targetPort. Returns whether the port is valid. */
function checkServerPort(report: Report, field: string, server: Server): boolean {
  const port = server.port;
  if (port === undefined) {
    report.required(field, 'port is required');
    return false;
  }
  const before = report.problems.length;
  if (parseProtocol(port.protocol ?? '') === undefined) {
    report.notSupported(child(field, 'protocol'), port.protocol, ['HTTP', 'HTTPS', 'HTTP2', 'GRPC', 'GRPC-WEB', 'TLS', 'TCP', 'MONGO', 'REDIS', 'MYSQL']);
  }
  const number = port.number ?? 0;
  if (number > 0 || !(server.bind ?? '').startsWith(UNIX_PREFIX)) report.check(child(field, 'number'), number, validatePort(number));
  if ((port.targetPort ?? 0) > 0) report.forbidden(child(field, 'targetPort'), 'targetPort has no impact on Gateways');
  if (!port.name) report.required(child(field, 'name'), 'port name must be set');
  return report.problems.length === before;
}

/** validateServerBind: an IP address, or `unix://<absolute path>` with port 0. */
function checkServerBind(report: Report, field: string, server: Server): void {
  const bind = server.bind ?? '';
  if (bind.startsWith(UNIX_PREFIX)) {
    report.check(child(field, 'bind'), bind, validateUnixAddress(bind.slice(UNIX_PREFIX.length)));
    const number = server.port?.number ?? 0;
    if (number !== 0) report.invalid(child(field, 'port.number'), number, 'port number must be 0 for unix domain socket');
  } else if (bind !== '' && !isIPAddress(bind)) {
    report.invalid(child(field, 'bind'), bind, `${bind} is not a valid IP`);
  }
}

/** validateServer */
function checkServer(report: Report, field: string, server: Server): void {
  const hosts = server.hosts ?? [];
  if (hosts.length === 0) report.required(child(field, 'hosts'), 'server config must contain at least one host');
  hosts.forEach((host, i) => {
    for (const error of validateGatewayHost(host)) report.invalid(at(child(field, 'hosts'), i), host, error);
  });
  const portValid = checkServerPort(report, child(field, 'port'), server);
  checkServerBind(report, field, server);
  checkServerTLS(report, child(field, 'tls'), server.tls);
  if (!portValid) return;
  const protocol = parseProtocol(server.port?.protocol ?? '');
  const tls = server.tls;
  if (isTLSProtocol(protocol) && tls === undefined) {
    report.required(child(field, 'tls'), 'server must have TLS settings for HTTPS/TLS protocols');
  } else if (!isTLSProtocol(protocol) && tls !== undefined) {
    // A plain HTTP server may only say httpsRedirect (its mode defaults to PASSTHROUGH).
    const passthrough = (tls.mode ?? 'PASSTHROUGH') === 'PASSTHROUGH' || tls.mode === 'AUTO_PASSTHROUGH';
    if (!isHTTPProtocol(protocol)) report.forbidden(child(field, 'tls'), 'server cannot have TLS settings for non HTTPS/TLS ports');
    else if (!passthrough || tls.caCertificates || tls.privateKey || tls.serverCertificate) {
      report.forbidden(child(field, 'tls'), 'server cannot have TLS settings for plain text HTTP ports');
    }
  }
}

/** ValidateGateway: the name a DNS-1123 label, at least one server, port names unique. */
export function validateGateway(report: Report, name: string, gw: GatewaySpec): void {
  if (!isDNS1123Label(name)) report.invalid('metadata.name', name, 'invalid gateway name: must be a DNS-1123 label (no dots)');
  const servers = gw.servers ?? [];
  if (servers.length === 0) report.required('spec.servers', 'gateway must have at least one server');
  const portNames = new Set<string>();
  servers.forEach((server, i) => {
    const path = at('spec.servers', i);
    checkServer(report, path, server);
    if (server.port === undefined) return;
    const portName = server.port.name ?? '';
    if (portNames.has(portName)) report.duplicate(child(path, 'port.name'), portName, 'port names in servers must be unique');
    portNames.add(portName);
    if (!isHTTPProtocol(parseProtocol(server.port.protocol ?? '')) && server.tls?.httpsRedirect) {
      report.warn(child(path, 'tls.httpsRedirect'), 'tls.httpsRedirect should only be used with http servers');
    }
  });
}
