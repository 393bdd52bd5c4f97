// Shared checks, from istio/istio agent/validation_test.go (TestValidateFQDN,
// TestValidateWildcardDomain, TestValidateWildcardDomainForVirtualServiceBoundToGateway,
// TestValidatePort, TestValidateDuration, TestValidationIPAddress, TestValidationIPSubnet)
// and pkg/config/host name_test.go.
import { describe, expect, it } from 'vitest';
import {
  firstOverlaps,
  hostSubsetOf,
  isIPAddress,
  validateFQDN,
  validateGatewayBoundDomain,
  validateIPSubnet,
  validatePartialWildcard,
  validateWildcardDomain,
} from './hosts.js';
import { durationNanos, validateDuration, validatePercentage, validatePort } from './values.js';

describe('ValidateFQDN', () => {
  it.each<[string, boolean]>([
    ['x'.repeat(256), false],
    ['', false],
    ['istio.io', true],
    ['istio.io.', true],
    ['istio-pilot.istio-system.svc.cluster.local', true],
    ['istio-pilot.istio-system.svc.cluster.local.', true],
    ['foo.123', false],
    ['a..b', false],
    ['-a.com', false],
    ['Upper.Case.com', true],
  ])('%j valid=%s', (fqdn, valid) => {
    expect(validateFQDN(fqdn) === undefined).toBe(valid);
  });
});

describe('ValidateWildcardDomain and the gateway-bound variant', () => {
  it.each<[string, string, string]>([
    ['empty', '', 'empty'],
    ['too long', 'x'.repeat(256), 'too long'],
    ['happy', 'x'.repeat(63), ''],
    ['label too long', 'x'.repeat(64), 'invalid'],
    ['wildcard', '*', ''],
    ['wildcard multi-segment', '*.bar.com', ''],
    ['wildcard single segment', '*foo', ''],
    ['wildcard prefix', '*foo.bar.com', ''],
    ['wildcard prefix dash', '*-foo.bar.com', ''],
    ['bad wildcard', 'foo.*.com', 'invalid'],
    ['bad wildcard suffix', 'foo*.bar.com', 'invalid'],
    ['IP address', '1.1.1.1', 'invalid'],
  ])('%s', (_name, domain, out) => {
    for (const error of [validateWildcardDomain(domain), validateGatewayBoundDomain(false, domain)]) {
      if (out === '') expect(error).toBeUndefined();
      else expect(error).toContain(out);
    }
  });

  it.each<[string, string]>([
    ['outbound_.80_._.e2e.foobar.mesh', ''],
    ['outbound.com', ''],
    ['neverbound_.80_._.e2e.foobar.mesh', 'invalid'],
    ['outbound_.thisIsNotAPort_._.e2e.foobar.mesh', 'invalid'],
    ['outbound_.80_._', 'invalid'],
    ['outbound_.80', 'invalid'],
  ])('SNI domain %s', (domain, out) => {
    const error = validateGatewayBoundDomain(true, domain);
    if (out === '') expect(error).toBeUndefined();
    else expect(error).toContain(out);
  });

  it.each<[string, boolean]>([
    ['*', true],
    ['*.example.com', true],
    ['example.com', true],
    ['*example.com', false],
    ['foo.*.com', false],
  ])('partial wildcard %s ok=%s', (host, ok) => {
    expect(validatePartialWildcard(host) === undefined).toBe(ok);
  });
});

describe('Addresses (netip.ParseAddr / ParsePrefix)', () => {
  it.each<[string, boolean]>([
    ['1.1.1.1', true],
    ['1.1.A.1', false],
    ['2001:1::1', true],
    ['2001:1:G::1', false],
    ['255.255.255.255', true],
    ['256.1.1.1', false],
    ['01.1.1.1', false],
    ['1.1.1', false],
    ['::', true],
    ['::1', true],
    ['::ffff:1.2.3.4', true],
    ['1:2:3:4:5:6:7:8', true],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1:2:3:4:5:6:7::8', false],
    ['1::2::3', false],
    ['fe80::1%eth0', true],
    ['fe80::1%', false],
    ['12345::1', false],
    ['foo.bar', false],
  ])('%s is an IP: %s', (addr, ok) => {
    expect(isIPAddress(addr)).toBe(ok);
  });

  it.each<[string, boolean]>([
    ['1.1.1.1/24', true],
    ['1.1.1.1/48', false],
    ['2001:1::1/64', true],
    ['2001:1::1/132', false],
    ['10.0.0.0/08', false],
    ['10.0.0.0/', false],
    ['1.1.1.1', true],
    ['1.1.1.1/2/3', false],
    ['fe80::1%eth0/64', false],
  ])('%s is a subnet: %s', (subnet, ok) => {
    expect(validateIPSubnet(subnet) === undefined).toBe(ok);
  });
});

describe('Host overlap (host.Name.Matches / SubsetOf)', () => {
  it.each<[string[], (number | undefined)[]]>([
    [['foo.com', 'foo.com'], [undefined, 0]],
    [['foo.com', 'bar.com'], [undefined, undefined]],
    [['*.com', 'foo.com'], [undefined, 0]],
    [['bar.com', '*.com'], [undefined, 0]],
    [['*.foo.com', 'foo.com'], [undefined, undefined]],
    [['*', 'foo.com', '*.com'], [undefined, 0, 0]],
    [['a.com', '*'], [undefined, 0]],
    [['*.foo.bar', '*.bar'], [undefined, 0]],
    [['*.bar', '*.foo.bar'], [undefined, 0]],
    [['*foo.com', 'barfoo.com'], [undefined, 0]],
    [['a.b.com', 'c.b.com', '*.b.com'], [undefined, undefined, 0]],
  ])('%j', (hosts, expected) => {
    expect(firstOverlaps(hosts)).toEqual(expected);
  });

  it.each<[string, string, boolean]>([
    ['foo.com', 'foo.com', true],
    ['a.foo.com', '*.foo.com', true],
    ['*.a.foo.com', '*.foo.com', true],
    ['*.foo.com', '*.a.foo.com', false],
    ['*.foo.com', 'a.foo.com', false],
    ['foo.com', '*.foo.com', false],
  ])('%s is a subset of %s: %s', (n, o, ok) => {
    expect(hostSubsetOf(n, o)).toBe(ok);
  });

  it('finds overlaps among 100 000 hosts in linear time', () => {
    const hosts = Array.from({ length: 100_000 }, (_, i) => `h${i}.example.com`);
    hosts.push('*.example.com');
    const started = performance.now();
    const result = firstOverlaps(hosts);
    expect(result.at(-1)).toBe(0);
    expect(result.filter((r) => r !== undefined)).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('Durations, ports and percentages (ValidateDuration, ValidatePort, validatePercentage)', () => {
  it.each<[string, boolean]>([
    ['1ms', true],
    ['0s', false],
    ['999us', false],
    ['1.5ms', false],
    ['1.1s', true],
    ['1h30m', true],
    ['0.025s', true],
    ['10s', true],
    ['-1s', false],
    ['1.0000000001s', true],
    ['1x', false],
    ['', false],
  ])('%j valid=%s', (text, valid) => {
    expect(validateDuration(text) === undefined).toBe(valid);
  });

  it('computes exact nanoseconds', () => {
    expect(durationNanos('1.1s')).toBe(1_100_000_000n);
    expect(durationNanos('1h1ns')).toBe(3_600_000_000_001n);
    expect(durationNanos('-2.5ms')).toBe(-2_500_000n);
    expect(durationNanos('nope')).toBeUndefined();
  });

  it.each<[number, boolean]>([
    [0, false],
    [65536, false],
    [-1, false],
    [100, true],
    [1000, true],
    [65535, true],
  ])('port %d valid=%s', (port, valid) => {
    expect(validatePort(port) === undefined).toBe(valid);
  });

  it.each<[number, boolean]>([
    [0, true],
    [0.0001, true],
    [0.00005, false],
    [100, true],
    [100.1, false],
    [-1, false],
  ])('percentage %d valid=%s', (value, valid) => {
    expect(validatePercentage(value) === undefined).toBe(valid);
  });
});
