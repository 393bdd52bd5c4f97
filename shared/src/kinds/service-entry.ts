// ServiceEntry: adds a service (external, or in-mesh VMs) to Istio's service registry.
// From istio/api networking/v1alpha3/service_entry.proto.
import { Type, type Static } from '@sinclair/typebox';
import { ageColumn, ISTIO_CATEGORIES, ISTIO_GROUP, ISTIO_VERSIONS, type KindDefinition } from './kind.js';
import { enumOf, message, opt, stringList } from './fields.js';
import { workloadEntryFields } from './workload-entry.js';

/** A TCP port number; the CRD's rule limits ServiceEntry ports to 1-65535. */
const portNumber = (description?: string) =>
  Type.Integer({ format: 'int32', minimum: 1, maximum: 65535, ...(description ? { description } : {}) });

export const ServicePort = message('A port of the service.', {
  number: portNumber('Port number of the service.'),
  protocol: opt(Type.String({ maxLength: 256 }), 'Protocol on the port: HTTP, HTTPS, GRPC, HTTP2, MONGO, TCP or TLS.'),
  name: Type.String({ maxLength: 256, description: 'Label assigned to the port.' }),
  targetPort: opt(portNumber(), 'Port on the endpoints that receives the traffic; defaults to number.'),
});
export type ServicePort = Static<typeof ServicePort>;

export const SERVICE_ENTRY_LOCATIONS = ['MESH_EXTERNAL', 'MESH_INTERNAL'] as const;
export const SERVICE_ENTRY_RESOLUTIONS = ['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS'] as const;

/** networking.v1alpha3.WorkloadSelector (sidecar.proto): `labels`, not the `matchLabels` of istio.type.v1beta1. */
const serviceEntryWorkloadSelector = message('Selects the workloads (pods or WorkloadEntries) backing the service.', {
  labels: opt(
    Type.Record(Type.String(), Type.String({ maxLength: 63 }), { maxProperties: 256 }),
    'Labels of the pods or WorkloadEntries in the same namespace that back the service.',
  ),
});

export const ServiceEntrySpec = message(
  'Configuration affecting service registry. See more details at: https://istio.io/docs/reference/config/networking/service-entry.html',
  {
    hosts: Type.Array(Type.String(), {
      minItems: 1,
      maxItems: 256,
      description: 'Hosts of the service, matched by VirtualServices, DestinationRules, Host headers and SNI; wildcard prefix allowed.',
    }),
    addresses: opt(
      Type.Array(Type.String({ maxLength: 64 }), { maxItems: 256 }),
      'Virtual IPs or CIDR prefixes of the service; when empty, traffic is identified by port alone.',
    ),
    ports: opt(Type.Array(ServicePort, { maxItems: 256 }), 'Ports of the service; port numbers must be unique.'),
    location: opt(enumOf(SERVICE_ENTRY_LOCATIONS), 'Whether the service is outside the mesh (default) or part of it.'),
    resolution: opt(enumOf(SERVICE_ENTRY_RESOLUTIONS), 'How the proxy resolves endpoint addresses (NONE by default).'),
    endpoints: opt(
      Type.Array(message('An endpoint of the service (a WorkloadEntry spec).', workloadEntryFields), { maxItems: 4096 }),
      'Endpoints of the service; exclusive with workloadSelector.',
    ),
    workloadSelector: opt(serviceEntryWorkloadSelector, 'MESH_INTERNAL only: select backing pods or VMs by labels; exclusive with endpoints.'),
    exportTo: opt(stringList(), 'Namespaces the service is visible to: "." is its own namespace, "*" (the default) all.'),
    subjectAltNames: opt(stringList(), 'Accepted subject alternative names of the server certificate.'),
  },
);
export type ServiceEntrySpec = Static<typeof ServiceEntrySpec>;

export const serviceEntry: KindDefinition<typeof ServiceEntrySpec> = {
  kind: 'ServiceEntry',
  group: ISTIO_GROUP,
  versions: ISTIO_VERSIONS,
  plural: 'serviceentries',
  singular: 'serviceentry',
  shortNames: ['se'],
  categories: ISTIO_CATEGORIES,
  namespaced: true,
  description: ServiceEntrySpec.description ?? '',
  spec: ServiceEntrySpec,
  printerColumns: [
    { name: 'Hosts', type: 'string', jsonPath: '.spec.hosts', description: 'The hosts associated with the ServiceEntry' },
    {
      name: 'Location',
      type: 'string',
      jsonPath: '.spec.location',
      description: 'Whether the service is external to the mesh or part of the mesh (MESH_EXTERNAL or MESH_INTERNAL)',
    },
    {
      name: 'Resolution',
      type: 'string',
      jsonPath: '.spec.resolution',
      description: 'Service resolution mode for the hosts (NONE, STATIC, or DNS)',
    },
    ageColumn(),
  ],
};
