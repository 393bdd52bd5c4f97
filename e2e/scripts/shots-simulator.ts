// Screenshots of the request simulator, light and dark, against a fresh system with a few
// requests sent first (so endpoint state is reported): `npx tsx e2e/scripts/shots-simulator.ts [dir]`.
import { startSession } from './session.js';

const { out, system, browser, close } = await startSession(process.argv[2] ?? '/tmp/rudder-shots');
console.log(`system at ${system.url}, gateway ${system.gatewayUrl}`);
try {
  const ctx0 = await browser.newContext({ storageState: system.storageState, baseURL: system.url });
  const api = ctx0.request;
  await api.post('/rudder/v1/sandbox/scenarios/6.6/apply', { data: {} });
  for (let i = 0; i < 10; i++) await fetch(`${system.gatewayUrl}/productpage`, { headers: { cookie: 'session=tester' } }).then((r) => r.arrayBuffer());
  await new Promise((r) => setTimeout(r, 2500));
  if (process.env.DUMP) {
    const sim = await api.post('/rudder/v1/simulate', { data: { from: 'reviews-v2', host: 'ratings', port: 9080, path: '/ratings/0', headers: { 'end-user': 'tester' } } });
    console.log(JSON.stringify(await sim.json(), null, 1));
    const eps = await api.get('/rudder/v1/endpoints?caller=productpage-v1');
    console.log(JSON.stringify(((await eps.json()) as { items: unknown[] }).items.slice(0, 2), null, 1));
    const gw = await api.get('/rudder/v1/endpoints?caller=istio-ingressgateway');
    console.log('gateway views', ((await gw.json()) as { items: unknown[] }).items.length);
  }
  const pages: [string, string][] = [
    ['sim-empty', '/simulate'],
    ['sim-ratings-abort', `/simulate?from=default%2Freviews-v2&host=ratings&port=9080&path=%2Fratings%2F0&headers=${encodeURIComponent('end-user: tester')}`],
    ['sim-reviews', `/simulate?from=default%2Fproductpage-v1&host=reviews&port=9080&path=%2Fproductpage&headers=${encodeURIComponent('end-user: jason')}`],
    ['sim-gateway-404', '/simulate?host=bookinfo.example.com&path=%2Fnothing'],
  ];
  for (const scheme of ['light', 'dark'] as const) {
    const ctx = await browser.newContext({ storageState: system.storageState, baseURL: system.url, colorScheme: scheme, viewport: { width: 1440, height: 1000 } });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.log(`[${scheme}] page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && console.log(`[${scheme}] console: ${m.text()}`));
    for (const [name, path] of pages) {
      await page.goto(path);
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `${out}/${name}-${scheme}.png`, fullPage: true });
    }
  }
} finally {
  await close();
}
