// Test fixtures for the data plane: a runtime with a gateway listener on a random
// loopback port, fed snapshots directly (no server needed, as `--snapshot` does), and
// helpers to describe services whose endpoints are real upstream servers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Resource } from '@rudder/shared/kinds';
import { parseYamlDocuments } from '@rudder/shared/yaml';
import { type ConfigSnapshot, DEFAULT_MESH_SETTINGS, type MeshSettings, type ResolvedService, serviceHost } from '@rudder/shared/protocol';
import type { ListenerConfig } from '../listeners/handler.js';
import { createProxyRuntime, type ProxyRuntime, type ProxyRuntimeDeps } from '../runtime.js';
import type { Upstream } from './upstreams.js';

export interface TestGateway {
  url: string;
  port: number;
  runtime: ProxyRuntime;
  install(resources: Resource[] | string, services: ResolvedService[], mesh?: MeshSettings): void;
  /** Opens another listener (a sidecar's outbound, say) on the same runtime. */
  listen(config: ListenerConfig): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

export const GATEWAY_LISTENER: ListenerConfig = {
  kind: 'gateway',
  self: { workload: 'istio-ingressgateway', app: 'istio-ingressgateway', version: 'unknown', namespace: 'istio-system' },
  routing: { kind: 'gateway', labels: { istio: 'ingressgateway' }, namespace: 'istio-system' },
};

/** A sidecar's outbound listener for `workload` in `default`, labelled app/version from its name. */
export function outboundListener(workload = 'productpage-v1', labels?: Record<string, string>): ListenerConfig {
  const [app = workload, version = 'v1'] = workload.split(/-(?=v\d+$)/);
  const all = labels ?? { app, version };
  return {
    kind: 'outbound',
    self: { workload, app: all.app ?? app, version: all.version ?? version, namespace: 'default' },
    routing: { kind: 'sidecar', namespace: 'default', labels: all },
  };
}

let version = 0;

export function snapshotOf(resources: Resource[] | string, services: ResolvedService[], mesh = DEFAULT_MESH_SETTINGS): ConfigSnapshot {
  const list = typeof resources === 'string' ? (parseYamlDocuments(resources) as Resource[]) : resources;
  const stamped = list.map((r, i) => ({
    ...r,
    metadata: {
      ...r.metadata,
      namespace: r.metadata.namespace ?? 'default',
      creationTimestamp: r.metadata.creationTimestamp ?? new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    },
  }));
  version++;
  return { version: String(version), resources: stamped as Resource[], services, workloads: [], mesh };
}

/** A registry service whose endpoints are the given upstreams, labelled app=<name> plus their own labels. */
export function service(name: string, upstreams: { upstream: Upstream; labels?: Record<string, string> }[], port = 9080): ResolvedService {
  return {
    host: serviceHost(name, 'default'),
    namespace: 'default',
    name,
    ports: [{ name: 'http', port }],
    source: 'Kubernetes',
    endpoints: upstreams.map(({ upstream, labels }) => ({
      address: '127.0.0.1',
      port: upstream.port,
      labels: { app: name, ...labels },
      source: 'Instance',
      name: upstream.name,
      namespace: 'default',
      workload: `${name}-${labels?.version ?? 'v1'}`,
      health: 'Healthy',
    })),
  };
}

/** A runtime with a gateway listener (or the listener given) on a random loopback port. */
export async function startGateway(deps: ProxyRuntimeDeps = {}, main: ListenerConfig = GATEWAY_LISTENER): Promise<TestGateway> {
  const runtime = createProxyRuntime(deps);
  const servers: Server[] = [];
  const listen = async (config: ListenerConfig) => {
    const server: Server = createServer(runtime.handler(config));
    server.keepAliveTimeout = 5000;
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    return { url: `http://127.0.0.1:${port}`, port };
  };
  const { url, port } = await listen(main);
  return {
    url,
    port,
    runtime,
    install: (resources, services, mesh) => {
      runtime.tables.install(snapshotOf(resources, services, mesh));
    },
    listen,
    close: async () => {
      runtime.close();
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}

/** A runtime whose main listener is the outbound listener of `workload`'s sidecar. */
export const startSidecar = (workload?: string, deps: ProxyRuntimeDeps = {}) => startGateway(deps, outboundListener(workload));

/** Gateway + VirtualService YAML binding `hosts` to one rule list, as the Bookinfo sample does. */
export function gatewayYaml(httpRules: string): string {
  return `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: bookinfo-gateway}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 8080, name: http, protocol: HTTP}
    hosts: ["*"]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: bookinfo}
spec:
  hosts: ["*"]
  gateways: [bookinfo-gateway]
  http:
${httpRules}`;
}
