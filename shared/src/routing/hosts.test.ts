import { describe, expect, it } from 'vitest';
import {
  hostAliases,
  hostIntersection,
  hostMatches,
  hostSubsetOf,
  qualifyHost,
  resolveGatewayName,
  serverHostsForNamespace,
  sidecarHostCandidates,
  splitAuthority,
} from './hosts.js';

describe('qualifyHost (istio-semantics §2.1: short names take the resource namespace)', () => {
  it('qualifies short names in the resource namespace', () => {
    expect(qualifyHost('reviews', 'default')).toBe('reviews.default.svc.cluster.local');
    expect(qualifyHost('reviews', 'prod')).toBe('reviews.prod.svc.cluster.local');
  });
  it('keeps FQDNs, wildcards and IPs as written', () => {
    expect(qualifyHost('httpbin.org', 'default')).toBe('httpbin.org');
    expect(qualifyHost('*.example.com', 'default')).toBe('*.example.com');
    expect(qualifyHost('*', 'default')).toBe('*');
    expect(qualifyHost('10.0.0.1', 'default')).toBe('10.0.0.1');
  });
});

describe('hostMatches', () => {
  it('matches wildcards by suffix and exact names exactly', () => {
    expect(hostMatches('*.example.com', 'a.example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'example.com')).toBe(false);
    expect(hostMatches('*', 'anything')).toBe(true);
    expect(hostMatches('Reviews.default.svc.cluster.local', 'reviews.default.svc.cluster.local')).toBe(true);
    expect(hostMatches('reviews', 'ratings')).toBe(false);
  });
  it('lists the DNS search-path aliases of a service host', () => {
    expect(hostAliases('reviews.default.svc.cluster.local')).toEqual([
      'reviews.default.svc.cluster.local',
      'reviews.default.svc',
      'reviews.default',
      'reviews',
    ]);
  });
});

describe('host sets (istio pkg/config/host)', () => {
  it.each([
    ['a.foo.com', '*.foo.com', true],
    ['*.bar.foo.com', '*.foo.com', true],
    ['*.foo.com', 'a.foo.com', false],
    ['foo.com', '*.foo.com', false],
    ['anything', '*', true],
    ['*', '*.com', false],
  ])('%s ⊆ %s is %s', (a, b, expected) => {
    expect(hostSubsetOf(a, b)).toBe(expected);
  });

  it('intersects by keeping the narrower side of each overlapping pair', () => {
    expect(hostIntersection(['*.example.com'], ['shop.example.com', 'other.org'])).toEqual(['shop.example.com']);
    expect(hostIntersection(['*'], ['*'])).toEqual(['*']);
    expect(hostIntersection(['foo.com', '*.net'], ['*.com', 'bar.net'])).toEqual(['foo.com', 'bar.net']);
    expect(hostIntersection(['a.com'], ['b.com'])).toEqual([]);
  });

  it('reads gateway server hosts `[ns/]host` for a VirtualService namespace', () => {
    const hosts = ['plain.com', '*/any.com', 'prod/prod.com', './own.com'];
    expect(serverHostsForNamespace(hosts, 'prod', 'istio-system')).toEqual(['plain.com', 'any.com', 'prod.com']);
    expect(serverHostsForNamespace(hosts, 'istio-system', 'istio-system')).toEqual(['plain.com', 'any.com', 'own.com']);
  });

  it.each([
    ['bookinfo-gateway', 'default/bookinfo-gateway'],
    ['./gw', 'default/gw'],
    ['istio-system/gw', 'istio-system/gw'],
    ['gw.prod.svc.cluster.local', 'prod/gw'],
    ['gw.prod', 'prod/gw'],
    ['mesh', 'mesh'],
  ])('resolves the gateway reference %s', (name, expected) => {
    expect(resolveGatewayName(name, 'default')).toBe(expected);
  });

  it.each([
    ['reviews:9080', { hostname: 'reviews', port: 9080 }],
    ['Reviews.Default.', { hostname: 'reviews.default' }],
    ['[::1]:8080', { hostname: '[::1]', port: 8080 }],
    ['host:notaport', { hostname: 'host' }],
  ])('splits the authority %s', (authority, expected) => {
    expect(splitAuthority(authority)).toEqual(expected);
  });

  it('expands the names a sidecar can use, as Kubernetes DNS search does', () => {
    expect(sidecarHostCandidates('reviews', 'prod')).toEqual(['reviews', 'reviews.prod.svc.cluster.local']);
    expect(sidecarHostCandidates('reviews.default', 'prod')).toEqual(['reviews.default', 'reviews.default.svc.cluster.local']);
    expect(sidecarHostCandidates('reviews.default.svc', 'prod')).toEqual(['reviews.default.svc', 'reviews.default.svc.cluster.local']);
    expect(sidecarHostCandidates('reviews.default.svc.cluster.local', 'prod')).toEqual(['reviews.default.svc.cluster.local']);
    expect(sidecarHostCandidates('10.0.0.1', 'prod')).toEqual(['10.0.0.1']);
  });
});
