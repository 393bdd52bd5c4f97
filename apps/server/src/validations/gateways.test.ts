// Kiali's Gateway and ServiceEntry checks, each triggered and fixed (after kiali/kiali
// business/checkers/gateways/*_test.go and serviceentries/multi_match_checker_test.go).
import { describe, expect, it } from 'vitest';
import { codes, gw, run, se } from './test-fixtures.js';

const GW = 'Gateway/';
const server = (port: number, hosts: string[]) => ({ port: { number: port, name: `http-${port}`, protocol: 'HTTP' }, hosts });
const gateway = (name: string, servers: unknown[], ns = 'default', selector: Record<string, string> = { istio: 'ingressgateway' }) =>
  gw(name, { selector, servers }, ns);

describe('KIA0301 more than one Gateway for a host and port', () => {
  it('flags the host on both Gateways', () => {
    const results = run([gateway('a', [server(80, ['bookinfo.example.com'])]), gateway('b', [server(8080, ['x.org']), server(80, ['Bookinfo.example.com'])], 'other')]);
    expect(codes(results, `${GW}default/a`)).toEqual(['KIA0301 spec.servers[0].hosts[0] warning']);
    expect(codes(results, `${GW}other/b`)).toEqual(['KIA0301 spec.servers[1].hosts[0] warning']);
  });

  it('`*` matches every host and `*.x` the hosts under x', () => {
    expect(codes(run([gateway('a', [server(80, ['*'])]), gateway('b', [server(80, ['bookinfo.example.com'])])]), `${GW}default/b`)).toHaveLength(1);
    expect(codes(run([gateway('a', [server(80, ['*.example.com'])]), gateway('b', [server(80, ['bookinfo.example.com'])])]), `${GW}default/a`)).toHaveLength(1);
  });

  it('does not flag other ports, other selectors, different target namespaces or two different wildcards', () => {
    expect(run([gateway('a', [server(80, ['h.com'])]), gateway('b', [server(81, ['h.com'])])]).size).toBe(0);
    const selectors = run([gateway('a', [server(80, ['h.com'])]), gateway('b', [server(80, ['h.com'])], 'default', { istio: 'egressgateway' })]);
    expect([...codes(selectors, `${GW}default/a`), ...codes(selectors, `${GW}default/b`, 'KIA0301')]).toEqual([]);
    expect(run([gateway('a', [server(80, ['ns1/h.com'])]), gateway('b', [server(80, ['ns2/h.com'])])]).size).toBe(0);
    expect(run([gateway('a', [server(80, ['*.example.com', '*.sub.example.com'])])]).size).toBe(0);
  });
});

describe('KIA0302 Gateway selector matching no gateway', () => {
  it("matches Rudder's ingress gateway (istio: ingressgateway) when no gateway proxy is connected", () => {
    expect(run([gateway('a', [server(80, ['*'])])]).size).toBe(0);
    expect(codes(run([gateway('a', [server(80, ['*'])], 'default', { istio: 'ingress' })]), `${GW}default/a`)).toEqual(['KIA0302 spec.selector warning']);
  });

  it("reads the connected gateway proxies' labels instead", () => {
    const proxies = [{ id: 'gw-1', mode: 'gateway' as const, namespace: 'istio-system', labels: { istio: 'ingress' } }];
    expect(run([gateway('a', [server(80, ['*'])], 'default', { istio: 'ingress' })], { proxies }).size).toBe(0);
    expect(codes(run([gateway('a', [server(80, ['*'])])], { proxies }), `${GW}default/a`)).toEqual(['KIA0302 spec.selector warning']);
  });
});

describe('KIA1211 and KIA1212 more than one ServiceEntry for a host and port', () => {
  const entry = (name: string, port: number, protocol = 'HTTPS') => se(name, { hosts: ['api.example.com'], ports: [{ number: 8443, name: 'x', protocol: 'TCP' }, { number: port, name: 'p', protocol }] });

  it('flags the port of each ServiceEntry; conflicting protocols are KIA1212', () => {
    const same = run([entry('a', 443), entry('b', 443)]);
    expect(codes(same, 'ServiceEntry/default/a')).toEqual(['KIA1211 spec.ports[0] warning', 'KIA1211 spec.ports[1] warning']);
    const clash = run([entry('a', 443), entry('b', 443, 'TLS')]);
    expect(codes(clash, 'ServiceEntry/default/b', 'KIA1212')).toEqual(['KIA1212 spec.ports[1] warning']);
  });

  it('does not flag ServiceEntries for other hosts or ports', () => {
    expect(run([se('a', { hosts: ['a.example.com'], ports: [{ number: 443, name: 'p', protocol: 'TLS' }] }), se('b', { hosts: ['b.example.com'], ports: [{ number: 443, name: 'p', protocol: 'TLS' }] })]).size).toBe(0);
  });
});
