// What the benchmarks share: Debian tool checks, child processes killed (and the temp dir
// removed) on exit, free loopback ports, children that say they are ready, and nginx with a
// throwaway config (one worker, no logs) either proxying to an upstream or answering 1 KB.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;
export const option = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
export const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/**
 * Builds the packages a benchmark runs (turbo skips what is up to date): benchmarks measure
 * the compiled JavaScript `npm start` runs, not tsx's on-the-fly transform, which wraps every
 * closure in a naming helper and costs the gateway about a tenth of its throughput.
 */
export function ensureBuilt(...packages) {
  const filters = packages.map((p) => `--filter=${p}`);
  const r = spawnSync('npx', ['turbo', 'run', 'build', ...filters, '--output-logs=errors-only'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`building ${packages.join(', ')} failed`);
}

const children = [];
export const tmp = mkdtempSync(join(tmpdir(), 'rudder-bench-'));
process.on('exit', () => {
  for (const c of children) c.kill();
  rmSync(tmp, { recursive: true, force: true });
});
process.on('SIGINT', () => process.exit(130));

export const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Starts a child; ready when it prints `ready` or, with a port, when the port answers. */
export function start(command, args, readyOnPort) {
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)));
    if (readyOnPort) {
      const poll = () => fetch(`http://127.0.0.1:${readyOnPort}/`).then(() => resolve(child), () => setTimeout(poll, 100));
      poll();
    } else child.stdout.on('data', (d) => String(d).includes('ready') && resolve(child));
  });
}

/** nginx on `port`: with `upstream`, a keep-alive reverse proxy to it; without, a 1 KB answer. */
export function startNginx(port, upstream) {
  const conf = join(tmp, `nginx-${port}.conf`);
  const site = upstream
    ? `upstream up { server 127.0.0.1:${upstream}; keepalive 128; }
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }`
    : `keepalive_requests 1000000;
  server {
    listen 127.0.0.1:${port};
    location / { default_type text/plain; return 200 "${'x'.repeat(1024)}"; }
  }`;
  writeFileSync(
    conf,
    `worker_processes 1;
daemon off;
pid ${tmp}/nginx-${port}.pid;
error_log ${tmp}/error-${port}.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${tmp}; proxy_temp_path ${tmp}; fastcgi_temp_path ${tmp}; uwsgi_temp_path ${tmp}; scgi_temp_path ${tmp};
  ${site}
}
`,
  );
  return start('nginx', ['-p', tmp, '-c', conf], port);
}
