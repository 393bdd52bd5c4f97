// The Istio Config editor against the running sandbox: markers on the right line with
// nothing stored, the conflict view instead of an overwrite, and a rollback from History
// that changes what the gateway serves.
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from '../fixtures/test.js';
import { applyScenario, applyYaml, ConfigPage } from '../pages/config-page.js';

const VS_PATH = '/apis/networking.istio.io/v1/namespaces/default/virtualservices/reviews';

interface Vs {
  metadata: { resourceVersion: string };
  spec: { http: { route: { destination: { subset: string }; weight?: number }[] }[] };
}

const readVs = async (api: APIRequestContext) => (await (await api.get(VS_PATH)).json()) as Vs;
const weights = (vs: Vs) => vs.spec.http[0]?.route.map((r) => `${r.destination.subset}=${r.weight ?? 0}`).join(' ');

/** The reviews version that served each of `count` product pages through the gateway. */
async function servedBy(gatewayUrl: string, count: number): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const body = await (await fetch(`${gatewayUrl}/productpage`, { signal: AbortSignal.timeout(15_000) })).text();
    const version = /reviews-(v\d)/.exec(body)?.[1] ?? 'none';
    seen[version] = (seen[version] ?? 0) + 1;
  }
  return seen;
}

test.beforeEach(async ({ api }) => {
  await applyScenario(api, '6.1');
});

test('an invalid weight is marked on its line, Save stores nothing', async ({ page, api }) => {
  const before = await readVs(api);
  expect(weights(before)).toBe('v1=10 v2=10 v3=80');
  const config = new ConfigPage(page);
  await config.open('VirtualService', 'default', 'reviews');

  // Not a number: the browser's schema check, no server call needed.
  await config.retype('weight: 80', 2, 'abc');
  let line = await config.lineNumber('weight: abc');
  await expect(config.problems()).toContainText(`line ${line} spec.http[0].route[2].weight: Invalid value: "abc": must be of type integer`);
  await expect(config.line('weight: abc').locator('.cm-lintRange-error')).toHaveCount(1);
  await config.save();
  await expect(config.notice()).toContainText('Not saved');

  // Negative: structurally an int32, refused by Istio's rule on the server's dry run.
  await config.retype('weight: abc', 3, '-5');
  line = await config.lineNumber('weight: -5');
  await expect(config.problems()).toContainText(`line ${line} spec.http[0].route[2].weight: Invalid value: -5: weight must be non-negative`);
  await expect(config.line('weight: -5').locator('.cm-lintRange-error')).toHaveCount(1);
  await config.save();
  await expect(config.notice()).toContainText('Not saved');
  await expect(config.notice()).toContainText('weight must be non-negative');

  const after = await readVs(api);
  expect(weights(after)).toBe('v1=10 v2=10 v3=80');
  expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
});

/** Loads the editor, then changes the VirtualService through the API as someone else would. */
async function editWhileSomeoneElseSaves(config: ConfigPage, api: APIRequestContext) {
  await config.open('VirtualService', 'default', 'reviews');
  await config.retype('weight: 80', 2, '70');
  const theirs = await readVs(api);
  (theirs.spec.http[0]?.route[0] as { weight: number }).weight = 20;
  const put = await api.put(VS_PATH, { data: theirs });
  expect(put.status(), await put.text()).toBe(200);
  await config.save();
  await expect(config.conflict()).toBeVisible();
  await expect(config.conflict()).toContainText('Someone else changed this resource');
  const diff = config.page.getByTestId('conflict-diff');
  await expect(diff.locator('.cm-merge-a')).toContainText('weight: 20');
  await expect(diff.locator('.cm-merge-b')).toContainText('weight: 70');
  // Nothing was overwritten: the other user's change is what is stored.
  expect(weights(await readVs(api))).toBe('v1=20 v2=10 v3=80');
}

test('a concurrent edit gives the conflict view; keeping mine then writes mine', async ({ page, api }) => {
  const config = new ConfigPage(page);
  await editWhileSomeoneElseSaves(config, api);
  await page.getByRole('button', { name: 'Keep mine (overwrite)' }).click();
  await expect(config.notice()).toContainText('Saved: revision');
  expect(weights(await readVs(api))).toBe('v1=10 v2=10 v3=70');
});

test('a concurrent edit gives the conflict view; taking theirs loads theirs', async ({ page, api }) => {
  const config = new ConfigPage(page);
  await editWhileSomeoneElseSaves(config, api);
  await page.getByRole('button', { name: 'Take theirs' }).click();
  await expect(config.line('weight: 20')).toHaveCount(1);
  await expect(config.line('weight: 70')).toHaveCount(0);
  expect(weights(await readVs(api))).toBe('v1=20 v2=10 v3=80');
});

test('rolling back to an earlier revision restores its routing through the gateway', async ({ page, api, system }) => {
  // Revision A: every request to reviews v1. Then the 6.1 canary (mostly v3) on top of it.
  await applyScenario(api, 'baseline');
  const [onlyV1] = await applyYaml(
    api,
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v1}\n',
  );
  await applyScenario(api, '6.1');
  const canary = await servedBy(system.gatewayUrl, 20);
  expect(canary.v3 ?? 0, JSON.stringify(canary)).toBeGreaterThan(0);

  const config = new ConfigPage(page);
  await config.open('VirtualService', 'default', 'reviews', 'history');
  await expect(page.getByTestId('history-diff')).toBeVisible();
  await config.rollbackTo(onlyV1 as string);
  // The rollback is a new revision at the top of the list, written by the signed-in user.
  await expect(page.locator('tr[data-rv]').first()).toContainText(`(rollback to ${onlyV1})`);
  expect(weights(await readVs(api))).toBe('v1=0');

  // The proxies take the change within moments; then no page is served by v3 (or v2).
  await expect.poll(async () => Object.keys(await servedBy(system.gatewayUrl, 10)), { timeout: 20_000 }).toEqual(['v1']);
  const after = await servedBy(system.gatewayUrl, 60);
  expect(after, JSON.stringify(after)).toEqual({ v1: 60 });
});

test('the list filters by kind and name; create from a template, then delete with confirmation by keyboard', async ({ page, api }) => {
  await page.goto('/istio');
  const list = page.getByTestId('config-list');
  await expect(list.locator('tr[data-row="VirtualService/default/reviews"]')).toContainText('warning');
  await page.getByLabel('Kind', { exact: true }).selectOption('DestinationRule');
  await page.getByLabel('Name', { exact: true }).fill('rev');
  await expect(list.locator('tbody tr')).toHaveCount(1);
  await expect(list.locator('tbody tr')).toHaveAttribute('data-row', 'DestinationRule/default/reviews');

  await page.getByLabel('New resource of kind').selectOption('DestinationRule');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const config = new ConfigPage(page);
  await config.editor().locator('.cm-content').waitFor();
  await config.retype('name: my-destinationrule', 'my-destinationrule'.length, 'e2e-made');
  await page.getByTestId('create').click();
  await expect(page).toHaveURL(/\/config\/DestinationRule\/default\/e2e-made$/);
  expect((await api.get('/apis/networking.istio.io/v1/namespaces/default/destinationrules/e2e-made')).status()).toBe(200);

  await page.goto('/istio?name=e2e-made');
  const remove = page.getByRole('button', { name: 'Delete DestinationRule default/e2e-made' });
  await remove.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Delete DestinationRule e2e-made?' });
  await expect(dialog).toBeVisible();
  // Focus starts on Cancel (the safe choice); Tab reaches Delete.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(config.notice()).toContainText('Deleted DestinationRule default/e2e-made');
  await expect(page.getByText('Nothing matches these filters')).toBeVisible();
  expect((await api.get('/apis/networking.istio.io/v1/namespaces/default/destinationrules/e2e-made')).status()).toBe(404);
});

test('leaving the editor with unsaved changes asks first; nothing is lost on Cancel', async ({ page }) => {
  const config = new ConfigPage(page);
  await config.open('VirtualService', 'default', 'reviews');
  await config.retype('weight: 80', 2, '70');
  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByRole('link', { name: 'Istio Config' }).click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain('unsaved YAML changes');
  await expect(page).toHaveURL(/\/config\/VirtualService\/default\/reviews/);
  await expect(config.line('weight: 70')).toHaveCount(1);

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('link', { name: 'Istio Config' }).click();
  await expect(page).toHaveURL(/\/istio$/);
});
