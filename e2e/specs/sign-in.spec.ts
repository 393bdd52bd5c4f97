// The sign-in gate: a fresh browser sees only the sign-in page (which says where the link
// is), the API and the live socket refuse it; the signed-in browser gets the dashboard.
import { expect, test } from '../fixtures/test.js';

test.describe('sign-in gate', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('a fresh browser sees the sign-in page and nothing else', async ({ page }) => {
    await page.goto('/graph');
    await expect(page.getByRole('heading', { name: 'Sign in to Rudder' })).toBeVisible();
    await expect(page.getByText('npm start')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Sections' })).toHaveCount(0);
    const api = await page.request.get('/rudder/v1/graph');
    expect(api.status()).toBe(401);
    const socket = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(`ws://${location.host}/ws/live?type=app`);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        }),
    );
    expect(socket).toBe('refused');
  });
});

test('a signed-in browser gets the dashboard', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  await expect(page.getByTestId('live-status')).toHaveText(/Live|Connecting/);
});
