// Page object for a workload's page and its Logs tab.
import type { Page } from '@playwright/test';

export class WorkloadPage {
  constructor(readonly page: Page) {}

  async openLogs(namespace: string, name: string) {
    await this.page.goto(`/workloads/${namespace}/${name}`);
    await this.page.getByRole('tab', { name: 'Logs' }).click();
  }

  logView() {
    return this.page.getByTestId('log-view');
  }
}
