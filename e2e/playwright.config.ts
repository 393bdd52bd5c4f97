// Browser tests of the dashboard: Debian's Chromium (/usr/bin/chromium, never a downloaded
// browser), one worker (the system is shared and the machine has two cores), the real
// server and sandbox started by the fixture.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './fixtures/chromium.js';

export default defineConfig({
  testDir: './specs',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: '../test-results/e2e',
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    launchOptions: CHROMIUM_LAUNCH,
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
