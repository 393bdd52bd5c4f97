// The starting text of "Create": a small valid object of each kind, from the kind registry
// (group, version, kind) with a spec that passes Istio's rules.
import type { KindDefinition } from '@rudder/shared/kinds';
import { printYaml } from '@rudder/shared/yaml';

const SPECS: Record<string, Record<string, unknown>> = {
  VirtualService: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }] },
  DestinationRule: { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] },
  Gateway: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] },
  ServiceEntry: { hosts: ['api.example.com'], ports: [{ number: 80, name: 'http', protocol: 'HTTP' }], resolution: 'DNS', location: 'MESH_EXTERNAL' },
  WorkloadEntry: { address: '127.0.0.1', labels: { app: 'example' } },
};

export function templateFor(def: KindDefinition, namespace = 'default'): string {
  return printYaml({
    apiVersion: `${def.group}/${def.versions[0]}`,
    kind: def.kind,
    metadata: { name: `my-${def.singular}`, namespace },
    spec: SPECS[def.kind] ?? {},
  });
}
