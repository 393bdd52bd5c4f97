// What every screenshot and benchmark script starts with: a fresh system (server, gateway,
// sandbox) and a browser, the output folder created when there is one, and one close()
// that stops both.
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../fixtures/chromium.js';
import { startSystem } from '../fixtures/system.js';

export async function startSession(out = '') {
  if (out) mkdirSync(out, { recursive: true });
  const system = await startSystem();
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  return {
    out,
    system,
    browser,
    async close() {
      await browser.close();
      await system.close();
    },
  };
}
