// The whole system for integration tests: a real Rudder server in a child process (from
// source, on random ports, a temp data dir) and the sandbox in this process, with the
// baseline config applied and the traffic generator off. Tests share one and reset it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startBookinfoApp } from '../apps.js';
import { createControl } from '../control.js';
import { startSandbox, type Sandbox } from '../sandbox.js';
import { baselineDocuments, loadCatalogue } from '../scenarios/catalogue.js';
import { startTrafficGenerator } from '../traffic.js';

const ROOT = resolve(import.meta.dirname, '../../../..');

export interface TestSystem {
  serverUrl: string;
  gatewayUrl: string;
  token: string;
  sandbox: Sandbox;
  /** Calls the sandbox control API as the server's relay would. */
  control(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  close(): Promise<void>;
}

export async function startServerProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', join(ROOT, 'apps/server/src/main.ts'), '--port', '0', '--kube-port', '0', '--data-dir', dataDir],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /API:\s+(http:\/\/[^/\s]+)/.exec(out);
      if (m?.[1]) resolveUrl(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { child, url };
}

export async function startTestSystem(): Promise<TestSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rudder-system-'));
  const { child, url } = await startServerProcess(dataDir);
  const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  const sandbox = await startSandbox({ server: url, token, startApp: startBookinfoApp, gatewayPort: 0, adminPort: -1 });
  const baseline = baselineDocuments();
  await sandbox.client.apply(baseline);
  await sandbox.waitForConfig(await sandbox.client.currentVersion());
  const traffic = startTrafficGenerator(sandbox.gatewayUrl, { enabled: false });
  const handle = createControl({ sandbox, traffic, catalogue: loadCatalogue(), baseline, token: 'test-control-token' });
  return {
    serverUrl: url,
    gatewayUrl: sandbox.gatewayUrl,
    token,
    sandbox,
    async control(method, path, body) {
      const { createServer } = await import('node:http');
      const server = createServer((req, res) => void handle(req, res));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const port = (server.address() as { port: number }).port;
      try {
        const res = await fetch(`http://127.0.0.1:${port}${path}`, {
          method,
          headers: { authorization: 'Bearer test-control-token', 'content-type': 'application/json' },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, json: await res.json() };
      } finally {
        server.close();
      }
    },
    async close() {
      traffic.stop();
      await sandbox.close();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
