// Page object for the Load page: fill the run form, start, and read the result as a user would.
import { expect, type Locator, type Page } from '@playwright/test';

export interface RunSettings {
  url?: string;
  connections?: number;
  qps?: number;
  calls?: number;
  duration?: string;
  headers?: string;
}

export class LoadPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/load');
    await expect(this.page.getByRole('heading', { name: 'Load', exact: true })).toBeVisible();
    // the target is preset once the sandbox answered
    await expect(this.target()).not.toHaveValue('');
  }

  target(): Locator {
    return this.page.getByLabel('Target URL');
  }

  async start(s: RunSettings) {
    if (s.url !== undefined) await this.target().fill(s.url);
    if (s.connections !== undefined) await this.page.getByLabel('Connections').fill(String(s.connections));
    if (s.qps !== undefined) await this.page.getByLabel('QPS').fill(String(s.qps));
    if (s.calls !== undefined) {
      await this.page.getByRole('button', { name: 'Calls', exact: true }).click();
      await this.page.getByLabel('Calls', { exact: true }).fill(String(s.calls));
    }
    if (s.duration !== undefined) {
      await this.page.getByRole('button', { name: 'Duration', exact: true }).click();
      await this.page.getByLabel('Duration', { exact: true }).fill(s.duration);
    }
    if (s.headers !== undefined) await this.page.getByLabel('Headers').fill(s.headers);
    await this.page.getByRole('button', { name: 'Start load' }).click();
  }

  /** The finished run's result (waits for the run to end). */
  result(): Locator {
    return this.page.getByTestId('load-result');
  }

  histogramBars(): Locator {
    return this.page.getByTestId('latency-histogram').locator('.recharts-bar-rectangle');
  }

  codeRow(code: string): Locator {
    return this.result().getByTestId('code-mix').locator(`tr[data-code="${code}"]`);
  }

  pastRuns(): Locator {
    return this.page.getByTestId('load-runs').locator('tbody tr');
  }

  /** The "compare" checkbox of a past run. */
  compareBox(id: string): Locator {
    return this.page.locator(`tr[data-run="${id}"]`).getByRole('checkbox');
  }
}
