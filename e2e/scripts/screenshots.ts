// Screenshots of every page, light and dark, against a fresh system with traffic: for
// looking at the dashboard during development (`npx tsx e2e/scripts/screenshots.ts [dir]`).
import { startSession } from './session.js';

const { out, system, browser, close } = await startSession(process.argv[2] ?? '/tmp/rudder-shots');
console.log(`system at ${system.url}, gateway ${system.gatewayUrl}`);
const drive = async (n: number, user?: string) => {
  for (let i = 0; i < n; i++) await fetch(`${system.gatewayUrl}/productpage`, { headers: user ? { cookie: `session=${user}` } : {} }).then((r) => r.arrayBuffer()).catch(() => undefined);
};
try {
  const api = await browser.newContext({ storageState: system.storageState, baseURL: system.url });
  const p0 = await api.newPage();
  await p0.request.post('/rudder/v1/sandbox/scenarios/6.1/apply', { data: {} });
  await p0.request.put('/rudder/v1/sandbox/traffic', { data: { enabled: true, rate: 8 } });
  await drive(60);
  await drive(20, 'jason');
  await new Promise((r) => setTimeout(r, 4000));
  const pages: [string, string][] = [
    ['graph', '/graph'],
    ['graph-rps', '/graph?label=rps&type=versionedApp'],
    ['workloads', '/workloads'],
    ['workload', '/workloads/default/reviews-v1'],
    ['logs', '/workloads/default/reviews-v1?tab=logs'],
    ['services', '/services'],
    ['traces', '/traces'],
    ['proxies', '/proxies'],
    ['sandbox', '/sandbox'],
    ['istio', '/istio'],
    ['config', '/config/VirtualService/default/reviews'],
    ['history', '/config/VirtualService/default/reviews?tab=history'],
    ['wizard', '/wizards/traffic-shifting/default/reviews'],
    ['wizard-cb', '/wizards/circuit-breaker/default/productpage'],
    ['simulate', '/simulate?from=productpage-v1&host=reviews&port=9080&path=%2Freviews%2F0'],
    ['load', '/load'],
  ];
  for (const scheme of ['light', 'dark'] as const) {
    const ctx = await browser.newContext({ storageState: system.storageState, baseURL: system.url, colorScheme: scheme, viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.log(`[${scheme}] page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && console.log(`[${scheme}] console: ${m.text()}`));
    for (const [name, path] of scheme === 'light' ? pages : pages.filter(([n]) => ['graph', 'workload', 'istio', 'config', 'wizard', 'simulate', 'load'].includes(n))) {
      await page.goto(path);
      await page.waitForTimeout(name.startsWith('graph') ? 3500 : 1500);
      await page.screenshot({ path: `${out}/${name}-${scheme}.png` });
    }
    if (scheme === 'light') {
      await page.goto('/graph');
      await page.waitForTimeout(3000);
      const node = page.locator('[data-label="v3"]').first();
      if (await node.count()) {
        await node.click();
        await page.waitForTimeout(2000);
        await page.screenshot({ path: `${out}/graph-selected-light.png` });
      }
      const trace = await page.request.get('/rudder/v1/traces?limit=1');
      const id = ((await trace.json()) as { items: { traceId: string }[] }).items[0]?.traceId;
      if (id) {
        await page.goto(`/traces/${id}`);
        await page.waitForTimeout(1500);
        await page.screenshot({ path: `${out}/trace-light.png` });
      }
      const fresh = await browser.newContext({ baseURL: system.url, colorScheme: 'light' });
      const fp = await fresh.newPage();
      await fp.goto('/graph');
      await fp.waitForTimeout(1000);
      await fp.screenshot({ path: `${out}/signin-light.png` });
      await fresh.close();
    }
    await ctx.close();
  }
  await api.close();
} finally {
  await close();
}
console.log(`screenshots in ${out}`);
