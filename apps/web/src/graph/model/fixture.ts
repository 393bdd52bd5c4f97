// A small Bookinfo graph (versioned apps, injected service nodes) for the model's tests
// and the dashboard's synthetic benchmark.
import type { Graph, GraphEdge, GraphNode, HealthStatus } from '@rudder/shared/protocol';

const rates = (rps: number, err5 = 0) => ({ requests: rps * 60, http: rps, http3xx: 0, http4xx: 0, http5xx: err5, httpNoResponse: 0 });

export function node(id: string, extra: Partial<GraphNode> = {}): GraphNode {
  return { id, nodeType: 'app', cluster: 'Kubernetes', namespace: 'default', httpIn: rates(1), httpOut: rates(1), healthStatus: 'Healthy', badges: {}, ...extra };
}

export function edge(source: string, target: string, rps: number, extra: Partial<GraphEdge> = {}, health: HealthStatus = 'Healthy'): GraphEdge {
  return {
    id: `${source}->${target}`,
    source,
    target,
    protocol: 'http',
    isMirror: false,
    rates: rates(rps),
    httpPercentErr: 0,
    throughput: 0,
    responses: { '200': { percent: 100, flags: { '-': 100 }, hosts: {} } },
    healthStatus: health,
    ...extra,
  };
}

const vapp = (app: string, version: string) => node(`vapp_Kubernetes_default_${app}_${version}`, { app, version, workload: `${app}-${version}` });

export function bookinfo(): Graph {
  const gw = node('wl_Kubernetes_istio-system_istio-ingressgateway', { nodeType: 'workload', workload: 'istio-ingressgateway', namespace: 'istio-system', isGateway: true, isRoot: true });
  const pp = vapp('productpage', 'v1');
  const svc = (name: string, badges: GraphNode['badges'] = {}) => node(`svc_Kubernetes_default_${name}`, { nodeType: 'service', service: name, badges });
  const reviewsSvc = svc('reviews', {
    virtualService: { name: 'reviews', namespace: 'default', faultInjection: false, mirroring: false, requestRouting: true, requestTimeout: false, trafficShifting: true, retries: false },
  });
  const [r1, r2, r3] = ['v1', 'v2', 'v3'].map((v) => vapp('reviews', v)) as [GraphNode, GraphNode, GraphNode];
  const ratings = vapp('ratings', 'v1');
  return {
    timestamp: 0,
    duration: 60,
    graphType: 'versionedApp',
    nodes: [gw, svc('productpage'), pp, reviewsSvc, r1, r2, r3, svc('ratings'), ratings],
    edges: [
      edge(gw.id, 'svc_Kubernetes_default_productpage', 10),
      edge('svc_Kubernetes_default_productpage', pp.id, 10, { responseTime: 40 }),
      edge(pp.id, reviewsSvc.id, 10, { httpPercentReq: 100 }),
      edge(reviewsSvc.id, r1.id, 1, { httpPercentReq: 10, responseTime: 8 }),
      edge(reviewsSvc.id, r2.id, 1, { httpPercentReq: 10, responseTime: 20 }),
      edge(reviewsSvc.id, r3.id, 8, { httpPercentReq: 80, responseTime: 1200, httpPercentErr: 12.5 }, 'Failure'),
      edge(r2.id, 'svc_Kubernetes_default_ratings', 1),
      edge(r3.id, 'svc_Kubernetes_default_ratings', 8),
      edge('svc_Kubernetes_default_ratings', ratings.id, 9, { responseTime: 3 }),
    ],
  };
}
