// The sandbox's Bookinfo deployment as data, like Istio's bookinfo.yaml: Services,
// Deployments (workloads with app/version labels) and their Pods (instances). Two
// replicas of reviews-v1 and of ratings-v1 make balancing visible.
import type { RegistryService, Workload } from '@rudder/shared/protocol';

export const NAMESPACE = 'default';
export const SERVICE_PORT = 9080;

export type AppName = 'productpage' | 'details' | 'reviews' | 'ratings';

export interface InstanceSpec {
  /** Pod-like name: `reviews-v1-2`. */
  name: string;
  app: AppName;
  version: string;
  /** Workload (Deployment) name: `reviews-v1`. */
  workload: string;
}

const APPS: AppName[] = ['productpage', 'details', 'reviews', 'ratings'];

export const SERVICES: (RegistryService & { namespace: string })[] = APPS.map((app) => ({
  name: app,
  namespace: NAMESPACE,
  ports: [{ name: 'http', port: SERVICE_PORT, protocol: 'HTTP' }],
  selector: { app },
  labels: { app, service: app },
}));

const WORKLOAD_VERSIONS: [AppName, string, number][] = [
  ['productpage', 'v1', 1],
  ['details', 'v1', 1],
  ['reviews', 'v1', 2],
  ['reviews', 'v2', 1],
  ['reviews', 'v3', 1],
  ['ratings', 'v1', 2],
];

export const WORKLOADS: (Workload & { namespace: string })[] = WORKLOAD_VERSIONS.map(([app, version]) => ({
  name: `${app}-${version}`,
  namespace: NAMESPACE,
  labels: { app, version },
  serviceAccount: `bookinfo-${app}`,
}));

export const INSTANCES: InstanceSpec[] = WORKLOAD_VERSIONS.flatMap(([app, version, replicas]) =>
  Array.from({ length: replicas }, (_, i) => ({ name: `${app}-${version}-${i + 1}`, app, version, workload: `${app}-${version}` })),
);
