#!/usr/bin/env node
// `npm test`: every stage strictly one after another, so timing bounds hold on two cores:
// build, lint (with package boundaries), typecheck, unit tests (parallel inside),
// integration tests (one file at a time), end-to-end tests (one worker). Node built-ins only.
import { spawnSync } from 'node:child_process';

const stages = [
  ['build', ['run', 'build', '--', '--output-logs=errors-only']],
  ['lint', ['run', 'lint']],
  ['typecheck', ['run', 'typecheck', '--', '--output-logs=errors-only']],
  ['unit tests', ['run', 'test:unit']],
  ['integration tests', ['run', 'test:integration']],
  ['end-to-end tests (Playwright, Debian Chromium, one worker)', ['run', 'test:e2e']],
];

process.env.TURBO_TELEMETRY_DISABLED ??= '1';
const started = Date.now();
for (const [name, args] of stages) {
  const t0 = Date.now();
  console.log(`\n==> ${name}`);
  const result = spawnSync('npm', args, { stdio: 'inherit' });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${name} (${seconds}s)`);
}
console.log(`\nAll stages passed in ${((Date.now() - started) / 1000).toFixed(1)}s`);
