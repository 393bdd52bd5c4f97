// Page object for the traffic wizards: open one from a service's Actions menu (or by URL),
// fill it by its labels, and Apply or Remove as a user would.
import { type APIRequestContext, expect, type Locator, type Page } from '@playwright/test';

export class WizardPage {
  constructor(readonly page: Page) {}

  /** Opens a wizard through the service page's Actions menu. */
  async openFromService(service: string, wizardTitle: string, namespace = 'default') {
    await this.page.goto(`/services/${namespace}/${service}`);
    await this.page.getByText('Actions').click();
    await this.page.getByRole('navigation', { name: 'Traffic wizards' }).getByRole('link', { name: wizardTitle, exact: true }).click();
    await expect(this.page.getByRole('heading', { name: `${wizardTitle}: ${service}` })).toBeVisible();
    await expect(this.page.getByTestId('wizard-status')).toBeVisible();
  }

  async open(wizard: string, service: string, namespace = 'default') {
    await this.page.goto(`/wizards/${wizard}/${namespace}/${service}`);
    await expect(this.page.getByTestId('wizard-status')).toBeVisible();
  }

  field(label: string, within: Page | Locator = this.page): Locator {
    return within.getByLabel(label, { exact: true });
  }

  /** The problem shown under a form control, by its field key. */
  problem(field: string): Locator {
    return this.page.locator(`.wz-error[data-field="${field}"]`);
  }

  get applyButton() {
    return this.page.getByRole('button', { name: 'Apply', exact: true });
  }

  /** Waits for the server's dry run to accept the form, applies, and waits for the confirmation. */
  async apply() {
    await expect(this.page.getByTestId('wizard-status')).toHaveText('The server accepts this (dry run).');
    await this.applyButton.click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Applied:' })).toBeVisible();
  }

  async remove() {
    await this.page.getByRole('button', { name: 'Remove wizard routing' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Removed:' })).toBeVisible();
  }
}

/** Puts the sandbox back to its baseline config (no VirtualService for reviews or ratings). */
export async function resetToBaseline(api: APIRequestContext) {
  const res = await api.post('/rudder/v1/sandbox/scenarios/reset', { data: {} });
  expect(res.ok(), await res.text()).toBe(true);
}

/** Waits until every proxy has acknowledged the current config version (the apply has reached the data plane). */
export async function waitForProxies(api: APIRequestContext) {
  const version = async () => {
    const res = await api.get('/apis/networking.istio.io/v1/virtualservices');
    return Number(((await res.json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
  };
  const wanted = await version();
  await expect
    .poll(
      async () => {
        const { items } = (await (await api.get('/rudder/v1/proxies')).json()) as { items: { ackedVersion?: string }[] };
        return items.length > 0 && items.every((p) => Number(p.ackedVersion ?? 0) >= wanted);
      },
      { timeout: 15_000 },
    )
    .toBe(true);
}
