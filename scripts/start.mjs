#!/usr/bin/env node
// `npm start`: Node built-ins only, so it runs on a fresh clone. Installs dependencies when
// missing or stale, builds, then runs `rudder start` (server, gateway, sidecars, Bookinfo)
// with any arguments passed through (`npm start -- --port 20002`).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
};

const installed = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  console.log('Installing dependencies (first run; native modules build from source, about two minutes)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
console.log('Building…');
run('npm', ['run', 'build', '--', '--output-logs=errors-only']);

const child = spawn(process.execPath, [join(root, 'apps/cli/dist/main.js'), 'start', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
