// Page object for the request simulator: fill the form as a user would (keyboard-reachable
// controls, labelled), submit, and read the outcome, the destinations and the route actions.
import { expect, type Page } from '@playwright/test';

export interface SimulatedRequest {
  /** `gateway` or `namespace/workload`. */
  from?: string;
  host: string;
  port?: number;
  method?: string;
  path: string;
  headers?: Record<string, string>;
}

export interface SimulatedOutcome {
  result: string;
  title: string;
  destinations: { host: string; subset: string; weight: number }[];
  actions: Record<string, string>;
}

export class SimulatorPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/simulate');
    await expect(this.page.getByRole('heading', { name: 'Request simulator' })).toBeVisible();
  }

  async simulate(req: SimulatedRequest): Promise<SimulatedOutcome> {
    await this.open();
    const p = this.page;
    if (req.from && req.from !== 'gateway') await p.getByLabel('Source').selectOption(req.from);
    await p.getByLabel('Method').selectOption(req.method ?? 'GET');
    await p.getByLabel('Host').fill(req.host);
    await p.getByLabel('Port').fill(req.port ? String(req.port) : '');
    await p.getByLabel('Path and query').fill(req.path);
    for (const [i, [name, value]] of Object.entries(req.headers ?? {}).entries()) {
      await p.getByRole('button', { name: 'Add header' }).click();
      await p.getByLabel(`Header ${i + 1} name`).fill(name);
      await p.getByLabel(`Header ${i + 1} value`).fill(value);
    }
    await p.getByRole('button', { name: 'Simulate' }).click();
    return this.read();
  }

  async read(): Promise<SimulatedOutcome> {
    const outcome = this.page.getByTestId('sim-outcome');
    await expect(outcome).toBeVisible();
    const destinations = await this.page.getByTestId('sim-destination').evaluateAll((els) =>
      els.map((el) => ({ host: el.getAttribute('data-host') ?? '', subset: el.getAttribute('data-subset') ?? '', weight: Number(el.getAttribute('data-weight')) })),
    );
    const actions = Object.fromEntries(
      await this.page.getByTestId('sim-action').evaluateAll((els) => els.map((el) => [el.getAttribute('data-label') ?? '', el.querySelector('dd')?.textContent ?? ''])),
    );
    return { result: (await outcome.getAttribute('data-result')) ?? '', title: (await outcome.textContent()) ?? '', destinations, actions };
  }
}
