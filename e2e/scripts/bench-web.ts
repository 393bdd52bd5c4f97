// `npm run bench -w @rudder/e2e` (not a test): the dashboard's graph with a synthetic mesh
// (default 200 nodes / 400 edges, then 1000 / 2000) updated every second, traffic animation
// on, in headless Debian Chromium. Prints first full paint (navigation to every node drawn)
// and animation frames per second over 5 s. Issue 15's bar: ≥ 30 fps, first paint ≤ 1.5 s.
import { chromium } from '@playwright/test';
import { startSystem } from '../fixtures/system.js';

const sizes = (process.argv[2] ?? '200x400,1000x2000').split(',');
const system = await startSystem();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  for (const size of sizes) {
    const [n] = size.split('x').map(Number) as [number];
    const ctx = await browser.newContext({ storageState: system.storageState, baseURL: system.url, viewport: { width: 1440, height: 900 }, bypassCSP: true });
    const page = await ctx.newPage();
    const want = Math.min(n, 300);
    await page.goto(`/graph?bench=${size}&label=${process.env.BENCH_LABEL ?? "rps"}&animation=${process.env.BENCH_ANIM ?? "on"}`);
    await page.waitForFunction(`document.querySelectorAll('.react-flow__node-mesh .shape').length >= ${want}`, undefined, { timeout: 60_000, polling: 20 });
    const firstPaint = await page.evaluate(() => performance.now());
    await page.waitForTimeout(2000);
    // A string, not a function: tsx's name helpers do not exist in the page.
    const { fps, longest } = (await page.evaluate(`new Promise((resolve) => {
      let frames = 0, last = performance.now(), longest = 0;
      const start = last;
      const step = (t) => {
        frames++;
        longest = Math.max(longest, t - last);
        last = t;
        if (t - start < 5000) requestAnimationFrame(step);
        else resolve({ fps: (frames * 1000) / (t - start), longest });
      };
      requestAnimationFrame(step);
    })`)) as { fps: number; longest: number };
    const edges = await page.locator('.react-flow__edge').count();
    console.log(`${size}: first full paint ${(firstPaint / 1000).toFixed(2)} s, ${fps.toFixed(1)} frames/s (longest frame ${longest.toFixed(0)} ms), ${edges} edges drawn, live updates every 1 s`);
    await ctx.close();
  }
} finally {
  await browser.close();
  await system.close();
}
