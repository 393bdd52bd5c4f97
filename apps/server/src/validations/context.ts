// What the cross-resource checks read: the config by kind, the registry as Kiali sees the
// cluster (kiali/kiali business/istio_validations.go gathers the same: services, workloads,
// ServiceEntries, namespaces, the mesh's outbound policy) and where findings go.
import type {
  DestinationRuleSpec,
  GatewaySpec,
  Resource,
  ServiceEntrySpec,
  VirtualServiceSpec,
  WorkloadEntrySpec,
} from '@rudder/shared/kinds';
import type { MeshSettings, ResolvedService, Workload } from '@rudder/shared/protocol';
import { Findings } from './findings.js';
import { type Labels, matchesServiceEntryHost } from './hosts.js';

/** Labels of a gateway proxy and its namespace, matched by Gateway `selector` (KIA0302). */
export interface GatewayWorkload {
  namespace: string;
  labels: Labels;
}

/** Rudder's ingress gateway when no gateway proxy has said who it is. */
export const DEFAULT_GATEWAY: GatewayWorkload = { namespace: 'istio-system', labels: { istio: 'ingressgateway' } };

export interface RegistryView {
  /** Registry Services and ServiceEntry hosts, as resolveServices merges them. */
  services: readonly ResolvedService[];
  workloads: readonly Workload[];
  /** Kubernetes Services' selectors by host (KIA0203 looks for workloads through them). */
  selectors?: ReadonlyMap<string, Labels>;
  /** Connected gateway proxies; DEFAULT_GATEWAY when none. */
  gateways?: readonly GatewayWorkload[];
}

export interface CheckContext {
  virtualServices: Resource<VirtualServiceSpec>[];
  destinationRules: Resource<DestinationRuleSpec>[];
  gateways: Resource<GatewaySpec>[];
  serviceEntries: Resource<ServiceEntrySpec>[];
  workloadEntries: Resource<WorkloadEntrySpec>[];
  services: readonly ResolvedService[];
  workloads: readonly Workload[];
  selectors: ReadonlyMap<string, Labels>;
  gatewayWorkloads: readonly GatewayWorkload[];
  /** Namespaces Kiali would list: those of any resource, service or workload, and istio-system. */
  namespaces: ReadonlySet<string>;
  /** KIA1101 and KIA0202 are warnings, not errors, when unknown hosts are let through. */
  allowAny: boolean;
  findings: Findings;
}

/** The stored objects of one kind with a spec (structural validation gave them their shape). */
const ofKind = <S>(resources: readonly Resource[], kind: string): Resource<S>[] =>
  resources.filter((r) => r.kind === kind && r.spec !== undefined) as unknown as Resource<S>[];

export function buildContext(resources: readonly Resource[], registry: RegistryView, mesh: Pick<MeshSettings, 'outboundTrafficPolicy'>): CheckContext {
  const namespaces = new Set<string>(['istio-system']);
  for (const r of resources) namespaces.add(r.metadata.namespace);
  for (const s of registry.services) namespaces.add(s.namespace);
  for (const w of registry.workloads) namespaces.add(w.namespace);
  return {
    virtualServices: ofKind<VirtualServiceSpec>(resources, 'VirtualService'),
    destinationRules: ofKind<DestinationRuleSpec>(resources, 'DestinationRule'),
    gateways: ofKind<GatewaySpec>(resources, 'Gateway'),
    serviceEntries: ofKind<ServiceEntrySpec>(resources, 'ServiceEntry'),
    workloadEntries: ofKind<WorkloadEntrySpec>(resources, 'WorkloadEntry'),
    services: registry.services,
    workloads: registry.workloads,
    selectors: registry.selectors ?? new Map(),
    gatewayWorkloads: registry.gateways?.length ? registry.gateways : [DEFAULT_GATEWAY],
    namespaces,
    allowAny: mesh.outboundTrafficPolicy === 'ALLOW_ANY',
    findings: new Findings(),
  };
}

/** no_host_checker checkDestination: a ServiceEntry host (by suffix), or a registry Service's FQDN. */
export function hostKnown(ctx: CheckContext, host: string): boolean {
  return ctx.services.some((s) => (s.source === 'ServiceEntry' ? matchesServiceEntryHost(host, s.host) : s.host === host));
}
