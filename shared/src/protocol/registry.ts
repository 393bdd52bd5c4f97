// The registry: what Istio learns from Kubernetes (Services, Deployments, Pods), owned
// here by the server (DESIGN.md "Registry and identity"). Registry entries are not
// Istio config; scenario resets and deletes of Istio resources never touch them.
// Input shapes are schemas (one source for the types and the API's validation).
import { type Static, Type } from '@sinclair/typebox';

export const CLUSTER_DOMAIN = 'svc.cluster.local';

/** `<name>.<namespace>.svc.cluster.local`, the host Istio forms for a Kubernetes Service. */
export const serviceHost = (name: string, namespace: string): string => `${name}.${namespace}.${CLUSTER_DOMAIN}`;

const labels = Type.Record(Type.String(), Type.String());
const port = Type.Integer({ minimum: 1, maximum: 65535 });

export const ServicePort = Type.Object(
  {
    name: Type.Optional(Type.String({ description: 'Port name (`http`), matched by WorkloadEntry `ports`.' })),
    port,
    targetPort: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: 'Port on the instances; the service port when absent.' })),
    protocol: Type.Optional(Type.String({ description: 'HTTP, TCP, …; HTTP when absent.' })),
  },
  { additionalProperties: false },
);
export type ServicePort = Static<typeof ServicePort>;

/** A Kubernetes-style Service: a name, ports and a label selector over workloads. */
export const RegistryService = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    namespace: Type.Optional(Type.String({ minLength: 1 })),
    ports: Type.Array(ServicePort, { minItems: 1 }),
    selector: labels,
    labels: Type.Optional(labels),
  },
  { additionalProperties: false },
);
export type RegistryService = Static<typeof RegistryService> & { namespace: string };

/** A Deployment-like group of instances with the same labels (`reviews-v1`: app=reviews, version=v1). */
export const Workload = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    namespace: Type.Optional(Type.String({ minLength: 1 })),
    labels,
    serviceAccount: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Workload = Static<typeof Workload> & { namespace: string };

/** What a sidecar or the sandbox sends to register (and re-send to heartbeat) an instance. */
export const InstanceRegistration = Type.Object(
  {
    name: Type.String({ minLength: 1, description: 'Pod-like name, such as reviews-v1-2.' }),
    namespace: Type.Optional(Type.String({ minLength: 1 })),
    workload: Type.String({ minLength: 1 }),
    address: Type.String({ minLength: 1 }),
    port,
    proxy: Type.Optional(Type.String({ description: 'Id of the proxy (sidecar) in front of it.' })),
    ttlSeconds: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 3600, description: 'Seconds without a heartbeat before it turns Unhealthy (default 15).' }),
    ),
  },
  { additionalProperties: false },
);
export type InstanceRegistration = Static<typeof InstanceRegistration>;

export type InstanceHealth = 'Healthy' | 'Unhealthy' | 'Unknown';

/** A Pod-like instance of a workload: one address and port, fronted by one proxy. */
export interface Instance {
  name: string;
  namespace: string;
  workload: string;
  address: string;
  port: number;
  proxy?: string;
  ttlSeconds: number;
  /** Health from heartbeats: Unhealthy once they stop arriving. */
  health: InstanceHealth;
  lastHeartbeat?: string;
  registeredAt: string;
}

/** Where an endpoint comes from, as Istio's service registry distinguishes it. */
export type EndpointSource = 'Instance' | 'WorkloadEntry' | 'ServiceEntry';

/** One address a service's traffic can go to, with the labels subsets select on. */
export interface Endpoint {
  address: string;
  port: number;
  labels: Record<string, string>;
  source: EndpointSource;
  /** Instance or WorkloadEntry name (`reviews-v1-2`); for inline ServiceEntry endpoints, the address. */
  name: string;
  namespace: string;
  /** Workload name for metrics and the graph (`reviews-v1`; a WorkloadEntry names itself). */
  workload: string;
  health: InstanceHealth;
  weight?: number;
  locality?: string;
  /** Id of the proxy in front of it (sidecar), if any. */
  proxy?: string;
}

/** A service as the data plane sees it: a host with ports and endpoints (registry or ServiceEntry). */
export interface ResolvedService {
  host: string;
  namespace: string;
  /** Kubernetes Service name; absent for ServiceEntry hosts. */
  name?: string;
  ports: ServicePort[];
  endpoints: Endpoint[];
  source: 'Kubernetes' | 'ServiceEntry';
  /** ServiceEntry only. */
  location?: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
  resolution?: 'NONE' | 'STATIC' | 'DNS' | 'DNS_ROUND_ROBIN';
  /** `namespace/name` of the ServiceEntry that declared it. */
  serviceEntry?: string;
  /** ServiceEntry exportTo, for visibility. */
  exportTo?: string[];
}

export interface RegistryState {
  services: RegistryService[];
  workloads: Workload[];
  instances: Instance[];
}
