// Page object for the Graph page: open it with options in the URL, find nodes, edges,
// their labels and badges by the ids the server gives them.
import type { Locator, Page } from '@playwright/test';

export interface GraphView {
  type?: 'versionedApp' | 'app' | 'workload' | 'service';
  services?: boolean;
  label?: 'percent' | 'rps' | 'p95' | 'none';
  /** Window length, e.g. `45s`: tests read a window that starts after their own apply. */
  duration?: string;
}

export class GraphPage {
  constructor(readonly page: Page) {}

  async open(v: GraphView = {}) {
    const q = new URLSearchParams();
    if (v.type) q.set('type', v.type);
    if (v.services === false) q.set('services', 'off');
    if (v.label) q.set('label', v.label);
    if (v.duration) q.set('duration', v.duration);
    await this.page.goto(`/graph?${q}`);
    await this.page.getByTestId('graph-canvas').waitFor();
  }

  /** A node whose server id ends with `suffix` (`_reviews_v3`, `_productpage`). */
  node(prefix: string, suffix: string): Locator {
    return this.page.locator(`[data-testid^="node-${prefix}"][data-testid$="${suffix}"]`);
  }

  badge(node: Locator, kind: string): Locator {
    return node.locator(`.badge-${kind}`);
  }

  /** The label of the edge from a node id containing `from` to one ending with `toSuffix`. */
  edgeLabel(from: string, toSuffix: string): Locator {
    return this.page.locator(`[data-testid^="edge-label-"][data-testid*="${from}->"][data-testid$="${toSuffix}"]`);
  }

  edgeLine(from: string, toSuffix: string): Locator {
    return this.page.locator(`path.edge-line[id*="${from}->"][id$="${toSuffix}"]`);
  }

  /** The percentages shown on edge labels (`80%` → 80). */
  async percent(label: Locator): Promise<number | undefined> {
    if ((await label.count()) === 0) return undefined;
    const m = /([\d.]+)%/.exec((await label.first().textContent()) ?? '');
    return m ? Number(m[1]) : undefined;
  }
}
