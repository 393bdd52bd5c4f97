// Screenshots of the Istio Config pages, light and dark, for looking at them during
// development: the list, the editor with markers and completion, the conflict view, History
// and the delete dialog (`npx tsx e2e/scripts/shots-config.ts [dir]`).
import type { Page } from '@playwright/test';
import { startSession } from './session.js';
import { ConfigPage } from '../pages/config-page.js';

const { out, system, browser, close } = await startSession(process.argv[2] ?? '/tmp/rudder-shots/config');
const VS = '/apis/networking.istio.io/v1/namespaces/default/virtualservices/reviews';

async function shoot(page: Page, name: string) {
  await page.waitForTimeout(900);
  await page.screenshot({ path: `${out}/${name}.png` });
}

try {
  for (const scheme of ['light', 'dark'] as const) {
    const ctx = await browser.newContext({ storageState: system.storageState, baseURL: system.url, colorScheme: scheme, viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.log(`[${scheme}] page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && console.log(`[${scheme}] console: ${m.text()}`));
    await page.request.post('/rudder/v1/sandbox/scenarios/6.1/apply', { data: {} });
    await page.goto('/istio');
    await shoot(page, `list-${scheme}`);
    const config = new ConfigPage(page);
    await config.open('VirtualService', 'default', 'reviews');
    await shoot(page, `resource-${scheme}`);
    await config.retype('weight: 80', 2, '-5');
    await config.problems().waitFor();
    await config.line('weight: -5').hover();
    await shoot(page, `marker-${scheme}`);
    await config.retype('weight: -5', 3, '80');
    await config.line('subset: v3').click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('po');
    await shoot(page, `completion-${scheme}`);
    await page.keyboard.press('Escape');
    await config.open('VirtualService', 'default', 'reviews');
    await config.retype('weight: 80', 2, '70');
    const theirs = await (await page.request.get(VS)).json();
    theirs.spec.http[0].route[0].weight = 20;
    await page.request.put(VS, { data: theirs });
    await config.save();
    await config.conflict().waitFor();
    await shoot(page, `conflict-${scheme}`);
    await config.open('VirtualService', 'default', 'reviews', 'history');
    await shoot(page, `history-${scheme}`);
    await page.goto('/istio/new/DestinationRule');
    await shoot(page, `new-${scheme}`);
    await page.goto('/istio');
    await page.getByRole('button', { name: /^Delete VirtualService/ }).first().click();
    await shoot(page, `delete-${scheme}`);
    await ctx.close();
  }
} finally {
  await close();
}
console.log(`screenshots in ${out}`);
