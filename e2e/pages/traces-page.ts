// Page object for Traces: search by service, open a trace, read its waterfall.
import type { Page } from '@playwright/test';

export class TracesPage {
  constructor(readonly page: Page) {}

  async search(service: string) {
    await this.page.goto(`/traces?service=${encodeURIComponent(service)}&duration=5m`);
  }

  async openFirst() {
    await this.page.getByTestId('trace-row').first().locator('a').click();
    await this.page.getByTestId('waterfall').waitFor();
  }

  spans() {
    return this.page.getByTestId('span-row');
  }
}
