// Screenshots of the Load page, light and dark: a run under 6.13's circuit breaker (200 and 503),
// one on the baseline, and the two compared (`npx tsx e2e/scripts/load-shots.ts [dir]`).
import { startSession } from './session.js';

const { out, system, browser, close } = await startSession(process.argv[2] ?? '/tmp/rudder-load-shots');
try {
  const api = await browser.newContext({ storageState: system.storageState, baseURL: system.url });
  const run = async (scenario: string, body: object) => {
    await api.request.post(scenario === 'baseline' ? '/rudder/v1/sandbox/scenarios/reset' : `/rudder/v1/sandbox/scenarios/${scenario}/apply`, { data: {} });
    const started = (await (await api.request.post('/rudder/v1/loads', { data: { url: `${system.gatewayUrl}/productpage`, ...body } })).json()) as { id: string };
    for (;;) {
      const r = (await (await api.request.get(`/rudder/v1/loads/${started.id}`)).json()) as { state: string };
      if (r.state !== 'running') break;
      await new Promise((res) => setTimeout(res, 300));
    }
    return started.id;
  };
  const a = await run('6.13', { connections: 2, qps: 0, calls: 60 });
  const b = await run('baseline', { connections: 2, qps: 0, calls: 60 });
  for (const scheme of ['light', 'dark'] as const) {
    const ctx = await browser.newContext({ storageState: system.storageState, baseURL: system.url, colorScheme: scheme, viewport: { width: 1440, height: 1400 } });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.log(`[${scheme}] page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && console.log(`[${scheme}] console: ${m.text()}`));
    for (const [name, path] of [
      ['run', `/load?run=${a}`],
      ['compare', `/load?compare=${a},${b}`],
    ]) {
      await page.goto(path ?? '/load');
      await page.waitForTimeout(2000);
      await page.screenshot({ path: `${out}/load-${name}-${scheme}.png`, fullPage: true });
    }
    if (scheme === 'light') {
      // a live run, mid-way
      await page.goto('/load');
      await page.getByLabel('QPS').fill('20');
      await page.getByLabel('Duration', { exact: true }).fill('6s');
      await page.getByRole('button', { name: 'Start load' }).click();
      await page.waitForTimeout(3500);
      await page.screenshot({ path: `${out}/load-live-light.png` });
      await page.waitForTimeout(4000);
    }
    await ctx.close();
  }
  await api.close();
} finally {
  await close();
}
console.log(`screenshots in ${out}`);
