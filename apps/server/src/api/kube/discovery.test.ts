import { describe, expect, it } from 'vitest';
import { aggregatedVersionOf, discoveryGroup, ISTIO, resourceList } from './discovery.js';

const KUBECTL_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

describe('discovery (kubectl-api.md §2)', () => {
  it('answers the aggregated version kubectl asks for first; plain JSON otherwise', () => {
    expect(aggregatedVersionOf(KUBECTL_ACCEPT)).toBe('v2');
    expect(aggregatedVersionOf('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json')).toBe('v2beta1');
    expect(aggregatedVersionOf('application/json, */*')).toBeUndefined();
  });

  it('lists networking.istio.io in v1, v1beta1, v1alpha3, storage version first', () => {
    expect(ISTIO.map((gv) => gv.version)).toEqual(['v1', 'v1beta1', 'v1alpha3']);
  });

  it('gives legacy entries kind, short names, categories and a status subresource', () => {
    const list = resourceList(ISTIO[2]!);
    expect(list.groupVersion).toBe('networking.istio.io/v1alpha3');
    const vs = list.resources.find((r) => r.name === 'virtualservices');
    expect(vs).toMatchObject({ kind: 'VirtualService', singularName: 'virtualservice', namespaced: true, shortNames: ['vs'], categories: ['istio-io', 'networking-istio-io'] });
    expect(list.resources.find((r) => r.name === 'virtualservices/status')).toMatchObject({ kind: 'VirtualService', verbs: ['get', 'patch', 'update'] });
    expect(list.resources.map((r) => r.name).filter((n) => !n.includes('/'))).toEqual(['virtualservices', 'destinationrules', 'gateways', 'serviceentries', 'workloadentries']);
  });

  it('gives aggregated entries responseKind and scope, without which kubectl drops them', () => {
    const group = discoveryGroup(ISTIO);
    expect(group.metadata).toEqual({ name: 'networking.istio.io' });
    const gw = group.versions[0]?.resources.find((r) => r.resource === 'gateways');
    expect(gw).toMatchObject({ responseKind: { group: 'networking.istio.io', version: 'v1', kind: 'Gateway' }, scope: 'Namespaced', singularResource: 'gateway', shortNames: ['gw'] });
    expect(gw?.subresources?.[0]).toMatchObject({ subresource: 'status' });
  });
});
