// Gateway: a load balancer at the mesh edge and the ports, hosts and TLS it serves.
// From istio/api networking/v1alpha3/gateway.proto.
import { Type, type Static } from '@sinclair/typebox';
import { ageColumn, ISTIO_CATEGORIES, ISTIO_GROUP, ISTIO_VERSIONS, type KindDefinition } from './kind.js';
import { bool, enumOf, message, opt, str, stringList, stringMap, uint32 } from './fields.js';
import { notEnforcedWarning } from './traffic-policy.js';

export const Port = message('A port the gateway listens on.', {
  number: uint32('Port number (0 with a Unix domain socket bind).'),
  protocol: str('Protocol on the port: HTTP, HTTPS, GRPC, GRPC-WEB, HTTP2, MONGO, TCP or TLS.'),
  name: str('Label assigned to the port.'),
  targetPort: opt(uint32(), 'Deprecated, only meaningful in ServiceEntries: the endpoint port.'),
});
export type Port = Static<typeof Port>;

const TLS_PROTOCOL = ['TLS_AUTO', 'TLSV1_0', 'TLSV1_1', 'TLSV1_2', 'TLSV1_3'] as const;
/** credentialNames and tlsCertificates hold one or two entries (e.g. an RSA and an ECDSA certificate). */
const oneOrTwo = { minItems: 1, maxItems: 2 } as const;

const tlsCertificate = message('A server certificate given by file paths.', {
  serverCertificate: opt(str(), 'Path to the server certificate file.'),
  privateKey: opt(str(), 'Path to the server private key file.'),
  caCertificates: opt(str(), 'Path to CA certificates that verify client certificates.'),
});

export const ServerTLSSettings = message('TLS options of a gateway server.', {
  httpsRedirect: opt(bool(), 'Answer plain HTTP requests with a 301 redirect to HTTPS.'),
  mode: opt(
    enumOf(['PASSTHROUGH', 'SIMPLE', 'MUTUAL', 'AUTO_PASSTHROUGH', 'ISTIO_MUTUAL', 'OPTIONAL_MUTUAL'] as const),
    'How TLS is handled: passed through by SNI, terminated (SIMPLE), or terminated with client certificates.',
  ),
  serverCertificate: opt(str(), 'Path to the server certificate file; needed for SIMPLE and MUTUAL without a credential.'),
  privateKey: opt(str(), 'Path to the server private key file; needed for SIMPLE and MUTUAL without a credential.'),
  caCertificates: opt(str(), 'Path to CA certificates that verify client certificates (MUTUAL, OPTIONAL_MUTUAL).'),
  caCrl: opt(str(), 'Path to a certificate revocation list checked against client certificates.'),
  credentialName: opt(str(), 'Kubernetes secret holding the key, certificate and optionally CA and CRL.'),
  credentialNames: opt(Type.Array(Type.String(), oneOrTwo), 'Like credentialName, for one or two certificates (RSA and ECDSA).'),
  caCertCredentialName: opt(str(), 'Secret or ConfigMap holding the CA certificates for mutual TLS; wins over the credential\'s CA.'),
  tlsCertificates: opt(Type.Array(tlsCertificate, oneOrTwo), 'One or two server certificates given by file paths.'),
  subjectAltNames: opt(stringList(), 'Accepted subject alternative names of client certificates (MUTUAL).'),
  verifyCertificateSpki: opt(stringList(), 'Base64 SHA-256 hashes of the SPKIs of authorized client certificates.'),
  verifyCertificateHash: opt(stringList(), 'Hex SHA-256 hashes of authorized client certificates.'),
  minProtocolVersion: opt(enumOf(TLS_PROTOCOL), 'Minimum TLS version; default TLSV1_2.'),
  maxProtocolVersion: opt(enumOf(TLS_PROTOCOL), 'Maximum TLS version.'),
  cipherSuites: opt(stringList(), 'Cipher suites to allow; Envoy\'s default list when omitted.'),
  insecureSkipVerify: opt(bool(), 'Validate the client certificate but accept the connection even if validation fails.'),
});
export type ServerTLSSettings = Static<typeof ServerTLSSettings>;

export const Server = message('A listener of the gateway: port, hosts and TLS.', {
  port: Port,
  bind: opt(str(), 'IP address or Unix domain socket the listener binds to.'),
  hosts: stringList('Hosts exposed, as [namespace/]dnsName; namespace may be "*" or ".", dnsName may start with a wildcard.'),
  tls: opt(ServerTLSSettings, 'TLS settings: HTTPS redirect and TLS mode.'),
  defaultEndpoint: opt(str(), 'Not implemented by Istio: loopback endpoint or socket to forward to by default.'),
  name: opt(str(), 'Optional server name, unique across servers (used in stats prefixes).'),
});
export type Server = Static<typeof Server>;

export const GatewaySpec = message(
  'Configuration affecting edge load balancer. See more details at: https://istio.io/docs/reference/config/networking/gateway.html',
  {
    servers: opt(Type.Array(Server), 'Servers (listeners) of the gateway.'),
    selector: opt(stringMap(), 'Labels of the gateway workload pods this configuration applies to; all workloads if omitted.'),
  },
);
export type GatewaySpec = Static<typeof GatewaySpec>;

/** Protocols Rudder's HTTP/1.1 gateway cannot serve (TLS termination, raw TCP, HTTP/2). */
const UNSERVED_PROTOCOLS = new Set(['HTTPS', 'TLS', 'TCP', 'GRPC', 'HTTP2', 'MONGO', 'REDIS', 'MYSQL']);

function gatewayNotEnforced(spec: Record<string, unknown>): string[] {
  const servers: unknown[] = Array.isArray(spec.servers) ? spec.servers : [];
  return servers.flatMap((entry, i) => {
    const server = (entry ?? {}) as { port?: { protocol?: unknown }; tls?: unknown };
    const protocol = server.port?.protocol;
    return [
      ...(typeof protocol === 'string' && UNSERVED_PROTOCOLS.has(protocol.toUpperCase()) ? [`spec.servers[${i}].port.protocol`] : []),
      ...(server.tls !== undefined ? [`spec.servers[${i}].tls`] : []),
    ].map(notEnforcedWarning);
  });
}

export const gateway: KindDefinition<typeof GatewaySpec> = {
  kind: 'Gateway',
  group: ISTIO_GROUP,
  versions: ISTIO_VERSIONS,
  plural: 'gateways',
  singular: 'gateway',
  shortNames: ['gw'],
  categories: ISTIO_CATEGORIES,
  namespaced: true,
  description: GatewaySpec.description ?? '',
  spec: GatewaySpec,
  // Istio's Gateway CRD declares no columns of its own: kubectl prints Age only.
  printerColumns: [ageColumn()],
  notEnforced: gatewayNotEnforced,
};
