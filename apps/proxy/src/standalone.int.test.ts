// rudder-proxy on its own, as an operator runs it beside an app: a real Rudder server process
// and a real `rudder-proxy sidecar` process. The sidecar registers its instance and heartbeats
// (sidecar-registration.ts); with the server gone it keeps serving its last good table, and
// when the server is back it reconnects with backoff (as Envoy's xDS client does), takes new
// config and re-registers (DESIGN.md "Registry and identity", issue 11 "Modes").
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const children: ChildProcess[] = [];

function start(args: string[], ready: RegExp, what: string): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`${what} did not start in 30 s:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        done({ child, match });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${what} exited with ${code}:\n${out}`));
    });
  });
}

const exited = (child: ChildProcess) => new Promise<void>((done) => (child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done())));

/** A request to `target` sent through `proxy` in absolute form, as an HTTP_PROXY-aware client does. */
function viaProxy(proxy: string, target: string): Promise<{ status: number; body: string }> {
  const p = new URL(proxy);
  return new Promise((done, fail) => {
    const req = request({ host: p.hostname, port: p.port, path: target, headers: { host: new URL(target).host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

let dataDir: string;
let server: { child: ChildProcess; url: string };
let token: string;
let app: Server;
let sidecar: { outbound: string; inbound: number; admin: string };

const startServer = async (port: number) => {
  const s = await start(['apps/server/src/main.ts', '--port', String(port), '--kube-port', '0', '--data-dir', dataDir], /Dashboard:\s+(http:\/\/[^/\s]+)\//, 'the server');
  return { child: s.child, url: s.match[1] as string };
};
const api = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
const instance = async () => {
  const res = await api('/rudder/v1/registry');
  const state = (await res.json()) as { instances: { name: string; address: string; port: number; health: string }[] };
  return state.instances.find((i) => i.name === 'echo-v1-1');
};
const configState = async () => ((await (await fetch(`${sidecar.admin}/config_dump`)).json()) as { config: { connected: boolean; reconnects: number; version?: string } }).config;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rudder-standalone-'));
  app = createServer((req, res) => res.end(`echo ${req.url} from app`));
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  server = await startServer(0);
  token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  await api('/rudder/v1/registry/workloads/default/echo-v1', 'PUT', { name: 'echo-v1', labels: { app: 'echo', version: 'v1' } });
  await api('/rudder/v1/registry/services/default/echo', 'PUT', { name: 'echo', ports: [{ name: 'http', port: 9080 }], selector: { app: 'echo' } });
  const appPort = (app.address() as AddressInfo).port;
  const s = await start(
    ['apps/proxy/src/main.ts', 'sidecar', '--server', server.url, '--token', token, '--workload', 'echo-v1', '--instance', 'echo-v1-1', '--app-port', String(appPort), '--admin-port', '0'],
    /outbound (http:\/\/\S+) .*inbound http:\/\/[\d.]+:(\d+) [\s\S]*admin on (http:\/\/\S+)/,
    'the sidecar',
  );
  sidecar = { outbound: s.match[1] as string, inbound: Number(s.match[2]), admin: s.match[3] as string };
}, 90_000);

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await Promise.all(children.map(exited));
  app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('rudder-proxy sidecar, standalone', () => {
  it('registers its instance at its inbound port and turns Healthy; the mesh reaches the app through it', async () => {
    const registered = await eventually(async () => ((await instance())?.health === 'Healthy' ? instance() : undefined), 'a Healthy registration');
    expect(registered).toMatchObject({ address: '127.0.0.1', port: sidecar.inbound });
    await eventually(async () => ((await configState()).version ? true : undefined), 'the first snapshot');
    const res = await viaProxy(sidecar.outbound, 'http://echo:9080/hello');
    expect(res).toEqual({ status: 200, body: 'echo /hello from app' });
  });

  it('keeps serving its last table while the server is down, then reconnects, takes new config and re-registers', async () => {
    const port = Number(new URL(server.url).port);
    server.child.kill('SIGKILL');
    await exited(server.child);
    await eventually(async () => ((await configState()).connected ? undefined : true), 'the sidecar to notice the server is gone');
    expect(await viaProxy(sidecar.outbound, 'http://echo:9080/still')).toEqual({ status: 200, body: 'echo /still from app' });

    server = await startServer(port);
    const state = await eventually(async () => {
      const s = await configState();
      return s.connected ? s : undefined;
    }, 'the sidecar to reconnect');
    expect(state.reconnects).toBeGreaterThanOrEqual(1);
    // The restarted registry loads the instance as Unknown; the next heartbeat makes it Healthy.
    await eventually(async () => ((await instance())?.health === 'Healthy' ? true : undefined), 'a heartbeat after the restart');

    const vs = { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'echo', namespace: 'default' }, spec: { hosts: ['echo'], http: [{ directResponse: { status: 418, body: { string: 'new config' } } }] } };
    expect((await api('/apis/networking.istio.io/v1/namespaces/default/virtualservices', 'POST', vs)).status).toBe(201);
    const after = await eventually(async () => {
      const r = await viaProxy(sidecar.outbound, 'http://echo:9080/');
      return r.status === 418 ? r : undefined;
    }, 'the new VirtualService to reach the sidecar');
    expect(after.body).toBe('new config');
  });
});
