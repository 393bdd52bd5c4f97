// Integration tests: real servers on 127.0.0.1 over real HTTP, one file at a time so
// timing bounds hold on two cores.
import { defineConfig } from 'vitest/config';
import { resolveSource } from './vitest.shared.js';

export default defineConfig({
  ...resolveSource,
  test: {
    include: ['apps/*/src/**/*.int.test.ts', 'apps/*/test/**/*.int.test.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
