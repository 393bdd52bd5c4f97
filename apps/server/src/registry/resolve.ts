// The services the data plane sees: registry Services and ServiceEntry hosts, with their endpoints, merged as Istio does.
//
// Istio sources (istio/istio, pilot/pkg/serviceregistry/):
// - serviceentry/conversion.go: convertServices (one service per host, hosts as written),
//   convertEndpoint (port priority we.ports > se.port.targetPort > se.port.number),
//   convertServiceEntryToInstances (DNS without endpoints or selector → the host itself).
// - serviceentry/controller.go: ConvertWorkloadEntry (metadata labels merged over spec labels),
//   WorkloadInstanceHandler (a ServiceEntry selects pods and WorkloadEntries of its own namespace).
// - kube/controller: serviceInstanceFromWorkloadInstance (a Kubernetes Service selects
//   WorkloadEntries of its namespace; port from the WorkloadEntry's `ports[servicePort.name]`).
// - pkg/config/labels: Instance.Match (an empty selector selects nothing).
// https://istio.io/latest/docs/reference/config/networking/service-entry/
// https://istio.io/latest/docs/reference/config/networking/workload-entry/
import { isIP } from 'node:net';
import type { Resource, ServiceEntrySpec, WorkloadEntrySpec } from '@rudder/shared/kinds';
import {
  type Endpoint,
  type Instance,
  type RegistryService,
  type RegistryState,
  type ResolvedService,
  type ServicePort,
  serviceHost,
} from '@rudder/shared/protocol';

type Labels = Record<string, string>;
type Resolution = NonNullable<ResolvedService['resolution']>;

/** A selected instance or WorkloadEntry, before it is bound to a service port. */
interface Backend {
  endpoint: Omit<Endpoint, 'port'>;
  /** The instance's one port, used for every service port. */
  fixedPort?: number;
  /** WorkloadEntry `ports`: service port name → endpoint port. */
  namedPorts?: Record<string, number>;
  /** A WorkloadEntry whose address is not an IP: only DNS ServiceEntries may use it (controller.go DNSServiceEntryOnly). */
  dnsOnly: boolean;
}

interface Context {
  registry: RegistryState;
  workloadEntries: readonly Resource<WorkloadEntrySpec>[];
  workloadLabels: Map<string, Labels>;
}

/** Every service the data plane sees, sorted by host then namespace; endpoints by name then port. */
export function resolveServices(registry: RegistryState, resources: readonly Resource[]): ResolvedService[] {
  const ctx: Context = {
    registry,
    workloadEntries: resources.filter((r): r is Resource<WorkloadEntrySpec> => r.kind === 'WorkloadEntry'),
    workloadLabels: new Map(registry.workloads.map((w) => [key(w.namespace, w.name), w.labels])),
  };
  const serviceEntries = resources.filter((r): r is Resource<ServiceEntrySpec> => r.kind === 'ServiceEntry' && !!r.spec);
  const services = [
    ...registry.services.map((svc) => kubernetesService(svc, ctx)),
    ...serviceEntries.flatMap((se) => serviceEntryServices(se, ctx)),
  ];
  for (const svc of services) svc.endpoints.sort(compareEndpoints);
  return services.sort(compareServices);
}

/** labels.Instance.Match: every selector entry is in the labels; an empty selector selects nothing. */
export function selects(selector: Labels | undefined, labels: Labels): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

function kubernetesService(svc: RegistryService, ctx: Context): ResolvedService {
  const backends = [
    ...instanceBackends(ctx, svc.namespace, svc.selector),
    ...workloadEntryBackends(ctx, svc.namespace, svc.selector).filter((b) => !b.dnsOnly),
  ];
  return {
    host: serviceHost(svc.name, svc.namespace),
    namespace: svc.namespace,
    name: svc.name,
    ports: svc.ports,
    endpoints: bind(backends, svc.ports),
    source: 'Kubernetes',
  };
}

/** convertServices: one service per host, hosts used as written (not qualified with a namespace). */
function serviceEntryServices(se: Resource<ServiceEntrySpec>, ctx: Context): ResolvedService[] {
  const spec = se.spec!;
  const ports = (spec.ports ?? []).map(
    (p): ServicePort => compact({ name: p.name, port: p.number, targetPort: p.targetPort, protocol: p.protocol }),
  );
  const resolution = resolutionOf(spec);
  return spec.hosts.map((host) =>
    compact({
      host,
      namespace: se.metadata.namespace,
      ports,
      endpoints: serviceEntryEndpoints(se, host, ports, resolution, ctx),
      source: 'ServiceEntry' as const,
      location: spec.location ?? 'MESH_EXTERNAL',
      resolution,
      serviceEntry: key(se.metadata.namespace, se.metadata.name),
      exportTo: spec.exportTo,
    }),
  );
}

/**
 * NONE when unset (the proto's zero value). DYNAMIC_DNS (wildcard hosts only, resolved per request by
 * Envoy's dynamic forward proxy) forwards to the requested host: Rudder's passthrough, so NONE.
 */
function resolutionOf(spec: ServiceEntrySpec): Resolution {
  const r = spec.resolution ?? 'NONE';
  return r === 'DYNAMIC_DNS' ? 'NONE' : r;
}

function serviceEntryEndpoints(
  se: Resource<ServiceEntrySpec>,
  host: string,
  ports: ServicePort[],
  resolution: Resolution,
  ctx: Context,
): Endpoint[] {
  const spec = se.spec!;
  const ns = se.metadata.namespace;
  const dns = resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN';
  // NONE: an ORIGINAL_DST cluster; the proxy forwards to the requested host:port, endpoints are unused.
  if (resolution === 'NONE') return [];
  if (spec.endpoints?.length) {
    return bind(spec.endpoints.map((e) => inlineBackend(e, se)), ports);
  }
  if (spec.workloadSelector) {
    const selector = spec.workloadSelector.labels;
    const backends = [
      ...instanceBackends(ctx, ns, selector),
      ...workloadEntryBackends(ctx, ns, selector).filter((b) => dns || !b.dnsOnly),
    ];
    return bind(backends, ports);
  }
  // hostnameToServiceInstance: Envoy resolves the host itself (a STRICT/LOGICAL_DNS cluster);
  // a wildcard cannot be resolved (validation rejects it: DNS without endpoints needs FQDN hosts).
  if (dns && !host.startsWith('*')) {
    const endpoint = { ...baseEndpoint(host, ns, se.metadata.name, {}), source: 'ServiceEntry' as const };
    return bind([{ endpoint, dnsOnly: true }], ports);
  }
  return [];
}

/** Registry instances of the namespace whose workload's labels the selector matches (pods). */
function instanceBackends(ctx: Context, namespace: string, selector: Labels | undefined): Backend[] {
  return ctx.registry.instances.flatMap((inst) => {
    const labels = ctx.workloadLabels.get(key(inst.namespace, inst.workload));
    if (inst.namespace !== namespace || !labels || !selects(selector, labels)) return [];
    return [{ endpoint: instanceEndpoint(inst, labels), fixedPort: inst.port, dnsOnly: false }];
  });
}

function instanceEndpoint(inst: Instance, labels: Labels): Omit<Endpoint, 'port'> {
  return compact({
    ...baseEndpoint(inst.address, inst.namespace, inst.workload, labels),
    source: 'Instance' as const,
    name: inst.name,
    health: inst.health,
    proxy: inst.proxy,
  });
}

/** WorkloadEntries of the namespace whose labels (metadata merged over spec, ConvertWorkloadEntry) match. */
function workloadEntryBackends(ctx: Context, namespace: string, selector: Labels | undefined): Backend[] {
  return ctx.workloadEntries.flatMap((we) => {
    const labels = { ...we.spec?.labels, ...we.metadata.labels };
    if (we.metadata.namespace !== namespace || !selects(selector, labels)) return [];
    const spec = we.spec ?? {};
    const endpoint = compact({
      ...baseEndpoint(spec.address ?? '', namespace, we.metadata.name, labels),
      source: 'WorkloadEntry' as const,
      name: we.metadata.name,
      weight: spec.weight,
      locality: spec.locality,
    });
    return [{ endpoint, namedPorts: spec.ports, dnsOnly: !!spec.address && isIP(spec.address) === 0 }];
  });
}

/** An inline `endpoints[]` entry: named by its address, its workload is the ServiceEntry. */
function inlineBackend(e: WorkloadEntrySpec, se: Resource<ServiceEntrySpec>): Backend {
  const address = e.address ?? '';
  const endpoint = compact({
    ...baseEndpoint(address, se.metadata.namespace, se.metadata.name, e.labels ?? {}),
    source: 'ServiceEntry' as const,
    weight: e.weight,
    locality: e.locality,
  });
  return { endpoint, namedPorts: e.ports, dnsOnly: false };
}

function baseEndpoint(address: string, namespace: string, workload: string, labels: Labels) {
  return { address, labels, name: address, namespace, workload, health: 'Healthy' as const };
}

/** One endpoint per backend per service port (convertEndpoint, serviceInstanceFromWorkloadInstance). */
function bind(backends: Backend[], ports: ServicePort[]): Endpoint[] {
  return backends.flatMap((b) => ports.map((p) => ({ ...b.endpoint, port: endpointPort(b, p) })));
}

/** Instance: its one port. Otherwise `ports[servicePort.name]` > targetPort > port. */
function endpointPort(b: Backend, p: ServicePort): number {
  if (b.fixedPort !== undefined) return b.fixedPort;
  const named = p.name === undefined ? undefined : b.namedPorts?.[p.name];
  return named !== undefined && named > 0 ? named : (p.targetPort ?? p.port);
}

const key = (namespace: string, name: string) => `${namespace}/${name}`;

const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

function compareServices(a: ResolvedService, b: ResolvedService): number {
  return cmp(a.host, b.host) || cmp(a.namespace, b.namespace) || cmp(a.serviceEntry ?? '', b.serviceEntry ?? '');
}

function compareEndpoints(a: Endpoint, b: Endpoint): number {
  return cmp(a.name, b.name) || cmp(a.port, b.port) || cmp(a.address, b.address);
}

/** Drops undefined optional fields so results compare and serialize cleanly. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
