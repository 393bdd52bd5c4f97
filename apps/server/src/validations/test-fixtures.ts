// Builders for the cross-check unit tests: Istio objects in `default`, a Bookinfo-like
// registry, and `run`, which resolves the registry as the server does and runs crossChecks.
import type { Resource } from '@rudder/shared/kinds';
import type { MeshSettings, ProxyIdentity, RegistryService, Workload } from '@rudder/shared/protocol';
import { resolveServices } from '../registry/resolve.js';
import { crossChecks, type Finding } from './checks.js';
import { registryView } from './service.js';

export const object = (kind: string, name: string, spec: Record<string, unknown>, namespace = 'default'): Resource => ({
  apiVersion: 'networking.istio.io/v1',
  kind,
  metadata: { name, namespace },
  spec,
});
export const vs = (name: string, spec: Record<string, unknown>, ns?: string) => object('VirtualService', name, spec, ns);
export const dr = (name: string, spec: Record<string, unknown>, ns?: string) => object('DestinationRule', name, spec, ns);
export const gw = (name: string, spec: Record<string, unknown>, ns?: string) => object('Gateway', name, spec, ns);
export const se = (name: string, spec: Record<string, unknown>, ns?: string) => object('ServiceEntry', name, spec, ns);

export const service = (name: string, namespace = 'default'): RegistryService => ({ name, namespace, ports: [{ name: 'http', port: 9080 }], selector: { app: name } });
export const workload = (name: string, labels: Record<string, string>, namespace = 'default'): Workload => ({ name, namespace, labels });

/** reviews (v1, v2) and ratings (v1) in default. */
export const BOOKINFO = {
  services: [service('reviews'), service('ratings')],
  workloads: [
    workload('reviews-v1', { app: 'reviews', version: 'v1' }),
    workload('reviews-v2', { app: 'reviews', version: 'v2' }),
    workload('ratings-v1', { app: 'ratings', version: 'v1' }),
  ],
};

export interface RunOptions {
  services?: RegistryService[];
  workloads?: Workload[];
  proxies?: ProxyIdentity[];
  mesh?: MeshSettings['outboundTrafficPolicy'];
}

/** Every finding by `Kind/ns/name`, over the Bookinfo registry unless told otherwise. */
export function run(resources: Resource[], options: RunOptions = {}): Map<string, Finding[]> {
  const state = { services: options.services ?? BOOKINFO.services, workloads: options.workloads ?? BOOKINFO.workloads, instances: [] };
  const view = registryView(state, resolveServices(state, resources), options.proxies ?? []);
  return crossChecks(resources, view, { outboundTrafficPolicy: options.mesh ?? 'ALLOW_ANY' });
}

/** `code field severity` of one resource's findings, for compact assertions. */
export function codes(results: Map<string, Finding[]>, key: string, code?: string): string[] {
  return (results.get(key) ?? []).filter((f) => !code || f.code === code).map((f) => `${f.code} ${f.field} ${f.severity}`);
}
