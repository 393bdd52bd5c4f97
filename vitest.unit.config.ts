// Unit tests: pure code and single components with real files and sockets; parallel.
import { defineConfig } from 'vitest/config';
import { resolveSource } from './vitest.shared.js';

export default defineConfig({
  ...resolveSource,
  test: {
    include: ['shared/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
    exclude: ['**/*.int.test.ts', '**/node_modules/**', '**/dist/**'],
    testTimeout: 20_000,
  },
});
