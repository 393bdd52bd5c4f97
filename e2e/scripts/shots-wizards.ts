// Screenshots of the service Actions menu and every wizard, light and dark, against a fresh
// system at its baseline: for looking at the wizards during development
// (`npx tsx e2e/scripts/shots-wizards.ts [dir]`).
import { startSession } from './session.js';

const { out, system, browser, close } = await startSession(process.argv[2] ?? '/tmp/rudder-shots/wizards');
const shots: [string, string][] = [
  ['traffic-shifting', 'reviews'],
  ['request-routing', 'reviews'],
  ['fault-injection', 'ratings'],
  ['timeouts', 'reviews'],
  ['mirroring', 'reviews'],
  ['load-balancer', 'reviews'],
  ['circuit-breaker', 'productpage'],
];
try {
  for (const scheme of ['light', 'dark'] as const) {
    const ctx = await browser.newContext({ storageState: system.storageState, baseURL: system.url, colorScheme: scheme, viewport: { width: 1440, height: 1000 } });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.log(`[${scheme}] page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && console.log(`[${scheme}] console: ${m.text()}`));
    await page.goto('/services/default/reviews');
    await page.getByText('Actions').click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${out}/actions-${scheme}.png` });
    for (const [wizard, service] of shots) {
      await page.goto(`/wizards/${wizard}/default/${service}`);
      await page.waitForTimeout(1500);
      if (wizard === 'request-routing') await page.getByRole('button', { name: 'Add rule' }).click();
      if (wizard === 'circuit-breaker') await page.getByRole('button', { name: "Use the tutorial's values (6.13)" }).click();
      if (wizard === 'fault-injection') await page.getByLabel('Delay', { exact: true }).check();
      await page.waitForTimeout(800);
      await page.screenshot({ path: `${out}/${wizard}-${scheme}.png`, fullPage: true });
    }
    await ctx.close();
  }
} finally {
  await close();
}
console.log(`screenshots in ${out}`);
