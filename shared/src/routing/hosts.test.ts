import { describe, expect, it } from 'vitest';
import { hostAliases, hostMatches, qualifyHost } from './hosts.js';

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
