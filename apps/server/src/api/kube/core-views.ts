// The registry as Kubernetes' read-only core objects (DESIGN.md "Registry and identity";
// kubectl-api.md §4): one Pod per instance, one apps/v1 Deployment per workload, one v1
// Service per registry service plus istio-system/istio-ingressgateway, whose load-balancer
// hostname is the gateway address, and the namespaces in use. Pure: the routes add I/O.
import { createHash } from 'node:crypto';
import type { Instance, RegistryService, RegistryState, Workload } from '@rudder/shared/protocol';
import { ageOf } from './age.js';
import { column, type KubeObject, NAME_COLUMN, type TableSpec } from './tables.js';

type Labels = Record<string, string>;

export interface CoreObject extends KubeObject {
  metadata: { name: string; namespace?: string; uid: string; resourceVersion: string; creationTimestamp: string; labels?: Labels; annotations?: Labels };
  // Plain Kubernetes JSON, read loosely by the printers below.
  // biome-ignore lint/suspicious/noExplicitAny: Kubernetes object bodies are untyped JSON here
  spec: Record<string, any>;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  status: Record<string, any>;
}

export interface CoreInputs {
  registry: RegistryState;
  /** `host:port` of the ingress gateway, served as the ingress load balancer's hostname. */
  gatewayAddress: string;
  resourceVersion: string;
  /** When Rudder first saw an object (the registry keeps no creation time for services and workloads). */
  firstSeen(kind: string, namespace: string, name: string): string;
  /** Namespaces of stored Istio resources. */
  resourceNamespaces: readonly string[];
}

export const GATEWAY_NAMESPACE = 'istio-system';
export const GATEWAY_SERVICE = 'istio-ingressgateway';

/** A stable uid per object: a name-based UUID, so repeated reads agree. */
export function uidOf(kind: string, namespace: string, name: string): string {
  const h = createHash('sha1').update(`${kind}/${namespace}/${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A stable, made-up cluster IP in 10.96.0.0/16 (Rudder routes by host name, never by this address). */
export function clusterIpOf(namespace: string, name: string): string {
  const h = createHash('sha1').update(`${namespace}/${name}`).digest();
  return `10.96.${h[0] ?? 0}.${((h[1] ?? 0) % 254) + 1}`;
}

const seconds = (iso: string) => `${iso.slice(0, 19)}Z`;
/** labels.FormatLabels: `k=v` pairs sorted by key, `<none>` when empty. */
export const formatLabels = (labels: Labels | undefined) =>
  Object.keys(labels ?? {}).length === 0
    ? '<none>'
    : Object.entries(labels ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}=${v}`)
        .join(',');

function meta(kind: string, namespace: string | undefined, name: string, created: string, rv: string, labels?: Labels, annotations?: Labels) {
  return {
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    uid: uidOf(kind, namespace ?? '', name),
    resourceVersion: rv,
    creationTimestamp: seconds(created),
    ...(labels && Object.keys(labels).length > 0 ? { labels } : {}),
    ...(annotations ? { annotations } : {}),
  };
}

const appName = (w: Workload | undefined, fallback: string) => w?.labels.app ?? fallback;

function containersOf(workload: Workload | undefined, instance: { workload: string; port?: number; proxy?: string | undefined }) {
  const app = { name: appName(workload, instance.workload), image: `rudder/${instance.workload}`, ...(instance.port ? { ports: [{ containerPort: instance.port, protocol: 'TCP' }] } : {}) };
  return instance.proxy === undefined ? [app] : [app, { name: 'istio-proxy', image: 'rudder/proxy' }];
}

/** Health → pod state: Healthy is Running and ready; Unhealthy (heartbeats stopped) is NotReady; Unknown waits for a first heartbeat. */
function podStatus(instance: Instance, containers: { name: string; image: string }[]) {
  const ready = instance.health === 'Healthy';
  const startedAt = seconds(instance.registeredAt);
  return {
    phase: instance.health === 'Unknown' ? 'Unknown' : 'Running',
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    podIP: instance.address,
    podIPs: [{ ip: instance.address }],
    startTime: startedAt,
    containerStatuses: containers.map((c) => ({
      name: c.name,
      ready,
      restartCount: 0,
      started: instance.health !== 'Unknown',
      state: instance.health === 'Unknown' ? { waiting: { reason: 'Unknown' } } : { running: { startedAt } },
      image: c.image,
      imageID: '',
    })),
  };
}

export function podsOf(inputs: CoreInputs): CoreObject[] {
  const workloads = new Map(inputs.registry.workloads.map((w) => [`${w.namespace}/${w.name}`, w]));
  return inputs.registry.instances.map((i) => {
    const workload = workloads.get(`${i.namespace}/${i.workload}`);
    const containers = containersOf(workload, i);
    const annotations = { 'kubectl.kubernetes.io/default-container': containers[0]?.name ?? '' };
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta('Pod', i.namespace, i.name, i.registeredAt, inputs.resourceVersion, workload?.labels, annotations),
      spec: { containers, ...(workload?.serviceAccount ? { serviceAccountName: workload.serviceAccount } : {}) },
      status: podStatus(i, containers),
    };
  });
}

export function deploymentsOf(inputs: CoreInputs): CoreObject[] {
  return inputs.registry.workloads.map((w) => {
    const instances = inputs.registry.instances.filter((i) => i.namespace === w.namespace && i.workload === w.name);
    const healthy = instances.filter((i) => i.health === 'Healthy').length;
    const created = instances.map((i) => i.registeredAt).sort()[0] ?? inputs.firstSeen('Deployment', w.namespace, w.name);
    const containers = containersOf(w, { workload: w.name, ...(instances.some((i) => i.proxy) ? { proxy: 'sidecar' } : {}) });
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { ...meta('Deployment', w.namespace, w.name, created, inputs.resourceVersion, w.labels), generation: 1 },
      spec: { replicas: instances.length, selector: { matchLabels: w.labels }, template: { metadata: { labels: w.labels }, spec: { containers } } },
      status: { observedGeneration: 1, replicas: instances.length, readyReplicas: healthy, updatedReplicas: instances.length, availableReplicas: healthy },
    };
  });
}

function serviceObject(s: RegistryService, inputs: CoreInputs): CoreObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('Service', s.namespace, s.name, inputs.firstSeen('Service', s.namespace, s.name), inputs.resourceVersion, s.labels),
    spec: {
      type: 'ClusterIP',
      clusterIP: clusterIpOf(s.namespace, s.name),
      clusterIPs: [clusterIpOf(s.namespace, s.name)],
      selector: s.selector,
      ports: s.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, protocol: 'TCP', targetPort: p.targetPort ?? p.port })),
      sessionAffinity: 'None',
    },
    status: { loadBalancer: {} },
  };
}

/** The ingress gateway as Istio installs it: a LoadBalancer whose hostname is where Rudder's gateway listens. */
function gatewayService(inputs: CoreInputs): CoreObject {
  const labels = { app: GATEWAY_SERVICE, istio: 'ingressgateway' };
  const port = Number(inputs.gatewayAddress.split(':').at(-1)) || 8080;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('Service', GATEWAY_NAMESPACE, GATEWAY_SERVICE, inputs.firstSeen('Service', GATEWAY_NAMESPACE, GATEWAY_SERVICE), inputs.resourceVersion, labels),
    spec: {
      type: 'LoadBalancer',
      clusterIP: clusterIpOf(GATEWAY_NAMESPACE, GATEWAY_SERVICE),
      clusterIPs: [clusterIpOf(GATEWAY_NAMESPACE, GATEWAY_SERVICE)],
      selector: labels,
      ports: [{ name: 'http2', port: 80, protocol: 'TCP', targetPort: port }],
      sessionAffinity: 'None',
    },
    status: { loadBalancer: { ingress: [{ hostname: inputs.gatewayAddress }] } },
  };
}

export function servicesOf(inputs: CoreInputs): CoreObject[] {
  const services = inputs.registry.services.map((s) => serviceObject(s, inputs));
  const hasGateway = services.some((s) => s.metadata.namespace === GATEWAY_NAMESPACE && s.metadata.name === GATEWAY_SERVICE);
  return hasGateway ? services : [...services, gatewayService(inputs)];
}

export function namespacesOf(inputs: CoreInputs): CoreObject[] {
  const names = new Set(['default', GATEWAY_NAMESPACE, ...inputs.resourceNamespaces]);
  for (const x of [...inputs.registry.services, ...inputs.registry.workloads, ...inputs.registry.instances]) names.add(x.namespace);
  return [...names].sort().map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta('Namespace', undefined, name, inputs.firstSeen('Namespace', '', name), inputs.resourceVersion, { 'kubernetes.io/metadata.name': name }),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  }));
}

const age = (o: CoreObject, now: Date) => ageOf(o.metadata.creationTimestamp, now);
const NONE = '<none>';

/** Columns as the apiserver spells them for pods (pkg/printers/internalversion/printers.go). */
export const POD_TABLE: TableSpec<CoreObject> = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'string', 'The aggregate status of the containers in this pod.'),
    column('Restarts', 'string', 'The number of times the containers in this pod have been restarted.'),
    column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    column('IP', 'string', 'IP address allocated to the pod.', 1),
    column('Node', 'string', 'Name of the node this pod is running on.', 1),
    column('Nominated Node', 'string', 'Name of the node where the pod is nominated to run.', 1),
    column('Readiness Gates', 'string', 'Pod readiness gates.', 1),
  ],
  cells(o, now) {
    const statuses = (o.status.containerStatuses ?? []) as { ready: boolean }[];
    const ready = statuses.filter((c) => c.ready).length;
    const phase = o.status.phase as string;
    const status = phase === 'Running' && ready < statuses.length ? 'NotReady' : phase;
    return [o.metadata.name, `${ready}/${statuses.length}`, status, '0', age(o, now), o.status.podIP ?? NONE, o.spec.nodeName ?? NONE, NONE, NONE];
  },
};

export const DEPLOYMENT_TABLE: TableSpec<CoreObject> = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    column('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    column('Containers', 'string', 'Names of each container in the template.', 1),
    column('Images', 'string', 'Images referenced by each container in the template.', 1),
    column('Selector', 'string', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.', 1),
  ],
  cells(o, now) {
    const containers = (o.spec.template?.spec?.containers ?? []) as { name: string; image: string }[];
    return [
      o.metadata.name,
      `${o.status.readyReplicas ?? 0}/${o.spec.replicas ?? 0}`,
      o.status.updatedReplicas ?? 0,
      o.status.availableReplicas ?? 0,
      age(o, now),
      containers.map((c) => c.name).join(','),
      containers.map((c) => c.image).join(','),
      formatLabels(o.spec.selector?.matchLabels),
    ];
  },
};

export const SERVICE_TABLE: TableSpec<CoreObject> = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', 'type determines how the Service is exposed.'),
    column('Cluster-IP', 'string', 'clusterIP is the IP address of the service.'),
    column('External-IP', 'string', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
    column('Port(s)', 'string', 'The list of ports that are exposed by this service.'),
    column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    column('Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector.', 1),
  ],
  cells(o, now) {
    const ingress = ((o.status.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[]).map((i) => i.ip ?? i.hostname ?? '');
    const ports = ((o.spec.ports ?? []) as { port: number; protocol: string }[]).map((p) => `${p.port}/${p.protocol}`).join(',');
    return [o.metadata.name, o.spec.type, o.spec.clusterIP, ingress.length > 0 ? ingress.join(',') : NONE, ports || NONE, age(o, now), formatLabels(o.spec.selector)];
  },
};

export const NAMESPACE_TABLE: TableSpec<CoreObject> = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'The status of the namespace'),
    column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
  ],
  cells: (o, now) => [o.metadata.name, o.status.phase, age(o, now)],
};
