#!/usr/bin/env node
// rudder-sandbox: the Bookinfo sandbox process (apps, sidecars, ingress gateway, traffic
// generator, control API). `rudder start` runs it next to the server.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startBookinfoApp } from './apps.js';
import { startControl } from './control.js';
import { PortInUseError, startSandbox } from './sandbox.js';
import { baselineDocuments, loadCatalogue } from './scenarios/catalogue.js';
import { startTrafficGenerator } from './traffic.js';

const USAGE = `Usage: rudder-sandbox [--server http://127.0.0.1:20001] [--token-file .rudder/admin-token]
                      [--gateway-port 8080] [--admin-port 15000] [--traffic on|off] [--traffic-rate 2] [--access-log]`;

async function main() {
  const { values } = parseArgs({
    options: {
      server: { type: 'string', default: process.env.RUDDER_SERVER ?? 'http://127.0.0.1:20001' },
      token: { type: 'string' },
      'token-file': { type: 'string', default: '.rudder/admin-token' },
      'gateway-port': { type: 'string', default: '8080' },
      'admin-port': { type: 'string', default: '15000' },
      traffic: { type: 'string', default: 'on' },
      'traffic-rate': { type: 'string', default: '2' },
      'access-log': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const token = values.token ?? process.env.RUDDER_TOKEN ?? readToken(values['token-file']);
  const sandbox = await startSandbox({
    server: values.server,
    token,
    startApp: startBookinfoApp,
    gatewayPort: port('--gateway-port', values['gateway-port']),
    adminPort: Number(values['admin-port']),
    ...(values['access-log'] ? { accessLogSink: (line: string) => process.stdout.write(`${line}\n`) } : {}),
  });
  const baseline = baselineDocuments();
  if (!(await sandbox.client.exists('/apis/networking.istio.io/v1/namespaces/default/gateways/bookinfo-gateway'))) {
    await sandbox.client.apply(baseline);
  }
  const traffic = startTrafficGenerator(sandbox.gatewayUrl, { enabled: values.traffic === 'on', rate: Number(values['traffic-rate']) });
  const controlToken = randomBytes(24).toString('base64url');
  const control = await startControl({ sandbox, traffic, catalogue: loadCatalogue(), baseline, token: controlToken }, '127.0.0.1');
  const res = await fetch(`${values.server}/rudder/v1/sandbox`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: control.url, token: controlToken }),
  });
  if (!res.ok) throw new Error(`registering the sandbox with the server failed: HTTP ${res.status}`);
  console.log(`Bookinfo sandbox ready: ${sandbox.gatewayUrl}/productpage${sandbox.adminUrl ? ` (gateway admin ${sandbox.adminUrl})` : ''}`);
  const stop = async () => {
    traffic.stop();
    control.server.close();
    await sandbox.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

function readToken(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    throw new Error(`no token: pass --token, set RUDDER_TOKEN, or --token-file (tried ${file})`);
  }
}

function port(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${flag}: ${JSON.stringify(text)} is not a port number`);
  return n;
}

main().catch((error: unknown) => {
  const message = (error as Error).message;
  console.error(`rudder-sandbox: ${message}${error instanceof PortInUseError ? ' (pass another port with the flag named above)' : ''}`);
  process.exit(1);
});
