// DestinationRule TrafficPolicy and its parts, from istio/api networking/v1alpha3/destination_rule.proto.
import { Type, type Static } from '@sinclair/typebox';
import { bool, duration, enumOf, int32, message, opt, str, stringList, uint32 } from './fields.js';

/** uint64 / UInt64Value: a non-negative integer (the CRD sets no upper bound). */
const uint64 = (minimum = 0) => Type.Integer({ format: 'int64', minimum });
/** DoubleValue limited to a percentage, as the CRD limits it. */
const percentage = () => Type.Number({ format: 'double', minimum: 0, maximum: 100 });

const ringHash = message('Ring (ketama) hash settings.', {
  minimumRingSize: opt(uint64(), 'Minimum number of virtual nodes on the hash ring; default 1024.'),
});

const maglev = message('Maglev hash settings.', {
  tableSize: opt(uint64(), 'Maglev lookup table size: a prime below 5000011; default 65537.'),
});

const cookieAttribute = message('An extra attribute set on a generated cookie.', {
  name: str('Name of the cookie attribute.'),
  value: opt(str(), 'Optional value of the cookie attribute.'),
});

const httpCookie = message('A cookie whose value is the hash key.', {
  name: str('Name of the cookie.'),
  path: opt(str(), 'Path set on a generated cookie.'),
  ttl: opt(duration(), 'Lifetime of the cookie; when set, the proxy generates the cookie if absent (0s: session cookie).'),
  attributes: opt(Type.Array(cookieAttribute), 'Extra attributes added when a cookie is generated.'),
});

export const ConsistentHashLB = message('Consistent-hash load balancing: soft session affinity on a request property.', {
  httpHeaderName: opt(str(), 'Hash on the value of this HTTP header.'),
  httpCookie: opt(httpCookie, 'Hash on this HTTP cookie.'),
  useSourceIp: opt(bool(), 'Hash on the source IP address (TCP and HTTP).'),
  httpQueryParameterName: opt(str(), 'Hash on the value of this query parameter.'),
  ringHash: opt(ringHash, 'Use the ring hash algorithm (the default).'),
  maglev: opt(maglev, 'Use the Maglev hash algorithm.'),
  minimumRingSize: opt(uint64(), 'Deprecated: use ringHash.minimumRingSize.'),
});
export type ConsistentHashLB = Static<typeof ConsistentHashLB>;

const localityDistribute = message('How traffic from one locality is spread over others.', {
  from: opt(str(), 'Originating locality, region/zone/sub_zone; terminal wildcards allowed.'),
  to: opt(Type.Record(Type.String(), uint32()), 'Upstream locality to weight; weights should sum to 100.'),
});

const regionFailover = message('Failover from one region to another.', {
  from: opt(str(), 'Originating region.'),
  to: opt(str(), "Region to fail over to when the 'from' region's endpoints are unhealthy."),
});

export const LocalityLoadBalancerSetting = message('Locality-weighted load balancing and failover.', {
  distribute: opt(Type.Array(localityDistribute), 'Explicit weights across localities (exclusive with failover and failoverPriority).'),
  failover: opt(Type.Array(regionFailover), 'Region to use when the local region is unhealthy; needs outlierDetection.'),
  failoverPriority: opt(stringList(), 'Ordered labels (key or key=value) used to rank endpoints for priority failover.'),
  enabled: opt(bool(), 'Turn locality load balancing on or off for this rule, overriding the mesh setting.'),
});

export const ZoneAwareLoadBalancerSetting = message('Zone-aware load balancing: prefer endpoints in the caller\'s zone.', {
  enabled: opt(bool(), 'Turn zone-aware load balancing on or off for this rule, overriding the mesh setting.'),
  failover: opt(Type.Array(regionFailover), 'Order of the cross-region failover tiers.'),
  failoverPriority: opt(stringList(), 'Ordered labels used to rank endpoints into priority tiers (no region/zone/subzone labels).'),
  minClusterSize: opt(uint64(1), 'Minimum hosts in the local region for zone-aware balancing to apply; default 6.'),
});

const warmup = message('Slow start for new endpoints.', {
  duration: duration('How long a new endpoint stays in warmup.'),
  minimumPercent: opt(percentage(), 'Starting share of the endpoint\'s weight, in percent; default 10.'),
  aggression: opt(Type.Number({ format: 'double', minimum: 0 }), 'How fast traffic ramps up; 1.0 (default) is linear.'),
});

export const SIMPLE_LB = ['UNSPECIFIED', 'LEAST_CONN', 'RANDOM', 'PASSTHROUGH', 'ROUND_ROBIN', 'LEAST_REQUEST'] as const;

export const LoadBalancerSettings = message('Load balancing policy for the destination.', {
  simple: opt(enumOf(SIMPLE_LB), 'A standard algorithm needing no tuning (LEAST_CONN is a deprecated alias of LEAST_REQUEST).'),
  consistentHash: opt(ConsistentHashLB, 'Consistent-hash load balancing for soft session affinity.'),
  localityLbSetting: opt(LocalityLoadBalancerSetting, 'Locality load balancing; replaces the mesh-wide setting entirely.'),
  zoneAwareLbSetting: opt(ZoneAwareLoadBalancerSetting, 'Zone-aware load balancing; exclusive with localityLbSetting.'),
  warmupDurationSecs: opt(duration(), 'Deprecated: use warmup.duration.'),
  warmup: opt(warmup, 'Ramp traffic up gradually to new endpoints (ROUND_ROBIN and LEAST_REQUEST only).'),
});
export type LoadBalancerSettings = Static<typeof LoadBalancerSettings>;

const tcpKeepalive = message('TCP keepalive (SO_KEEPALIVE) settings.', {
  probes: opt(uint32(), 'Unanswered probes before the connection is considered dead; OS default.'),
  time: opt(duration(), 'Idle time before probes start; OS default.'),
  interval: opt(duration(), 'Time between probes; OS default.'),
});

const tcpSettings = message('Settings common to HTTP and TCP upstream connections.', {
  maxConnections: opt(int32(), 'Maximum HTTP/1.1 or TCP connections to the destination; default 2^32-1.'),
  connectTimeout: opt(duration(), 'TCP connect timeout, at least 1ms; default 10s.'),
  tcpKeepalive: opt(tcpKeepalive, 'Enable TCP keepalive on upstream sockets.'),
  maxConnectionDuration: opt(duration(), 'Close a connection this long after it was opened; unset means no limit.'),
  idleTimeout: opt(duration(), 'Close an upstream TCP connection idle this long; default 1h, 0s disables.'),
});

const http2KeepAlive = message('HTTP/2 PING settings.', {
  interval: opt(duration(), 'Interval between HTTP/2 PING frames.'),
  timeout: opt(duration(), 'How long to wait for a PING reply before closing the connection.'),
});

const httpSettings = message('Settings for HTTP/1.1, HTTP/2 and gRPC connections.', {
  http1MaxPendingRequests: opt(int32(), 'Maximum requests queued waiting for a pool connection; default 2^32-1.'),
  http2MaxRequests: opt(int32(), 'Maximum active requests to the destination (HTTP/1.1 too); default 2^32-1.'),
  maxRequestsPerConnection: opt(int32(), 'Requests per connection before it closes; 1 disables keep-alive, 0 unlimited.'),
  maxRetries: opt(int32(), 'Maximum retries outstanding to the cluster at once; default 2^32-1.'),
  idleTimeout: opt(duration(), 'Close a pool connection with no active requests for this long; default 1h.'),
  h2UpgradePolicy: opt(enumOf(['DEFAULT', 'DO_NOT_UPGRADE', 'UPGRADE'] as const), 'Whether HTTP/1.1 connections are upgraded to HTTP/2.'),
  useClientProtocol: opt(bool(), 'Use the client\'s protocol towards the upstream; makes h2UpgradePolicy ineffective.'),
  maxConcurrentStreams: opt(int32(), 'Maximum concurrent streams on one HTTP/2 connection; default 2^31-1.'),
  http2KeepAlive: opt(http2KeepAlive, 'HTTP/2 PING keep-alive for upstream connections.'),
});

export const ConnectionPoolSettings = message('Connection pool (circuit breaker) limits for the upstream.', {
  tcp: opt(tcpSettings, 'Settings common to HTTP and TCP connections.'),
  http: opt(httpSettings, 'HTTP connection pool settings.'),
});
export type ConnectionPoolSettings = Static<typeof ConnectionPoolSettings>;

export const OutlierDetection = message('Passive ejection of failing hosts from the load balancing pool.', {
  consecutiveErrors: opt(int32(), 'Deprecated and ignored since Istio 1.7: use consecutive5xxErrors or consecutiveGatewayErrors.'),
  splitExternalLocalOriginErrors: opt(bool(), 'Count local-origin failures (connect errors, timeouts) apart from upstream errors; default false.'),
  consecutiveLocalOriginFailures: opt(uint32(), 'Consecutive local-origin failures before ejection, when split; default 5.'),
  consecutiveGatewayErrors: opt(uint32(), 'Consecutive 502/503/504 (or TCP connect failures) before ejection; 0 or unset disables.'),
  consecutive5xxErrors: opt(uint32(), 'Consecutive 5xx (or TCP failures) before ejection; default 5, 0 disables.'),
  interval: opt(duration(), 'Time between ejection sweeps, at least 1ms; default 10s.'),
  baseEjectionTime: opt(duration(), 'Minimum ejection time, multiplied by the number of ejections; default 30s.'),
  maxEjectionPercent: opt(int32(), 'Largest percentage of the pool that may be ejected; default 10.'),
  minHealthPercent: opt(int32(), 'Below this healthy percentage, balance over all hosts (panic mode); default 0.'),
  outlierDetectionHttpErrorCodes: opt(
    Type.Array(Type.Integer({ minimum: 100, maximum: 599 })),
    'HTTP statuses counted as errors toward the thresholds; default any 5xx.',
  ),
});
export type OutlierDetection = Static<typeof OutlierDetection>;

export const ClientTLSSettings = message('TLS settings for connections to the upstream.', {
  mode: opt(enumOf(['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'] as const), 'Whether and how upstream connections use TLS.'),
  clientCertificate: opt(str(), 'Path to the client certificate file; required for MUTUAL.'),
  privateKey: opt(str(), 'Path to the client private key file; required for MUTUAL.'),
  caCertificates: opt(str(), 'Path to CA certificates that verify the server; OS CAs when omitted.'),
  credentialName: opt(str(), 'Secret holding the client key, certificate and CA (key/cert/cacert/crl or a TLS secret).'),
  subjectAltNames: opt(stringList(), 'Accepted subject alternative names of the server certificate.'),
  sni: opt(str(), 'SNI presented in the TLS handshake; defaults from the request host for SIMPLE and MUTUAL.'),
  insecureSkipVerify: opt(bool(), 'Skip verifying the server certificate\'s CA signature and SAN; default false.'),
  caCrl: opt(str(), 'Path to a certificate revocation list used to check the server certificate.'),
});
export type ClientTLSSettings = Static<typeof ClientTLSSettings>;

export const PortTrafficPolicy = message('Traffic policy for one port of the destination.', {
  port: opt(message('Port selector.', { number: opt(uint32(), 'Port number on the destination service.') }), 'Port on the destination this policy applies to.'),
  loadBalancer: opt(LoadBalancerSettings, 'Load balancing for this port.'),
  connectionPool: opt(ConnectionPoolSettings, 'Connection pool limits for this port.'),
  outlierDetection: opt(OutlierDetection, 'Outlier detection for this port.'),
  tls: opt(ClientTLSSettings, 'Upstream TLS settings for this port.'),
});
export type PortTrafficPolicy = Static<typeof PortTrafficPolicy>;

const tunnel = message('Tunnel TCP through HTTP CONNECT or POST.', {
  protocol: opt(str(), 'Tunnel protocol: CONNECT (default) or POST.'),
  targetHost: str('FQDN or IP address the connection is tunneled to.'),
  targetPort: uint32('Port the connection is tunneled to.'),
});

const proxyProtocol = message('Upstream PROXY protocol settings.', {
  version: opt(enumOf(['V1', 'V2'] as const), 'PROXY protocol version: V1 (text, default) or V2 (binary).'),
});

const retryBudget = message('Limit on concurrent retries relative to active requests.', {
  percent: opt(percentage(), 'Concurrent retries as a percentage of active plus pending requests; default 20.'),
  minRetryConcurrency: opt(uint32(), 'Retries always allowed regardless of the percentage; default 3.'),
  budgetInterval: opt(duration(), 'Window over which new requests count toward the budget; default 0ms (active requests only).'),
});

export const TrafficPolicy = message('Traffic policy for a destination: load balancing, connection pool, outlier detection, TLS.', {
  loadBalancer: opt(LoadBalancerSettings, 'Load balancing algorithm settings.'),
  connectionPool: opt(ConnectionPoolSettings, 'Limits on connections and requests to the upstream.'),
  outlierDetection: opt(OutlierDetection, 'Ejection of unhealthy hosts from the pool.'),
  tls: opt(ClientTLSSettings, 'TLS settings for upstream connections.'),
  portLevelSettings: opt(
    Type.Array(PortTrafficPolicy, { maxItems: 4096 }),
    'Per-port policies; they replace the destination-level settings for that port without inheriting them.',
  ),
  tunnel: opt(tunnel, 'Tunnel TCP (or TLS) traffic over another protocol; not for HTTP routes.'),
  proxyProtocol: opt(proxyProtocol, 'Send a PROXY protocol header upstream.'),
  retryBudget: opt(retryBudget, 'Limit on concurrent retries relative to active requests.'),
});
export type TrafficPolicy = Static<typeof TrafficPolicy>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The warning text for a stored setting that Rudder's data plane ignores. */
export const notEnforcedWarning = (path: string) =>
  `${path}: not enforced by Rudder's HTTP/1.1 data plane (stored as written)`;

/** Policy settings Rudder stores but does not apply; `noop` marks values that ask for nothing Rudder lacks. */
const UNENFORCED: readonly { path: string; noop?: (value: unknown) => boolean }[] = [
  { path: 'loadBalancer.localityLbSetting' },
  { path: 'loadBalancer.zoneAwareLbSetting' },
  { path: 'connectionPool.tcp.tcpKeepalive' },
  { path: 'connectionPool.http.maxConcurrentStreams' },
  { path: 'connectionPool.http.h2UpgradePolicy', noop: (v) => v === 'DEFAULT' || v === 'DO_NOT_UPGRADE' },
  { path: 'connectionPool.http.useClientProtocol', noop: (v) => v === false },
  { path: 'connectionPool.http.http2KeepAlive' },
  { path: 'tls', noop: (v) => !isRecord(v) || (v.mode ?? 'DISABLE') === 'DISABLE' },
  { path: 'tunnel' },
  { path: 'proxyProtocol' },
];

/** Warnings for a TrafficPolicy (or port-level policy) at `path`, its portLevelSettings included. */
export function trafficPolicyNotEnforced(policy: unknown, path: string): string[] {
  if (!isRecord(policy)) return [];
  const warnings = UNENFORCED.flatMap(({ path: field, noop }) => {
    const value = field.split('.').reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), policy);
    return value === undefined || noop?.(value) ? [] : [notEnforcedWarning(`${path}.${field}`)];
  });
  const ports: unknown[] = Array.isArray(policy.portLevelSettings) ? policy.portLevelSettings : [];
  return [...warnings, ...ports.flatMap((port, i) => trafficPolicyNotEnforced(port, `${path}.portLevelSettings[${i}]`))];
}
