// Tutorial sections done through the wizards only (issue #16): each test resets the
// sandbox to its baseline, configures through the browser, then checks live traffic
// through the gateway.
import { expect, test } from '../fixtures/test.js';
import { resetToBaseline, WizardPage, waitForProxies } from '../pages/wizard-page.js';

const REVIEWS_ERROR = 'Sorry, product reviews are currently unavailable for this book.';

test('6.1 traffic shifting: reviews 10/10/80 via sliders with a lock, then 500 requests split within ±5 points', async ({ page, api, system }) => {
  await resetToBaseline(api);
  const wizard = new WizardPage(page);
  await wizard.openFromService('reviews', 'Traffic shifting');
  await wizard.field('Weight of v1').fill('10');
  await wizard.field('Lock v1').check();
  await wizard.field('Weight of v2').fill('10');
  await expect(wizard.field('Weight of v3')).toHaveValue('80');
  await expect(page.getByTestId('wizard-diff')).toContainText('+  name: reviews');
  await page.getByRole('tab', { name: 'YAML' }).click();
  await expect(page.getByTestId('wizard-yaml')).toContainText('weight: 80');
  await wizard.apply();
  await waitForProxies(api);
  // Opened again, the wizard is filled from the live VirtualService and has nothing to change.
  await page.reload();
  await expect(wizard.field('Weight of v3')).toHaveValue('80');
  await expect(wizard.field('Weight of v1')).toHaveValue('10');
  await expect(page.getByTestId('wizard-diff')).toHaveText('No change: the live config already says this.');

  // productpage names the reviews pod that served each page ("Reviews served by: reviews-v3-1").
  const counts: Record<string, number> = { v1: 0, v2: 0, v3: 0 };
  let next = 0;
  const worker = async () => {
    while (next < 500) {
      next++;
      const html = await (await fetch(`${system.gatewayUrl}/productpage`)).text();
      const version = /Reviews served by: <u>reviews-(v\d)/.exec(html)?.[1];
      if (version) counts[version] = (counts[version] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  const total = (counts.v1 ?? 0) + (counts.v2 ?? 0) + (counts.v3 ?? 0);
  expect(total).toBeGreaterThan(490);
  const share = (v: string) => (100 * (counts[v] ?? 0)) / total;
  expect(Math.abs(share('v1') - 10), JSON.stringify(counts)).toBeLessThanOrEqual(5);
  expect(Math.abs(share('v2') - 10), JSON.stringify(counts)).toBeLessThanOrEqual(5);
  expect(Math.abs(share('v3') - 80), JSON.stringify(counts)).toBeLessThanOrEqual(5);

  // One click removes the routing the wizard added; the baseline DestinationRule stays.
  await wizard.remove();
  expect((await api.get('/apis/networking.istio.io/v1/namespaces/default/virtualservices/reviews')).status()).toBe(404);
  expect((await api.get('/apis/networking.istio.io/v1/namespaces/default/destinationrules/reviews')).status()).toBe(200);
});

test('6.5 delay: tester routed to reviews v2, a 10 s ratings delay for tester shows the reviews error to tester only', async ({ page, api, system }) => {
  test.setTimeout(90_000);
  await resetToBaseline(api);
  const wizard = new WizardPage(page);
  // The precondition: reviews v1 never calls ratings, so tester goes to v2 (request routing).
  await wizard.openFromService('reviews', 'Request routing');
  await page.getByRole('button', { name: 'Add rule' }).click();
  const rule = page.getByTestId('rule-1');
  await expect(wizard.field('Match on', rule)).toHaveValue('header');
  await wizard.field('Name', rule).fill('end-user');
  await wizard.field('Value', rule).fill('tester');
  await wizard.field('Rule 1 routes to').selectOption('v2');
  await wizard.field('Everything else goes to').selectOption('v1');
  await wizard.apply();

  await wizard.openFromService('ratings', 'Fault injection');
  await wizard.field('Delay').check();
  await wizard.field('Delay percentage').fill('100');
  await wizard.field('Fixed delay').fill('10s');
  await wizard.field('Only for signed-in user').fill('tester');
  await wizard.field('Route to').selectOption('v1');
  await expect(page.getByTestId('wizard-diff')).toContainText('fixedDelay: 10s');
  await wizard.apply();
  await waitForProxies(api);

  const pageFor = async (user?: string) => {
    const started = Date.now();
    const res = await fetch(`${system.gatewayUrl}/productpage`, { headers: user ? { cookie: `session=${user}` } : {}, signal: AbortSignal.timeout(30_000) });
    return { status: res.status, html: await res.text(), ms: Date.now() - started };
  };
  const tester = await pageFor('tester');
  expect(tester.status).toBe(200);
  expect(tester.html).toContain(REVIEWS_ERROR);
  // productpage gives reviews 3 s and retries once: about 6 s, not the 10 s delay.
  expect(tester.ms).toBeGreaterThan(5000);
  const anonymous = await pageFor();
  expect(anonymous.html).not.toContain(REVIEWS_ERROR);
  expect(anonymous.ms).toBeLessThan(3000);
});

test('6.13 circuit breaker: the tutorial values in one click overflow the pool; Remove restores the baseline rule', async ({ page, api, drive }) => {
  await resetToBaseline(api);
  const wizard = new WizardPage(page);
  await wizard.openFromService('productpage', 'Circuit breaker');
  await page.getByRole('button', { name: "Use the tutorial's values (6.13)" }).click();
  await expect(wizard.field('Max connections')).toHaveValue('2');
  await expect(wizard.field('Connect timeout')).toHaveValue('30ms');
  await wizard.apply();
  await waitForProxies(api);
  const overloaded = await drive({ count: 20, concurrency: 2 });
  expect(overloaded.ok, JSON.stringify(overloaded)).toBeGreaterThan(0);
  expect(overloaded.failed, JSON.stringify(overloaded)).toBeGreaterThan(0);

  await wizard.remove();
  await waitForProxies(api);
  const rule = (await (await api.get('/apis/networking.istio.io/v1/namespaces/default/destinationrules/productpage')).json()) as { metadata: { labels?: object }; spec: object };
  expect(rule.spec).toEqual({ host: 'productpage', subsets: [{ name: 'v1', labels: { version: 'v1' } }] });
  expect(rule.metadata.labels).toBeUndefined();
  const calm = await drive({ count: 20, concurrency: 2 });
  expect(calm).toEqual({ ok: 20, failed: 0 });
});

test('invalid input is refused in the form with the field named, and nothing is stored', async ({ page, api }) => {
  await resetToBaseline(api);
  const wizard = new WizardPage(page);
  await wizard.open('timeouts', 'reviews');
  await wizard.field('Timeout').fill('-1s');
  await expect(wizard.problem('timeout')).toHaveText('Timeout: must not be negative.');
  await expect(wizard.field('Timeout')).toHaveAttribute('aria-invalid', 'true');
  await expect(wizard.applyButton).toBeDisabled();

  await wizard.open('traffic-shifting', 'reviews');
  await wizard.field('Lock v2').check();
  await wizard.field('Lock v3').check();
  await wizard.field('Weight of v1').fill('50');
  await expect(wizard.problem('weights')).toContainText('Weights add up to');
  await expect(wizard.applyButton).toBeDisabled();
  await wizard.field('Weight of v1').fill('-5');
  await expect(wizard.problem('weight-v1')).toHaveText('Weight of v1: enter a whole number from 0 to 100.');
  await expect(wizard.applyButton).toBeDisabled();

  // Every control is reachable from the keyboard: Tab from the first weight reaches Apply once valid.
  await wizard.field('Lock v2').uncheck();
  await wizard.field('Weight of v1').fill('20');
  await expect(page.getByTestId('wizard-status')).toHaveText('The server accepts this (dry run).');
  await wizard.field('Weight of v1 (slider)').focus();
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await wizard.applyButton.evaluate((el) => el === document.activeElement);
  }
  expect(reached).toBe(true);

  // What only the server knows is refused by its dry run, with the field path: a lookahead is no RE2 regex.
  await wizard.open('request-routing', 'reviews');
  await page.getByRole('button', { name: 'Add rule' }).click();
  const rule = page.getByTestId('rule-1');
  await wizard.field('Match on', rule).selectOption('uri');
  await wizard.field('Operator', rule).selectOption('regex');
  await wizard.field('Value', rule).fill('/(?=x)');
  await expect(page.getByTestId('wizard-status')).toHaveText('The server refuses this.');
  await expect(page.locator('.wz-causes')).toContainText('documents[0].spec.http[0].match[0].uri.regex');
  await expect(wizard.problem('rule-1-condition-1-value')).toContainText('RE2');
  await expect(wizard.field('Value', rule)).toHaveAttribute('aria-invalid', 'true');
  await expect(wizard.applyButton).toBeDisabled();

  expect((await api.get('/apis/networking.istio.io/v1/namespaces/default/virtualservices/reviews')).status()).toBe(404);
});
