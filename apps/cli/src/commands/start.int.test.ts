// The smoke test a user performs: `npm start` on a fresh data dir, wait for the printed
// URLs, load productpage through the gateway, sign in, then Ctrl-C (SIGINT) — and no
// child process may be left behind.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../../..');

const freePort = () =>
  new Promise<number>((resolvePort) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });

/** Every descendant pid of `pid` (via /proc), to prove none survives. */
function descendants(pid: number): number[] {
  try {
    const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
    const children = new Map<number, number[]>();
    for (const line of out.trim().split('\n')) {
      const [p, pp] = line.trim().split(/\s+/).map(Number);
      if (p === undefined || pp === undefined) continue;
      children.set(pp, [...(children.get(pp) ?? []), p]);
    }
    const all: number[] = [];
    const walk = (p: number) => {
      for (const c of children.get(p) ?? []) {
        all.push(c);
        walk(c);
      }
    };
    walk(pid);
    return all;
  } catch {
    return [];
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let child: ChildProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'rudder-start-'));
afterAll(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start, as a user runs it', () => {
  it('prints the URLs, serves productpage, signs in, and stops every child on SIGINT', async () => {
    const [port, kube, gateway, admin] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    child = spawn(
      'npm',
      ['start', '--', '--port', String(port), '--kube-port', String(kube), '--gateway-port', String(gateway), '--admin-port', String(admin), '--data-dir', dataDir, '--traffic', 'off'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const started = Date.now();
    while (!/Press Ctrl-C to stop/.test(out)) {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${out}`);
      if (Date.now() - started > 120_000) throw new Error(`npm start did not come up:\n${out}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(out).toMatch(/Dashboard sign-in \(one-time link\): http:\/\/127\.0\.0\.1:\d+\/login\?code=\S+/);
    expect(out).toContain(`http://127.0.0.1:${gateway}/productpage`);
    expect(out).toContain(`export KUBECONFIG=${join(dataDir, 'kubeconfig')}`);

    const page = await fetch(`http://127.0.0.1:${gateway}/productpage`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('The Comedy of Errors');
    const login = await fetch(`http://127.0.0.1:${gateway}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=jason&passwd=x',
      redirect: 'manual',
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^session=jason/);
    const signedIn = await (await fetch(`http://127.0.0.1:${gateway}/productpage`, { headers: { cookie } })).text();
    expect(signedIn).toMatch(/jason/);

    // The CLI against the running system: `npx rudder` resolves the workspace bin.
    const list = execFileSync('npx', ['rudder', 'scenario', 'list', '--server', `http://127.0.0.1:${port}`, '--data-dir', dataDir], { cwd: ROOT, encoding: 'utf8' });
    expect(list).toMatch(/6\.1\s+\S/);
    expect(list).toMatch(/6\.13\s+\S/);

    const tree = descendants(child.pid as number);
    expect(tree.length).toBeGreaterThanOrEqual(3);
    child.kill('SIGINT');
    for (const pid of tree) process.kill(pid, 'SIGINT');
    await new Promise((r) => child?.once('exit', r));
    // Children shut down in parallel; give them a few seconds, as a terminal would.
    const deadline = Date.now() + 10_000;
    while (tree.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(tree.filter(alive)).toEqual([]);
  }, 180_000);
});
