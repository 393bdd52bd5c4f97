// Tutorial 6.13 with the tutorial's own command: `rudder load -c 2 -qps 0 -n 20 <gateway>/productpage`
// (fortio's line, run as a user runs it: the real CLI in its own process) prints both `Code 200`
// and `Code 503` while the circuit-breaker DestinationRule is applied, and only `Code 200` once
// it is deleted.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './testing/system.js';

const ROOT = resolve(import.meta.dirname, '../../..');

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
}, 60_000);
afterAll(() => system?.close());

/** Runs the CLI from source and resolves to its stdout. */
function rudderLoad(args: string[]): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join(ROOT, 'apps/cli/src/main.ts'), 'load', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  return new Promise((done) => child.once('close', (code) => done({ code, stdout })));
}

const codeLines = (stdout: string) => [...stdout.matchAll(/^Code +(-?\d+) : \d+ /gm)].map((m) => m[1]);

describe('tutorial 6.13 with fortio\'s command line (rudder load)', () => {
  it('prints Code 200 and Code 503 with the productpage DestinationRule, only Code 200 without it', async () => {
    const applied = await system.control('POST', '/scenarios/6.13/apply');
    expect(applied.status).toBe(200);
    // the tutorial's form: no scheme, as `fortio load ... http://$GATEWAY_URL/productpage` with 127.0.0.1:8080
    const target = `${system.gatewayUrl.replace(/^http:\/\//, '')}/productpage`;
    const tripped = await rudderLoad(['-c', '2', '-qps', '0', '-n', '20', '-loglevel', 'Warning', target]);
    expect(tripped.code, tripped.stdout).toBe(0);
    expect(codeLines(tripped.stdout)).toEqual(['200', '503']);
    expect(tripped.stdout).toMatch(/All done 20 calls/);

    const deleted = await fetch(`${system.serverUrl}/apis/networking.istio.io/v1/namespaces/default/destinationrules/productpage`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${system.token}` },
    });
    expect(deleted.status).toBe(200);
    await system.sandbox.waitForConfig(await system.sandbox.client.currentVersion());
    const calm = await rudderLoad(['-c', '2', '-qps', '0', '-n', '20', '-loglevel', 'Warning', target]);
    expect(calm.code, calm.stdout).toBe(0);
    expect(codeLines(calm.stdout)).toEqual(['200']);
    expect(calm.stdout).toContain('Code 200 : 20 (100.0 %)');
  }, 60_000);
});
