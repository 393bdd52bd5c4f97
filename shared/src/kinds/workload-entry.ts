// WorkloadEntry: a non-Kubernetes workload (a VM, a bare-metal host) described to the
// mesh. Fields from istio/api networking/v1alpha3/workload_entry.proto.
import { Type, type Static } from '@sinclair/typebox';
import { ageColumn, ISTIO_CATEGORIES, ISTIO_GROUP, ISTIO_VERSIONS, type KindDefinition } from './kind.js';
import { message, opt, str, stringMap, uint32 } from './fields.js';

/** The fields shared with ServiceEntry `endpoints[]`, which are WorkloadEntry specs too. */
export const workloadEntryFields = {
  address: opt(
    str(),
    'Address associated with the network endpoint without the port. Domain names can be used if and only if the resolution is set to DNS, and must be fully-qualified without wildcards. Use the form unix:///absolute/path/to/socket for Unix domain socket endpoints. If address is empty, network must be specified.',
  ),
  ports: opt(
    Type.Record(Type.String(), uint32()),
    'Set of ports associated with the endpoint. If the port map is specified, it must be a map of servicePortName to this endpoint\'s port, such that traffic to the service port will be forwarded to the endpoint port that maps to the service\'s portName.',
  ),
  labels: opt(stringMap(), 'One or more labels associated with the endpoint.'),
  network: opt(
    str(),
    'Network enables Istio to group endpoints resident in the same L3 domain/network. All endpoints in the same network are assumed to be directly reachable from one another.',
  ),
  locality: opt(
    str(),
    'The locality associated with the endpoint, in the form region/zone/subzone, used for locality-aware load balancing.',
  ),
  weight: opt(
    uint32(),
    'The load balancing weight associated with the endpoint. Endpoints with higher weights will receive proportionally higher traffic.',
  ),
  serviceAccount: opt(
    str(),
    'The service account associated with the workload if a sidecar is present in the workload. The service account must be present in the same namespace as the configuration.',
  ),
};

export const WorkloadEntrySpec = message(
  'Configuration affecting VMs onboarded into the mesh. See more details at: https://istio.io/docs/reference/config/networking/workload-entry.html',
  workloadEntryFields,
);
export type WorkloadEntrySpec = Static<typeof WorkloadEntrySpec>;

export const workloadEntry: KindDefinition<typeof WorkloadEntrySpec> = {
  kind: 'WorkloadEntry',
  group: ISTIO_GROUP,
  versions: ISTIO_VERSIONS,
  plural: 'workloadentries',
  singular: 'workloadentry',
  shortNames: ['we'],
  categories: ISTIO_CATEGORIES,
  namespaced: true,
  description: WorkloadEntrySpec.description ?? '',
  spec: WorkloadEntrySpec,
  // Istio's CRD prints Age before Address (kubectl-api.md §3).
  printerColumns: [
    ageColumn(),
    { name: 'Address', type: 'string', jsonPath: '.spec.address', description: 'Address associated with the network endpoint.' },
  ],
};
