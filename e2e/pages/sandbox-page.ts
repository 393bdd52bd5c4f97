// Page object for the Sandbox page: apply a scenario or reset, as a user would.
import { expect, type Page } from '@playwright/test';

export class SandboxPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/sandbox');
    await this.page.getByTestId('apply-6.1').waitFor();
  }

  /** Applies a scenario with its button and waits for the confirmation; returns when it was applied. */
  async apply(id: string): Promise<number> {
    await this.open();
    await this.page.getByTestId(`apply-${id}`).click();
    await expect(this.page.getByRole('status').filter({ hasText: `Applied ${id}` })).toBeVisible();
    return Date.now();
  }
}

/** A graph window (`37s`) that starts just after `since` (ms). */
export const windowSince = (since: number) => `${Math.max(5, Math.ceil((Date.now() - since) / 1000))}s`;
