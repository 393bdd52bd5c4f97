#!/usr/bin/env node
// rudder-proxy: parses options, opens the listeners, takes config from the server (or a
// snapshot file), and for a sidecar registers its instance and heartbeats.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConfigSnapshot } from '@rudder/shared/protocol';
import { startAdmin } from './admin/admin.js';
import { type ConfigClient, startConfigClient } from './config/config-client.js';
import { peerOf } from './listeners/identity.js';
import { parseOptions, type ProxyOptions, USAGE, UsageError } from './options.js';
import { createProxyRuntime } from './runtime.js';
import { startTelemetryClient, type TelemetryClient } from './telemetry/client.js';
import { startRegistration, workloadLabels } from './sidecar-registration.js';

const listen = (server: Server, host: string, port: number) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

async function main() {
  let options: ProxyOptions;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    const message = (error as Error).message;
    console.error(message ? `rudder-proxy: ${message}\n\n${USAGE}` : USAGE);
    process.exit(error instanceof UsageError && !message ? 0 : 2);
  }
  const runtime = createProxyRuntime({
    ...(options.accessLog ? { accessLogSink: (line: string) => process.stdout.write(`${line}\n`) } : {}),
    ...(options.instance ? { instance: options.instance } : {}),
    traceSampling: options.traceSampling,
  });
  const id = options.mode === 'gateway' ? `gateway-${process.pid}` : `sidecar-${options.instance}`;
  const labels = options.labels ?? (await workloadLabels(options));
  const self = options.mode === 'gateway'
    ? peerOf('istio-ingressgateway', options.namespace, { app: 'istio-ingressgateway' })
    : peerOf(options.workload as string, options.namespace, labels);

  let client: ConfigClient | undefined;
  let telemetry: TelemetryClient | undefined;
  if (options.snapshot) {
    runtime.tables.install(JSON.parse(readFileSync(options.snapshot, 'utf8')) as ConfigSnapshot);
  } else {
    client = startConfigClient({
      server: options.server,
      token: options.token as string,
      identity: {
        id,
        mode: options.mode,
        namespace: options.namespace,
        labels,
        ...(options.workload ? { workloads: [{ name: options.workload, namespace: options.namespace }] } : {}),
      },
      apply: (snapshot) => runtime.tables.install(snapshot),
    });
    telemetry = startTelemetryClient({ server: options.server, token: options.token as string, proxyId: id, sources: () => [runtime.telemetry] });
  }
  const lines: string[] = [];
  if (options.mode === 'gateway') {
    const handler = runtime.handler({ kind: 'gateway', self, routing: { kind: 'gateway', labels, namespace: options.namespace } });
    const port = await listen(createServer(handler), options.host, options.port);
    lines.push(`gateway listening on http://${options.host}:${port}`);
  } else {
    const outbound = runtime.handler({ kind: 'outbound', self, routing: { kind: 'sidecar', namespace: options.namespace, labels } });
    const inbound = runtime.inboundHandler({ self, appAddress: '127.0.0.1', appPort: options.appPort as number });
    const outPort = await listen(createServer(outbound), options.host, options.outboundPort);
    const inPort = await listen(createServer(inbound), options.host, options.inboundPort);
    lines.push(`sidecar ${options.instance}: outbound http://${options.host}:${outPort} (use as HTTP_PROXY), inbound http://${options.host}:${inPort} -> app :${options.appPort}`);
    if (!options.snapshot) startRegistration(options, inPort, id);
  }
  if (options.adminPort >= 0) {
    const admin = await startAdmin({ runtime, ...(client ? { configState: () => client?.state() } : {}) }, options.host, options.adminPort);
    lines.push(`admin on http://${options.host}:${(admin.address() as AddressInfo).port}`);
  }
  console.log(lines.join('\n'));
  if (client) {
    client.ready(10_000).catch((error: Error) => console.error(`rudder-proxy: ${error.message} (serving nothing until config arrives)`));
  }
  const stop = () => {
    client?.close();
    telemetry?.close();
    runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('rudder-proxy:', (error as Error).message);
  process.exit(1);
});
