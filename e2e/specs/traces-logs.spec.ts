// Traces and logs: a request's trace opens as a waterfall of its spans; during 6.9 the
// mirrored copies show in reviews v1's access log with the -shadow Host.
import { expect, test } from '../fixtures/test.js';
import { SandboxPage } from '../pages/sandbox-page.js';
import { TracesPage } from '../pages/traces-page.js';
import { WorkloadPage } from '../pages/workload-page.js';

test('a trace opens as a waterfall with at least four spans', async ({ page, drive }) => {
  await drive({ count: 5, concurrency: 1 });
  const traces = new TracesPage(page);
  await traces.search('istio-ingressgateway');
  await traces.openFirst();
  await expect.poll(() => traces.spans().count()).toBeGreaterThanOrEqual(4);
  await traces.spans().first().getByRole('button').click();
  await expect(page.getByText('guid:x-request-id')).toBeVisible();
});

test('6.9 mirroring: the Logs tab of reviews-v1 shows reviews-shadow', async ({ page, drive }) => {
  await new SandboxPage(page).apply('6.9');
  const workload = new WorkloadPage(page);
  await workload.openLogs('default', 'reviews-v1');
  await drive({ count: 20, concurrency: 2 });
  await expect(workload.logView()).toContainText('reviews-shadow', { timeout: 30_000 });
});
