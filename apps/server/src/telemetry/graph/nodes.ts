// Node identity per graph type, as Kiali forms it (kiali-graph.md §1, kiali graph/types.go
// Id()): workload `wl_<cluster>_<ns>_<wl>`, app `app_…_<app>`, versioned app
// `vapp_…_<app>_<version>` (falling back to the workload without an app label), service
// `svc_…_<name>`, and one node for unknown callers. Pure.
import type { GraphNode, GraphType, WorkloadIdentity } from '@rudder/shared/protocol';
import { ISTIO_CLUSTER } from '@rudder/shared/protocol';

export type NodeRef = Pick<GraphNode, 'id' | 'nodeType' | 'cluster' | 'namespace' | 'workload' | 'app' | 'version' | 'service' | 'isGateway'>;

const UNKNOWN = 'unknown';
export const GATEWAY_WORKLOAD = 'istio-ingressgateway';

export const UNKNOWN_SOURCE: NodeRef = { id: `${ISTIO_CLUSTER}_unknown_source`, nodeType: 'unknown', cluster: ISTIO_CLUSTER, namespace: UNKNOWN, workload: UNKNOWN };

const isGateway = (p: WorkloadIdentity) => p.workload === GATEWAY_WORKLOAD || p.app === GATEWAY_WORKLOAD;

/** The node a workload identity becomes in a workload, app or versioned-app graph. */
export function workloadNode(p: WorkloadIdentity, type: GraphType): NodeRef {
  if (p.workload === UNKNOWN && p.app === UNKNOWN) return UNKNOWN_SOURCE;
  const gateway = isGateway(p) ? { isGateway: true } : {};
  const base = { cluster: ISTIO_CLUSTER, namespace: p.namespace, ...gateway };
  const hasApp = p.app !== UNKNOWN && p.app !== '';
  if (type === 'app' && hasApp) return { ...base, id: `app_${ISTIO_CLUSTER}_${p.namespace}_${p.app}`, nodeType: 'app', app: p.app };
  if (type === 'versionedApp' && hasApp && p.version === UNKNOWN) return { ...base, id: `app_${ISTIO_CLUSTER}_${p.namespace}_${p.app}`, nodeType: 'app', app: p.app };
  if (type === 'versionedApp' && hasApp) {
    return { ...base, id: `vapp_${ISTIO_CLUSTER}_${p.namespace}_${p.app}_${p.version}`, nodeType: 'app', app: p.app, version: p.version, workload: p.workload };
  }
  return {
    ...base,
    id: `wl_${ISTIO_CLUSTER}_${p.namespace}_${p.workload}`,
    nodeType: 'workload',
    workload: p.workload,
    ...(hasApp ? { app: p.app } : {}),
    ...(p.version !== UNKNOWN ? { version: p.version } : {}),
  };
}

/** A service node; an unknown service is one `unknown` service node per namespace. */
export function serviceNode(name: string, namespace: string): NodeRef {
  return { id: `svc_${ISTIO_CLUSTER}_${namespace}_${name}`, nodeType: 'service', cluster: ISTIO_CLUSTER, namespace, service: name };
}
