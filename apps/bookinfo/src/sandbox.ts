// The sandbox: Bookinfo's instances, each behind its own sidecar (outbound + inbound
// listeners and its own proxy runtime, so pools and ejections are per caller as in
// Envoy), plus the ingress gateway, all in one process. It registers the topology in
// the server's registry, heartbeats, and takes config over /ws/config like any proxy.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ConfigClient, createProxyRuntime, peerOf, type ProxyRuntime, startAdmin, startConfigClient, startTelemetryClient } from '@rudder/proxy';
import { createServerClient, type ServerClient } from './server-client.js';
import { INSTANCES, type InstanceSpec, NAMESPACE, SERVICES, WORKLOADS } from './topology.js';

export interface AppHandle {
  port: number;
  close(): Promise<void>;
  /** Ratings only: the fault knob (error rate 0..1, added delay). */
  setFault?(fault: { errorRate?: number; delayMs?: number }): void;
}

/** Starts one Bookinfo app instance that calls other services through `outbound`. */
export type StartApp = (spec: InstanceSpec, outbound: { host: string; port: number }) => Promise<AppHandle>;

export interface SandboxOptions {
  server: string;
  token: string;
  startApp: StartApp;
  host?: string;
  gatewayPort?: number;
  /** Gateway admin port (Envoy's 15000); -1 for none. */
  adminPort?: number;
  accessLogSink?: (line: string) => void;
  /** Head sampling of new traces in percent: 100 in the sandbox (every request traced), Istio's default is 1. */
  traceSampling?: number;
}

export interface SandboxInstance {
  spec: InstanceSpec;
  app: AppHandle;
  runtime: ProxyRuntime;
  outboundPort: number;
  inboundPort: number;
}

export interface Sandbox {
  gatewayUrl: string;
  adminUrl?: string;
  client: ServerClient;
  gateway: ProxyRuntime;
  instances: Map<string, SandboxInstance>;
  /** Resolves once the gateway and every sidecar run a config at least as new as `resourceVersion`. */
  waitForConfig(resourceVersion: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const HEARTBEAT_MS = 5000;
const TTL_SECONDS = 15;

export class PortInUseError extends Error {}

function listen(handler: RequestListener, host: string, port: number, what: string): Promise<Server> {
  const server = createServer(handler);
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(`${what}: port ${port} on ${host} is already in use`) : error),
    );
    server.listen(port, host, () => resolve(server));
  });
}

const portOf = (server: Server) => (server.address() as AddressInfo).port;

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const client = createServerClient(options.server, options.token);
  for (const service of SERVICES) await client.putService(service);
  for (const workload of WORKLOADS) await client.putWorkload(workload);
  const servers: Server[] = [];
  const clients: ConfigClient[] = [];
  const runtimeDeps = {
    traceSampling: options.traceSampling ?? 100,
    ...(options.accessLogSink ? { accessLogSink: options.accessLogSink } : {}),
  };

  const gateway = createProxyRuntime({ ...runtimeDeps, instance: 'istio-ingressgateway' });
  const gatewayLabels = { istio: 'ingressgateway' };
  const gatewayServer = await listen(
    gateway.handler({
      kind: 'gateway',
      self: peerOf('istio-ingressgateway', 'istio-system', { app: 'istio-ingressgateway' }),
      routing: { kind: 'gateway', labels: gatewayLabels, namespace: 'istio-system' },
    }),
    host,
    options.gatewayPort ?? 8080,
    'ingress gateway (--gateway-port)',
  );
  servers.push(gatewayServer);
  let adminUrl: string | undefined;
  if ((options.adminPort ?? 15000) >= 0) {
    const admin = await startAdmin({ runtime: gateway }, host, options.adminPort ?? 15000).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'EADDRINUSE' ? new PortInUseError(`gateway admin (--admin-port): port ${options.adminPort ?? 15000} is already in use`) : error;
    });
    servers.push(admin);
    adminUrl = `http://${host}:${portOf(admin)}`;
  }

  const instances = new Map<string, SandboxInstance>();
  for (const spec of INSTANCES) {
    const runtime = createProxyRuntime({ ...runtimeDeps, instance: spec.name });
    const self = peerOf(spec.workload, NAMESPACE, { app: spec.app, version: spec.version });
    const outbound = await listen(runtime.handler({ kind: 'outbound', self, routing: { kind: 'sidecar', namespace: NAMESPACE, labels: { app: spec.app, version: spec.version } } }), host, 0, `${spec.name} outbound`);
    const app = await options.startApp(spec, { host, port: portOf(outbound) });
    const inbound = await listen(runtime.inboundHandler({ self, appAddress: host, appPort: app.port }), host, 0, `${spec.name} inbound`);
    servers.push(outbound, inbound);
    instances.set(spec.name, { spec, app, runtime, outboundPort: portOf(outbound), inboundPort: portOf(inbound) });
  }

  const register = () =>
    Promise.all(
      [...instances.values()].map((i) =>
        client.register({ name: i.spec.name, namespace: NAMESPACE, workload: i.spec.workload, address: host, port: i.inboundPort, proxy: `sandbox/${i.spec.name}`, ttlSeconds: TTL_SECONDS }),
      ),
    );
  await register();
  const heartbeat = setInterval(() => void register().catch(() => {}), HEARTBEAT_MS);
  heartbeat.unref();

  clients.push(
    startConfigClient({
      server: options.server,
      token: options.token,
      identity: { id: 'sandbox-gateway', mode: 'gateway', namespace: 'istio-system', labels: gatewayLabels },
      apply: (snapshot) => gateway.tables.install(snapshot),
    }),
    startConfigClient({
      server: options.server,
      token: options.token,
      identity: { id: 'sandbox-sidecars', mode: 'sidecar', namespace: NAMESPACE, workloads: WORKLOADS.map((w) => ({ name: w.name, namespace: NAMESPACE })) },
      // Every sidecar compiles the same snapshot: one table each, swapped atomically.
      apply: (snapshot) => {
        for (const i of instances.values()) i.runtime.tables.install(snapshot);
      },
    }),
  );
  await Promise.all(clients.map((c) => c.ready(15_000)));
  // One telemetry connection for every proxy in this process: a batch per second.
  const telemetry = startTelemetryClient({
    server: options.server,
    token: options.token,
    proxyId: 'sandbox',
    sources: () => [gateway.telemetry, ...[...instances.values()].map((i) => i.runtime.telemetry)],
  });

  return {
    gatewayUrl: `http://${host}:${portOf(gatewayServer)}`,
    ...(adminUrl ? { adminUrl } : {}),
    client,
    gateway,
    instances,
    async waitForConfig(resourceVersion, timeoutMs = 10_000) {
      const runtimes = [gateway, ...[...instances.values()].map((i) => i.runtime)];
      const deadline = Date.now() + timeoutMs;
      while (runtimes.some((r) => Number(r.tables.current()?.version ?? 0) < resourceVersion)) {
        if (Date.now() > deadline) throw new Error(`the proxies did not receive config version ${resourceVersion} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      clearInterval(heartbeat);
      telemetry.close();
      for (const c of clients) c.close();
      for (const s of servers) s.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
      await Promise.all([...instances.values()].map((i) => i.app.close()));
      gateway.close();
      for (const i of instances.values()) i.runtime.close();
    },
  };
}
