// ServiceEntry and WorkloadEntry rules, case for case from istio/istio validation_test.go
// (TestValidateServiceEntries, TestValidateWorkloadEntry, TestValidatePortName).
import { describe, expect, it } from 'vitest';
import { validateIstio } from './index.js';

type Spec = Record<string, unknown>;

function check(kind: string, spec: Spec, labels?: Record<string, string>) {
  return validateIstio({ apiVersion: 'networking.istio.io/v1', kind, metadata: { name: 'x', namespace: 'default', ...(labels ? { labels } : {}) }, spec });
}
const fields = (spec: Spec, labels?: Record<string, string>) => [...new Set(check('ServiceEntry', spec, labels).problems.map((p) => p.field))].sort();
const warns = (spec: Spec, labels?: Record<string, string>) => check('ServiceEntry', spec, labels).warnings;
const http1 = { number: 80, protocol: 'http', name: 'http-valid1' };
const http2 = { number: 8080, protocol: 'http', name: 'http-valid2' };
const ports = [http1, http2];
const googleEndpoints = [
  { address: 'lon.google.com', ports: { 'http-valid1': 8080 } },
  { address: 'in.google.com', ports: { 'http-valid2': 9080 } },
];

describe('ServiceEntry (TestValidateServiceEntries)', () => {
  it.each<[string, Spec, string[], boolean]>([
    ['discovery type DNS', { hosts: ['*.google.com'], ports, endpoints: googleEndpoints, resolution: 'DNS' }, [], false],
    ['DNS round robin', { hosts: ['*.istio.io'], ports, endpoints: [{ address: 'api-v1.istio.io', ports: { 'http-valid1': 8080 } }], resolution: 'DNS_ROUND_ROBIN' }, [], false],
    ['DNS, tlsMode label', { hosts: ['*.google.com'], ports, endpoints: googleEndpoints.map((e) => ({ ...e, labels: { 'security.istio.io/tlsMode': 'istio' } })), resolution: 'DNS' }, [], false],
    ['DNS, one host with IP address and https port', { hosts: ['httpbin.org'], addresses: ['10.10.10.10'], ports: [...ports, { number: 443, protocol: 'https', name: 'https' }], resolution: 'DNS' }, [], false],
    ['DNS, multi hosts with IP address and https port', { hosts: ['httpbin.org', 'wikipedia.org'], addresses: ['10.10.10.10'], ports: [...ports, { number: 443, protocol: 'https', name: 'https' }], resolution: 'DNS' }, [], true],
    ['DNS, IP address set', { hosts: ['*.google.com'], addresses: ['10.10.10.10'], ports, endpoints: googleEndpoints, resolution: 'DNS' }, [], false],
    ['DNS, IP in endpoints', { hosts: ['*.google.com'], ports, endpoints: [{ address: '1.1.1.1', ports: { 'http-valid1': 8080 } }, googleEndpoints[1]], resolution: 'DNS' }, [], false],
    ['DYNAMIC_DNS', { hosts: ['*.google.com'], ports, resolution: 'DYNAMIC_DNS' }, [], false],
    ['empty hosts', { hosts: [], ports: [http1], endpoints: [{ address: 'in.google.com', ports: { 'http-valid2': 9080 } }], resolution: 'DNS' }, ['spec.endpoints[0].ports[http-valid2]', 'spec.hosts'], false],
    ['bad hosts', { hosts: ['-'], ports: [http1], endpoints: [{ address: 'in.google.com', ports: { 'http-valid1': 9080 } }], resolution: 'DNS' }, ['spec.hosts[0]'], false],
    ['full wildcard host', { hosts: ['foo.com', '*'], ports: [http1], endpoints: [{ address: 'in.google.com', ports: { 'http-valid1': 9080 } }], resolution: 'DNS' }, ['spec.hosts[1]'], false],
    ['short name host', { hosts: ['foo', 'bar.com'], ports: [http1], endpoints: [{ address: 'in.google.com', ports: { 'http-valid1': 9080 } }], resolution: 'DNS' }, [], false],
    ['undefined endpoint port', { hosts: ['google.com'], ports: [http1, { ...http2, number: 80 }], endpoints: [googleEndpoints[0], { address: 'in.google.com', ports: { 'http-dne': 9080 } }], resolution: 'DNS' }, ['spec.endpoints[1].ports[http-dne]', 'spec.ports[1].number'], false],
    ['DNS, non-FQDN endpoint', { hosts: ['*.google.com'], ports, endpoints: [{ address: '*.lon.google.com', ports: { 'http-valid1': 8080 } }, { address: 'in.google.com', ports: { 'http-dne': 9080 } }], resolution: 'DNS' }, ['spec.endpoints[0].address', 'spec.endpoints[1].ports[http-dne]'], false],
    ['DNS, non-FQDN host', { hosts: ['*.google.com'], ports, resolution: 'DNS' }, ['spec.hosts[0]'], false],
    ['DNS, no endpoints', { hosts: ['google.com'], ports, resolution: 'DNS' }, [], false],
    ['DNS, unix endpoint', { hosts: ['*.google.com'], ports: [http1], endpoints: [{ address: 'unix:///lon/google/com' }], resolution: 'DNS' }, ['spec.endpoints[0].address'], false],
    ['none', { hosts: ['google.com'], ports, resolution: 'NONE' }, [], false],
    ['none, endpoints provided', { hosts: ['google.com'], ports, endpoints: [googleEndpoints[0]], resolution: 'NONE' }, ['spec.endpoints'], false],
    ['none, cidr addresses', { hosts: ['google.com'], addresses: ['172.1.2.16/16'], ports, resolution: 'NONE' }, [], false],
    ['static, cidr addresses with endpoints', { hosts: ['google.com'], addresses: ['172.1.2.16/16'], ports, endpoints: [{ address: '1.1.1.1', ports: { 'http-valid1': 8080 } }, { address: '2.2.2.2', ports: { 'http-valid2': 9080 } }], resolution: 'STATIC' }, [], false],
    ['static', { hosts: ['google.com'], addresses: ['172.1.2.16'], ports, endpoints: [{ address: '1.1.1.1', ports: { 'http-valid1': 8080 } }, { address: '2.2.2.2', ports: { 'http-valid2': 9080 } }], resolution: 'STATIC' }, [], false],
    ['static, FQDN in endpoints', { hosts: ['google.com'], addresses: ['172.1.2.16'], ports, endpoints: [{ address: 'google.com', ports: { 'http-valid1': 8080 } }, { address: '2.2.2.2', ports: { 'http-valid2': 9080 } }], resolution: 'STATIC' }, ['spec.endpoints[0].address'], false],
    ['static, missing endpoints', { hosts: ['google.com'], addresses: ['172.1.2.16'], ports, resolution: 'STATIC' }, [], false],
    ['static, bad endpoint port name', { hosts: ['google.com'], addresses: ['172.1.2.16'], ports, endpoints: [{ address: '1.1.1.1', ports: { 'http-valid1': 8080 } }, { address: '2.2.2.2', ports: { 'http-dne': 9080 } }], resolution: 'STATIC' }, ['spec.endpoints[1].ports[http-dne]'], false],
    ['DNS, cidr address', { hosts: ['google.com'], addresses: ['172.1.2.16/16'], ports, resolution: 'DNS' }, ['spec.resolution'], false],
    ['bad address', { hosts: ['google.com'], addresses: ['172.1.2'], ports, resolution: 'NONE' }, ['spec.addresses[0]'], false],
    ['bad cidr', { hosts: ['google.com'], addresses: ['172.1.2.16/33'], ports, resolution: 'NONE' }, ['spec.addresses[0]'], false],
    ['conflicting port names', { hosts: ['google.com'], ports: [{ ...http1, name: 'http-conflict' }, { ...http2, name: 'http-conflict' }], resolution: 'NONE' }, ['spec.ports[1].name'], false],
    ['conflicting port numbers', { hosts: ['google.com'], ports: [{ ...http1, name: 'a' }, { ...http1, name: 'b' }], resolution: 'NONE' }, ['spec.ports[1].number'], false],
    ['bad port name', { hosts: ['google.com'], ports: [{ ...http1, name: 'http_1' }], resolution: 'NONE' }, ['spec.ports[0].name'], false],
    ['unsupported protocol', { hosts: ['google.com'], addresses: ['1.2.3.4'], ports: [{ ...http1, protocol: 'kafka' }], resolution: 'NONE' }, ['spec.ports[0].protocol'], false],
    ['unix socket', { hosts: ['uds.cluster.local'], ports: [{ number: 6553, protocol: 'grpc', name: 'grpc-service1' }], resolution: 'STATIC', endpoints: [{ address: 'unix:///path/to/socket' }] }, [], false],
    ['unix socket, relative path', { hosts: ['uds.cluster.local'], ports: [{ number: 6553, protocol: 'grpc', name: 'grpc-service1' }], resolution: 'STATIC', endpoints: [{ address: 'unix://./relative/path.sock' }] }, ['spec.endpoints[0].address'], false],
    ['unix socket, endpoint ports', { hosts: ['uds.cluster.local'], ports: [{ number: 6553, protocol: 'grpc', name: 'grpc-service1' }], resolution: 'STATIC', endpoints: [{ address: 'unix:///path/to/socket', ports: { 'grpc-service1': 6553 } }] }, ['spec.endpoints[0].ports'], false],
    ['unix socket, multiple service ports', { hosts: ['uds.cluster.local'], ports: [{ number: 6553, protocol: 'grpc', name: 'grpc-service1' }, { number: 80, protocol: 'http', name: 'http-service2' }], resolution: 'STATIC', endpoints: [{ address: 'unix:///path/to/socket' }] }, ['spec.endpoints[0].address'], false],
    ['empty protocol', { hosts: ['google.com'], addresses: ['172.1.2.16/16'], ports: [http1, { number: 8080, name: 'http-valid2' }], resolution: 'NONE' }, [], false],
    ['selector', { hosts: ['google.com'], workloadSelector: { labels: { foo: 'bar' } }, ports: [http1] }, [], true],
    ['workload selector without labels', { hosts: ['google.com'], ports, workloadSelector: {} }, [], true],
    ['selector and endpoints', { hosts: ['google.com'], workloadSelector: { labels: { foo: 'bar' } }, ports: [http1], endpoints: [{ address: '1.1.1.1' }] }, ['spec.endpoints'], true],
    ['selector and resolution NONE', { hosts: ['google.com'], workloadSelector: { labels: { foo: 'bar' } }, ports: [http1], resolution: 'NONE' }, [], true],
    ['selector and resolution DNS', { hosts: ['google.com'], workloadSelector: { labels: { foo: 'bar' } }, ports: [http1], resolution: 'DNS' }, [], false],
    ['bad selector key', { hosts: ['google.com'], workloadSelector: { labels: { '': 'bar' } }, ports: [http1] }, ['spec.workloadSelector.labels'], true],
    ['wildcard selector value', { hosts: ['google.com'], workloadSelector: { labels: { app: '*' } }, ports: [http1], resolution: 'DNS' }, ['spec.workloadSelector.labels[app]'], false],
    ['repeat target port', { hosts: ['google.com'], resolution: 'DNS', ports: [{ ...http1, targetPort: 80 }, { number: 81, protocol: 'http', name: 'http-valid2', targetPort: 80 }] }, [], false],
    ['valid target port', { hosts: ['google.com'], resolution: 'DNS', ports: [{ ...http1, targetPort: 81 }] }, [], false],
    ['invalid target port', { hosts: ['google.com'], resolution: 'DNS', ports: [{ ...http1, targetPort: 65536 }] }, ['spec.ports[0].targetPort'], false],
    ['warn target port', { hosts: ['google.com'], workloadSelector: { labels: { key: 'bar' } }, ports: [{ ...http1, targetPort: 1234 }] }, [], true],
    ['valid endpoint port', { hosts: ['google.com'], ports: [{ ...http1, targetPort: 81 }], resolution: 'STATIC', endpoints: [{ address: '1.1.1.1', ports: { 'http-valid1': 8080 } }] }, [], false],
    ['invalid endpoint port', { hosts: ['google.com'], ports: [{ ...http1, targetPort: 81 }], resolution: 'STATIC', endpoints: [{ address: '1.1.1.1', ports: { 'http-valid1': 65536 } }] }, ['spec.endpoints[0].ports[http-valid1]'], false],
    ['protocol unset for addresses empty', { hosts: ['google.com'], addresses: [], ports: [http1, { number: 8080, name: 'http-valid2' }], resolution: 'NONE' }, [], true],
    ['protocol is TCP for addresses empty', { hosts: ['google.com'], addresses: [], ports: [http1, { number: 81, protocol: 'TCP', name: 'tcp-valid1' }], resolution: 'NONE' }, [], true],
    ['DNS RR with more than one endpoint', { hosts: ['google.com'], addresses: [], ports: [{ ...http1, number: 8081 }], endpoints: [{ address: 'api-v1.istio.io' }, { address: '1.1.1.2' }], resolution: 'DNS_ROUND_ROBIN' }, ['spec.endpoints'], false],
    ['DNS RR with 0 endpoints', { hosts: ['google.com'], addresses: [], ports: [{ ...http1, number: 8081 }], resolution: 'DNS_ROUND_ROBIN' }, [], false],
    ['partial wildcard hosts', { hosts: ['*.nytimes.com', '*washingtonpost.com'], addresses: [], ports: [{ number: 443, protocol: 'HTTPS', name: 'https-nytimes' }], resolution: 'NONE' }, [], true],
    ['network set with no address on endpoint', { hosts: ['www.example.com'], addresses: [], ports: [{ number: 443, protocol: 'HTTPS', name: 'https-example' }], resolution: 'STATIC', endpoints: [{ network: 'network-2' }] }, [], true],
    ['endpoint without address or network', { hosts: ['www.example.com'], ports: [{ number: 443, protocol: 'HTTPS', name: 'https-example' }], resolution: 'STATIC', endpoints: [{}] }, ['spec.endpoints[0].address'], false],
    ['DYNAMIC_DNS, TCP protocol', { hosts: ['*.google.com'], addresses: [], ports: [http1, { number: 81, protocol: 'TCP', name: 'tcp-valid1' }], resolution: 'DYNAMIC_DNS' }, ['spec.ports[1].protocol'], false],
    ['DYNAMIC_DNS, GRPC protocol', { hosts: ['*.svc.cluster.local'], addresses: [], ports: [{ number: 9090, protocol: 'GRPC', name: 'grpc' }], resolution: 'DYNAMIC_DNS' }, [], false],
    ['DYNAMIC_DNS, FQDN host', { hosts: ['google.com'], addresses: [], ports: [http1], resolution: 'DYNAMIC_DNS' }, ['spec.hosts[0]'], false],
    ['DYNAMIC_DNS, endpoints set', { hosts: ['*.google.com'], addresses: [], ports: [http1], endpoints: [{ address: 'in.google.com', ports: { 'http-valid1': 9080 } }], resolution: 'DYNAMIC_DNS' }, ['spec.endpoints'], false],
    ['DYNAMIC_DNS, IP address set', { hosts: ['*.google.com'], addresses: ['10.10.10.10'], ports, resolution: 'DYNAMIC_DNS' }, ['spec.addresses'], false],
    ['DYNAMIC_DNS, empty hosts', { hosts: [], addresses: [], ports: [http1], resolution: 'DYNAMIC_DNS' }, ['spec.hosts'], false],
    ['DYNAMIC_DNS, multiple wildcarded hosts', { hosts: ['*.google.com', '*.amazon.com'], addresses: [], ports: [http1], resolution: 'DYNAMIC_DNS' }, [], false],
    ['DYNAMIC_DNS, partial wildcard host (no warning)', { hosts: ['*google.com'], ports: [http1], resolution: 'DYNAMIC_DNS' }, [], false],
    ['DYNAMIC_DNS, internal mesh location', { hosts: ['*.google.com'], addresses: [], ports: [http1], resolution: 'DYNAMIC_DNS', location: 'MESH_INTERNAL' }, [], false],
    ['multiple hosts with a TCP port', { hosts: ['a.com', 'b.com'], addresses: ['1.2.3.4'], ports: [{ number: 3306, protocol: 'TCP', name: 'tcp' }], resolution: 'STATIC' }, ['spec.ports[0].protocol'], false],
    ['multiple hosts with a TCP port and resolution NONE', { hosts: ['a.com', 'b.com'], addresses: ['1.2.3.4'], ports: [{ number: 3306, protocol: 'TCP', name: 'tcp' }] }, [], false],
    ['exportTo ~ alone', { hosts: ['a.com'], ports: [http1], resolution: 'DNS', exportTo: ['~'] }, [], false],
    ['exportTo ~ with others', { hosts: ['a.com'], ports: [http1], resolution: 'DNS', exportTo: ['~', 'ns1'] }, ['spec.exportTo'], false],
    ['bookinfo googleapis', { hosts: ['www.googleapis.com'], ports: [{ number: 80, name: 'http', protocol: 'HTTP' }, { number: 443, name: 'https', protocol: 'HTTPS' }], resolution: 'DNS' }, [], false],
  ])('%s', (_name, spec, expected, warning) => {
    expect(fields(spec)).toEqual(expected);
    expect(warns(spec).length > 0).toBe(warning);
  });

  it('warns that a TCP port needs an address only when IP auto-allocation is off', () => {
    const spec = { hosts: ['db.example.com'], ports: [{ number: 5432, name: 'tcp', protocol: 'TCP' }], resolution: 'DNS' };
    expect(warns(spec)).toEqual([]);
    expect(warns(spec, { 'networking.istio.io/enable-autoallocate-ip': 'false' })).toEqual([
      'spec.ports[0]: addresses are required for ports serving TCP (or unset) protocol when IP Autoallocation is not enabled',
    ]);
  });

  it('refuses DYNAMIC_DNS MESH_INTERNAL behind a waypoint', () => {
    const spec = { hosts: ['*.google.com'], ports: [http1], resolution: 'DYNAMIC_DNS', location: 'MESH_INTERNAL' };
    expect(fields(spec, { 'istio.io/use-waypoint': 'waypoint' })).toEqual(['spec.location']);
    expect(fields(spec, { 'istio.io/use-waypoint': 'none' })).toEqual([]);
  });

  it('warns on a partial wildcard host with its path', () => {
    expect(warns({ hosts: ['*.nytimes.com', '*washingtonpost.com'], ports: [{ number: 443, protocol: 'HTTPS', name: 'https' }], addresses: ['1.1.1.1'] })).toEqual([
      'spec.hosts[1]: partial wildcard "*washingtonpost.com" not allowed',
    ]);
  });
});

describe('WorkloadEntry (TestValidateWorkloadEntry)', () => {
  const we = (spec: Spec) => check('WorkloadEntry', spec);
  it.each<[string, Spec, string[], boolean]>([
    ['valid', { address: '1.2.3.4' }, [], false],
    ['missing address', {}, ['spec.address'], false],
    ['missing address with network', { network: 'network-2' }, [], true],
    ['valid unix endpoint', { address: 'unix:///lon/google/com' }, [], false],
    ['abstract unix endpoint', { address: 'unix://@socket' }, [], false],
    ['unix directory', { address: 'unix:///var/run/' }, ['spec.address'], false],
    ['invalid unix endpoint', { address: 'unix:///lon/google/com', ports: { '7777': 7777 } }, ['spec.ports'], false],
    ['valid FQDN', { address: 'validdns.com', ports: { '7777': 7777 } }, [], false],
    ['invalid FQDN', { address: 'invaliddns.com:9443', ports: { '7777': 7777 } }, ['spec.address'], false],
    ['valid IP', { address: '172.16.1.1', ports: { '7777': 7777 } }, [], false],
    ['valid IPv6', { address: '2001:db8::10', ports: { http: 8080 } }, [], false],
    ['IPv4 with a leading zero is neither IP nor FQDN', { address: '172.016.1.1' }, ['spec.address'], false],
    ['bad port number', { address: '1.2.3.4', ports: { http: 0 } }, ['spec.ports[http]'], false],
    ['bad port name', { address: '1.2.3.4', ports: { 'http_web': 80 } }, ['spec.ports'], false],
    ['labels', { address: '1.2.3.4', labels: { app: 'ratings', version: 'v1' } }, [], false],
    ['bad label value', { address: '1.2.3.4', labels: { app: 'rat ings' } }, ['spec.labels[app]'], false],
    ['bad label key', { address: '1.2.3.4', labels: { 'a/b/c': 'x' } }, ['spec.labels'], false],
  ])('%s', (_name, spec, expected, warning) => {
    const result = we(spec);
    expect([...new Set(result.problems.map((p) => p.field))].sort()).toEqual(expected);
    expect(result.warnings.length > 0).toBe(warning);
  });
});
