// The Load page: a small load through the sandbox's gateway, started from the form, ends with a
// latency histogram, percentiles and the response-code mix, and is kept in the past runs.
import { expect, test } from '../fixtures/test.js';
import { LoadPage } from '../pages/load-page.js';

test.beforeEach(async ({ api }) => {
  // the sandbox's starting config (the baseline scenario)
  const reset = await api.post('/rudder/v1/sandbox/scenarios/reset', { data: {} });
  expect(reset.status()).toBe(200);
});

test('one load from the page shows the histogram, percentiles and code mix', async ({ page, system }) => {
  const load = new LoadPage(page);
  await load.open();
  // preset to the sandbox's productpage through its gateway
  await expect(load.target()).toHaveValue(`${system.gatewayUrl}/productpage`);
  await load.start({ connections: 2, qps: 0, calls: 20, headers: 'end-user: tester' });
  await expect(load.result()).toBeVisible({ timeout: 30_000 });
  await expect(load.histogramBars().first()).toBeVisible();
  await expect(page.getByTestId('percentiles')).toContainText('p99');
  await expect(load.codeRow('200')).toContainText('20');
  await expect(load.codeRow('200')).toContainText('100%');
  await expect(load.pastRuns().first()).toContainText('done');
  await expect(load.pastRuns().first()).toContainText('20');
});

test('a run past the caps is refused with the field named', async ({ page }) => {
  const load = new LoadPage(page);
  await load.open();
  await load.start({ connections: 65, calls: 5 });
  await expect(page.getByRole('alert')).toContainText('connections');
});

test('two past runs compare side by side', async ({ page, api, system }) => {
  const run = async () => {
    const started = await api.post('/rudder/v1/loads', { data: { url: `${system.gatewayUrl}/productpage`, connections: 1, qps: 0, calls: 5 } });
    expect(started.status()).toBe(201);
    const { id } = (await started.json()) as { id: string };
    await expect.poll(async () => ((await (await api.get(`/rudder/v1/loads/${id}`)).json()) as { state: string }).state).toBe('done');
    return id;
  };
  const a = await run();
  const b = await run();
  const load = new LoadPage(page);
  await load.open();
  await load.compareBox(a).check();
  await load.compareBox(b).check();
  const compare = page.getByTestId('load-compare');
  await expect(compare).toBeVisible();
  await expect(compare.getByRole('row', { name: /^p99/ })).toBeVisible();
  await expect(compare.getByTestId('latency-histogram')).toHaveCount(2);
});
