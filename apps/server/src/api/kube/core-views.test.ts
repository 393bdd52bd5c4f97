import { describe, expect, it } from 'vitest';
import type { RegistryState } from '@rudder/shared/protocol';
import { type CoreInputs, DEPLOYMENT_TABLE, deploymentsOf, formatLabels, namespacesOf, POD_TABLE, podsOf, SERVICE_TABLE, servicesOf } from './core-views.js';

const now = new Date('2026-01-01T12:00:00Z');
const at = '2026-01-01T11:00:00.123Z';
const registry: RegistryState = {
  services: [{ name: 'reviews', namespace: 'default', ports: [{ name: 'http', port: 9080 }], selector: { app: 'reviews' }, labels: { app: 'reviews', service: 'reviews' } }],
  workloads: [
    { name: 'reviews-v1', namespace: 'default', labels: { app: 'reviews', version: 'v1' } },
    { name: 'reviews-v2', namespace: 'default', labels: { app: 'reviews', version: 'v2' } },
  ],
  instances: [
    { name: 'reviews-v1-1', namespace: 'default', workload: 'reviews-v1', address: '127.0.0.1', port: 9081, proxy: 's1', ttlSeconds: 15, health: 'Healthy', registeredAt: at },
    { name: 'reviews-v2-1', namespace: 'default', workload: 'reviews-v2', address: '127.0.0.2', port: 9082, proxy: 's2', ttlSeconds: 15, health: 'Healthy', registeredAt: at },
    { name: 'reviews-v2-2', namespace: 'default', workload: 'reviews-v2', address: '127.0.0.3', port: 9083, ttlSeconds: 15, health: 'Unhealthy', registeredAt: at },
  ],
};
const inputs: CoreInputs = { registry, gatewayAddress: '127.0.0.1:8080', resourceVersion: '42', firstSeen: () => at, resourceNamespaces: ['bookinfo'] };

describe('pods', () => {
  it('one per instance, with its workload labels and READY/STATUS from health', () => {
    const pods = podsOf(inputs);
    expect(pods.map((p) => p.metadata.name)).toEqual(['reviews-v1-1', 'reviews-v2-1', 'reviews-v2-2']);
    expect(pods[0]?.metadata).toMatchObject({ namespace: 'default', labels: { app: 'reviews', version: 'v1' }, resourceVersion: '42', creationTimestamp: '2026-01-01T11:00:00Z' });
    expect(pods.map((p) => POD_TABLE.cells(p, now).slice(0, 5))).toEqual([
      ['reviews-v1-1', '2/2', 'Running', '0', '60m'],
      ['reviews-v2-1', '2/2', 'Running', '0', '60m'],
      ['reviews-v2-2', '0/1', 'NotReady', '0', '60m'],
    ]);
    expect(POD_TABLE.cells(pods[0]!, now).slice(5)).toEqual(['127.0.0.1', '<none>', '<none>', '<none>']);
    expect(podsOf(inputs)[0]?.metadata.uid).toBe(pods[0]?.metadata.uid);
  });
});

describe('deployments', () => {
  it('one per workload, READY healthy/total', () => {
    const rows = deploymentsOf(inputs).map((d) => DEPLOYMENT_TABLE.cells(d, now));
    expect(rows).toEqual([
      ['reviews-v1', '1/1', 1, 1, '60m', 'reviews,istio-proxy', 'rudder/reviews-v1,rudder/proxy', 'app=reviews,version=v1'],
      ['reviews-v2', '1/2', 2, 1, '60m', 'reviews,istio-proxy', 'rudder/reviews-v2,rudder/proxy', 'app=reviews,version=v2'],
    ]);
  });
});

describe('services', () => {
  it('ClusterIP services with ports, plus the ingress gateway whose hostname is the gateway address', () => {
    const services = servicesOf(inputs);
    expect(SERVICE_TABLE.cells(services[0]!, now)).toEqual(['reviews', 'ClusterIP', expect.stringMatching(/^10\.96\.\d+\.\d+$/), '<none>', '9080/TCP', '60m', 'app=reviews']);
    const gateway = services.find((s) => s.metadata.name === 'istio-ingressgateway');
    expect(gateway?.metadata.namespace).toBe('istio-system');
    expect(gateway?.status.loadBalancer.ingress[0].hostname).toBe('127.0.0.1:8080');
    expect(SERVICE_TABLE.cells(gateway!, now).slice(1, 5)).toEqual(['LoadBalancer', expect.any(String), '127.0.0.1:8080', '80/TCP']);
  });
});

describe('namespaces and labels', () => {
  it('lists default, istio-system and every namespace in use, sorted', () => {
    expect(namespacesOf(inputs).map((n) => n.metadata.name)).toEqual(['bookinfo', 'default', 'istio-system']);
    expect(formatLabels({ version: 'v1', app: 'x' })).toBe('app=x,version=v1');
    expect(formatLabels(undefined)).toBe('<none>');
  });
});
