// Page object for the Istio Config pages: a resource's YAML editor (typed into as a person
// types, in CodeMirror), its problems, Save, the conflict view and the History tab.
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

export class ConfigPage {
  constructor(readonly page: Page) {}

  async open(kind: string, namespace: string, name: string, tab?: 'history') {
    await this.page.goto(`/config/${kind}/${namespace}/${name}${tab ? `?tab=${tab}` : ''}`);
    if (tab) await this.page.getByTestId('revisions').waitFor();
    else await this.editor().locator('.cm-content').waitFor();
  }

  editor(): Locator {
    return this.page.getByTestId('yaml-editor');
  }

  /** The editor line whose text contains `text` (the document is short, so every line is drawn). */
  line(text: string): Locator {
    return this.editor().locator('.cm-line', { hasText: text });
  }

  /** Its 1-based line number, counted as the editor shows the lines. */
  async lineNumber(text: string): Promise<number> {
    const lines = await this.editor().locator('.cm-line').allTextContents();
    return lines.findIndex((l) => l.includes(text)) + 1;
  }

  /** Puts the cursor at the end of the line holding `text`, deletes `erase` characters and types `typed`. */
  async retype(text: string, erase: number, typed: string) {
    await this.line(text).click();
    await this.page.keyboard.press('End');
    for (let i = 0; i < erase; i++) await this.page.keyboard.press('Backspace');
    await this.page.keyboard.type(typed);
  }

  problems(): Locator {
    return this.page.getByTestId('problems');
  }

  async save() {
    await this.page.getByTestId('save').click();
  }

  notice(): Locator {
    return this.page.getByTestId('notice');
  }

  conflict(): Locator {
    return this.page.getByTestId('conflict');
  }

  /** Clicks "Roll back to this" on a revision's row and waits for the confirmation. */
  async rollbackTo(rv: string) {
    await this.page.locator(`tr[data-rv="${rv}"]`).getByRole('button', { name: 'Roll back to this' }).click();
    await expect(this.notice()).toContainText(`Rolled back to revision ${rv}`);
  }
}

/** `yaml` through /rudder/v1/apply; returns the applied items' resourceVersions. */
export async function applyYaml(api: APIRequestContext, yaml: string): Promise<string[]> {
  const res = await api.post('/rudder/v1/apply', { data: yaml, headers: { 'content-type': 'application/yaml' } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { items: { resourceVersion: string }[] }).items.map((i) => i.resourceVersion);
}

/** A tutorial scenario through the sandbox (it answers once the config is in effect); `baseline` resets. */
export async function applyScenario(api: APIRequestContext, id: string) {
  const path = id === 'baseline' ? '/rudder/v1/sandbox/scenarios/reset' : `/rudder/v1/sandbox/scenarios/${id}/apply`;
  const res = await api.post(path, { data: {} });
  expect(res.status(), await res.text()).toBe(200);
}
