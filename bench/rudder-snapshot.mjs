// The benchmarks' mesh for Rudder's gateway: one Gateway, a VirtualService splitting over
// three subsets of one DestinationRule, and a service whose three endpoints are the same
// upstream. Shared by bench/servers.mjs and bench/proxy-cpu.mjs.

/** Gateway → VirtualService with subsets a/b/c weighted 34/33/33 → the same upstream. */
export function snapshot(upstreamPort) {
  const meta = (name) => ({ name, namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' });
  const subsets = ['a', 'b', 'c'];
  return {
    version: '1',
    workloads: [],
    mesh: { outboundTrafficPolicy: 'ALLOW_ANY', shadowHostSuffix: true },
    resources: [
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: meta('bench'),
        spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 8080, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] },
      },
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: meta('bench'),
        spec: {
          hosts: ['*'],
          gateways: ['bench'],
          http: [{ route: subsets.map((s, i) => ({ destination: { host: 'upstream', subset: s }, weight: i === 0 ? 34 : 33 })) }],
        },
      },
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: meta('upstream'),
        spec: { host: 'upstream', subsets: subsets.map((s) => ({ name: s, labels: { subset: s } })) },
      },
    ],
    services: [
      {
        host: 'upstream.default.svc.cluster.local',
        namespace: 'default',
        name: 'upstream',
        ports: [{ name: 'http', port: 9080 }],
        source: 'Kubernetes',
        endpoints: subsets.map((s) => ({
          address: '127.0.0.1',
          port: upstreamPort,
          labels: { app: 'upstream', subset: s },
          source: 'Instance',
          name: `upstream-${s}`,
          namespace: 'default',
          workload: `upstream-${s}`,
          health: 'Healthy',
        })),
      },
    ],
  };
}
