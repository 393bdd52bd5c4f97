// Kiali's DestinationRule checks, each triggered and fixed (after kiali/kiali
// business/checkers/destinationrules/multi_match_checker_test.go and no_dest_checker_test.go).
import { describe, expect, it } from 'vitest';
import { BOOKINFO, codes, dr, run, se, vs } from './test-fixtures.js';

const DR = 'DestinationRule/default/';
const subset = (name: string, labels?: Record<string, string>) => ({ name, ...(labels ? { labels } : {}) });

describe('KIA0201 more than one DestinationRule for a host and subset', () => {
  it('flags both rules sharing a subset of one host', () => {
    const results = run([dr('a', { host: 'reviews', subsets: [subset('v1', { version: 'v1' })] }), dr('b', { host: 'reviews.default.svc.cluster.local', subsets: [subset('v1', { version: 'v1' })] })]);
    expect(codes(results, `${DR}a`)).toEqual(['KIA0201 spec.host warning']);
    expect(codes(results, `${DR}b`)).toEqual(['KIA0201 spec.host warning']);
  });

  it('a rule without subsets collides with every rule of an overlapping host', () => {
    const results = run([dr('a', { host: 'reviews', subsets: [subset('v1', { version: 'v1' })] }), dr('b', { host: '*.default.svc.cluster.local' })]);
    expect(codes(results, `${DR}b`, 'KIA0201')).toEqual(['KIA0201 spec.host warning']);
  });

  it('does not flag different subsets, different hosts, or mesh-wide and namespace-wide mTLS rules', () => {
    expect(run([dr('a', { host: 'reviews', subsets: [subset('v1', { version: 'v1' })] }), dr('b', { host: 'reviews', subsets: [subset('v2', { version: 'v2' })] })]).size).toBe(0);
    expect(run([dr('a', { host: 'reviews' }), dr('b', { host: 'ratings' })]).size).toBe(0);
    const mtls = { tls: { mode: 'ISTIO_MUTUAL' } };
    expect(run([dr('a', { host: 'reviews' }), dr('mesh', { host: '*.local', trafficPolicy: mtls }), dr('ns', { host: '*.default.svc.cluster.local', trafficPolicy: mtls })]).size).toBe(0);
  });
});

describe('KIA0202 host matches no service', () => {
  it('flags an unknown host at spec.host: a warning under ALLOW_ANY, an error otherwise', () => {
    expect(codes(run([dr('a', { host: 'nowhere' })]), `${DR}a`)).toEqual(['KIA0202 spec.host warning']);
    expect(codes(run([dr('a', { host: 'nowhere' })], { mesh: 'REGISTRY_ONLY' }), `${DR}a`)).toEqual(['KIA0202 spec.host error']);
  });

  it('accepts Services, workloads by app label, ServiceEntry hosts and wildcards', () => {
    const resources = [
      dr('svc', { host: 'reviews.default' }),
      dr('app', { host: 'details' }),
      dr('ext', { host: 'api.example.com' }),
      dr('wild', { host: '*.example.org' }),
      se('ext', { hosts: ['api.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] }),
    ];
    const workloads = [...BOOKINFO.workloads, { name: 'details-v1', namespace: 'default', labels: { app: 'details' } }];
    expect(run(resources, { workloads }).size).toBe(0);
  });
});

describe("KIA0203 subset labels select no workload", () => {
  it('is an error when a VirtualService routes to the subset, unknown (info) otherwise', () => {
    const rule = dr('a', { host: 'reviews', subsets: [subset('v1', { version: 'v1' }), subset('v3', { version: 'v3' }), subset('v4', { version: 'v4' })] });
    const route = vs('r', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v3' } }] }] });
    expect(codes(run([rule, route]), `${DR}a`)).toEqual(['KIA0203 spec.subsets[1] error', 'KIA0203 spec.subsets[2] info']);
  });

  it("looks only behind the host's Service selector", () => {
    // ratings-v1 has version v1, but is not behind reviews.
    const rule = dr('a', { host: 'reviews', subsets: [subset('x', { app: 'ratings' })] });
    expect(codes(run([rule]), `${DR}a`)).toEqual(['KIA0203 spec.subsets[0] info']);
    const fixed = dr('a', { host: 'reviews', subsets: [subset('v2', { version: 'v2' })] });
    expect(run([fixed]).size).toBe(0);
  });

  it('finds ServiceEntry endpoints by their labels', () => {
    const entry = se('db', { hosts: ['db.example.com'], ports: [{ number: 5432, name: 'tcp', protocol: 'TCP' }], resolution: 'STATIC', endpoints: [{ address: '10.0.0.1', labels: { role: 'primary' } }] });
    expect(run([entry, dr('a', { host: 'db.example.com', subsets: [subset('p', { role: 'primary' })] })]).size).toBe(0);
    expect(codes(run([entry, dr('a', { host: 'db.example.com', subsets: [subset('r', { role: 'replica' })] })]), `${DR}a`)).toEqual(['KIA0203 spec.subsets[0] info']);
  });
});

describe('KIA0209 subset without labels', () => {
  it('warns when no subset has labels that select anything, and is only info beside one that does', () => {
    expect(codes(run([dr('a', { host: 'reviews', subsets: [subset('all')] })]), `${DR}a`)).toEqual(['KIA0209 spec.subsets[0] warning']);
    expect(codes(run([dr('a', { host: 'reviews', subsets: [subset('v1', { version: 'v1' }), subset('all')] })]), `${DR}a`)).toEqual(['KIA0209 spec.subsets[1] info']);
    expect(run([dr('a', { host: 'reviews', subsets: [subset('v1', { version: 'v1' })] })]).size).toBe(0);
  });
});
