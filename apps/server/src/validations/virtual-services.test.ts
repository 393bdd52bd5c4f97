// Kiali's VirtualService checks, each with a case that triggers it and the fixed case that
// does not (after kiali/kiali business/checkers/virtualservices/*_test.go).
import { describe, expect, it } from 'vitest';
import { KIALI } from './findings.js';
import { codes, dr, gw, run, se, vs } from './test-fixtures.js';

const route = (host: string, extra: Record<string, unknown> = {}) => ({ destination: { host, ...extra } });
const REVIEWS_DR = dr('reviews', { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] });
const VS = 'VirtualService/default/';

describe('KIA1101 destination host not found', () => {
  it('warns under ALLOW_ANY, errs under REGISTRY_ONLY, with the host path', () => {
    const resources = [vs('a', { hosts: ['reviews'], http: [{ route: [route('reviews'), route('nowhere')] }], tcp: [{ route: [route('gone')] }] })];
    expect(codes(run(resources), `${VS}a`, 'KIA1101')).toEqual([
      'KIA1101 spec.http[0].route[1].destination.host warning',
      'KIA1101 spec.tcp[0].route[0].destination.host warning',
    ]);
    expect(codes(run(resources, { mesh: 'REGISTRY_ONLY' }), `${VS}a`, 'KIA1101')[0]).toMatch(/error$/);
    expect(run(resources).get(`${VS}a`)?.[0]?.message).toBe(KIALI.KIA1101.message);
  });

  it('knows registry Services in any form and ServiceEntry hosts, wildcards included', () => {
    const resources = [
      vs('a', { hosts: ['a'], http: [{ route: [route('reviews.default'), route('ratings.default.svc.cluster.local'), route('api.example.com'), route('x.wild.org')] }] }),
      se('ext', { hosts: ['api.example.com', '*.wild.org'], ports: [{ number: 443, name: 'https', protocol: 'TLS' }] }),
    ];
    expect(codes(run(resources), `${VS}a`, 'KIA1101')).toEqual([]);
  });
});

describe('KIA1102 missing gateway and KIA1108 old nomenclature', () => {
  it('flags gateways that do not exist, top level and per match; mesh is skipped', () => {
    const resources = [vs('a', { hosts: ['reviews'], gateways: ['mesh', 'missing'], http: [{ match: [{ gateways: ['other/gw'] }], route: [route('reviews')] }] })];
    expect(codes(run(resources), `${VS}a`)).toEqual(['KIA1102 spec.gateways[1] error', 'KIA1102 spec.http[0].match[0].gateways[0] error']);
  });

  it('finds them by name, ns/name and the legacy name.ns (which gets KIA1108)', () => {
    const gateways = [gw('missing', { selector: { istio: 'ingressgateway' } }), gw('gw', { selector: { istio: 'ingressgateway' } }, 'other')];
    const resources = [vs('a', { hosts: ['reviews'], gateways: ['missing', 'gw.other'], http: [{ match: [{ gateways: ['other/gw'] }], route: [route('reviews')] }] }), ...gateways];
    expect(codes(run(resources), `${VS}a`)).toEqual(['KIA1108 spec.gateways[1] info']);
  });
});

describe('KIA1104 single weight and KIA1105 repeated subset', () => {
  it('flags one destination weighted 1..99', () => {
    const resources = [vs('a', { hosts: ['reviews'], http: [{ route: [{ ...route('reviews'), weight: 50 }] }] })];
    expect(codes(run(resources), `${VS}a`)).toEqual(['KIA1104 spec.http[0].route[0].weight warning']);
    expect(codes(run([vs('a', { hosts: ['reviews'], http: [{ route: [{ ...route('reviews'), weight: 100 }] }] })]), `${VS}a`)).toEqual([]);
  });

  it('flags every destination repeating a host and subset of its route (short and long forms alike)', () => {
    const twice = [{ ...route('reviews', { subset: 'v1' }), weight: 50 }, { ...route('reviews.default.svc.cluster.local', { subset: 'v1' }), weight: 50 }];
    const resources = [vs('a', { hosts: ['reviews'], http: [{ route: twice }] }), REVIEWS_DR];
    expect(codes(run(resources), `${VS}a`)).toEqual(['KIA1105 spec.http[0].route[0].destination warning', 'KIA1105 spec.http[0].route[1].destination warning']);
    const fixed = [{ ...twice[0] }, { ...route('reviews'), weight: 50 }];
    expect(codes(run([vs('a', { hosts: ['reviews'], http: [{ route: fixed }] }), REVIEWS_DR]), `${VS}a`)).toEqual([]);
  });
});

describe('KIA1106 more than one VirtualService for a host', () => {
  const one = (name: string, host: string, extra: Record<string, unknown> = {}) => vs(name, { hosts: [host], http: [{ route: [route('reviews')] }], ...extra });

  it('flags both VirtualServices of a host, whatever form the host is written in', () => {
    const results = run([one('a', 'reviews'), one('b', 'reviews.default.svc.cluster.local')]);
    expect(codes(results, `${VS}a`)).toEqual(['KIA1106 spec.hosts warning']);
    expect(codes(results, `${VS}b`)).toEqual(['KIA1106 spec.hosts warning']);
  });

  it('flags a `*` VirtualService beside the others of its namespace', () => {
    const results = run([one('a', 'reviews'), one('star', '*')]);
    expect(codes(results, `${VS}star`)).toEqual(['KIA1106 spec.hosts warning']);
    expect(codes(results, `${VS}a`)).toEqual(['KIA1106 spec.hosts warning']);
  });

  it('does not flag different hosts, or the same host on different gateways', () => {
    const gateway = gw('gw', { selector: { istio: 'ingressgateway' } });
    expect(run([one('a', 'reviews'), one('b', 'ratings')]).size).toBe(0);
    expect(run([one('a', 'reviews'), one('b', 'reviews', { gateways: ['gw'] }), gateway]).size).toBe(0);
  });
});

describe('KIA1107 subset not found', () => {
  it('flags a subset no DestinationRule of the host defines, at the subset path', () => {
    const resources = [vs('a', { hosts: ['reviews'], http: [{ route: [route('reviews', { subset: 'v2' })] }] }), REVIEWS_DR];
    expect(codes(run(resources), `${VS}a`)).toEqual(['KIA1107 spec.http[0].route[0].destination.subset warning']);
  });

  it('finds subsets of the same host in any form, and of a wildcard rule', () => {
    const resources = [
      vs('a', { hosts: ['reviews'], http: [{ route: [route('reviews.default.svc.cluster.local', { subset: 'v1' }), route('ratings', { subset: 'v9' })] }] }),
      REVIEWS_DR,
      dr('all', { host: '*.default.svc.cluster.local', subsets: [{ name: 'v9', labels: { version: 'v1' } }] }),
    ];
    expect(codes(run(resources), `${VS}a`)).toEqual([]);
  });
});
