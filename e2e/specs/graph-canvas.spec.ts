// Large graphs paint their edges on a canvas (apps/web/src/graph/edges/EdgeCanvas.tsx):
// no SVG edge per call, yet an edge is still found under the pointer and selected. Uses the
// benchmark's synthetic mesh (`/graph?bench=…`), which needs no traffic.
import { expect, test } from '../fixtures/test.js';

test('a 400-edge mesh draws its edges on the canvas, and a click on a line selects that edge', async ({ page }) => {
  await page.goto('/graph?bench=200x400&label=rps&animation=off');
  const canvas = page.getByTestId('edge-canvas');
  await expect(canvas).toHaveAttribute('data-drawn', '400', { timeout: 20_000 });
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  // ELK's layout replaces the quick first one; click once it has landed and the view is fitted.
  await page.waitForFunction(() => performance.getEntriesByName('graph:elk').length > 0, undefined, { timeout: 30_000 });
  await page.waitForTimeout(800);

  // An edge the summary names (`svc-1->svc-23`), and its ends on screen.
  const named = (await page.locator('.side-panel .plain .mono').first().textContent()) ?? '';
  const [from, to] = named.split('->') as [string, string];
  const shape = (name: string) => page.locator(`[data-testid="node-wl_Kubernetes_bench_${name}"] .shape`).boundingBox();
  const [s, t] = [await shape(from), await shape(to)];
  if (!s || !t) throw new Error(`nodes of ${named} not on screen`);
  const zoom = Number(/scale\(([\d.]+)\)/.exec((await page.locator('.react-flow__viewport').getAttribute('style')) ?? '')?.[1] ?? 1);
  // The edge's curve (model/geometry.ts) in screen space, a third of the way along: off its label.
  const p0 = { x: s.x + s.width, y: s.y + s.height / 2 };
  const p3 = { x: t.x, y: t.y + t.height / 2 };
  const dx = Math.max(24 * zoom, Math.abs(p3.x - p0.x) * 0.45);
  const at = 0.3;
  const [a, b, c, d] = [(1 - at) ** 3, 3 * (1 - at) ** 2 * at, 3 * (1 - at) * at ** 2, at ** 3];
  const point = { x: a * p0.x + b * (p0.x + dx) + c * (p3.x - dx) + d * p3.x, y: a * p0.y + b * p0.y + c * p3.y + d * p3.y };

  await page.mouse.move(point.x, point.y);
  await expect(page.getByTestId('graph-canvas')).toHaveClass(/over-edge/);
  await page.mouse.click(point.x, point.y);
  const title = page.locator('.side-panel h2.edge-title');
  await expect(title).toContainText(from);
  await expect(title).toContainText(to);

  // Empty canvas: nothing selected, the summary is back.
  const pane = await page.getByTestId('graph-canvas').boundingBox();
  if (!pane) throw new Error('no graph canvas');
  await page.mouse.click(pane.x + pane.width - 8, pane.y + 8);
  await expect(page.locator('.side-panel h2')).toHaveText('Mesh traffic');
});

test('a small graph keeps SVG edges unless asked for the canvas', async ({ page }) => {
  await page.goto('/graph?bench=20x30&label=rps&animation=off');
  await expect(page.locator('path.edge-line')).toHaveCount(30, { timeout: 20_000 });
  await expect(page.getByTestId('edge-canvas')).toHaveCount(0);
  await page.goto('/graph?bench=20x30&label=rps&animation=off&edges=canvas');
  await expect(page.getByTestId('edge-canvas')).toHaveAttribute('data-drawn', '30', { timeout: 20_000 });
  await expect(page.locator('path.edge-line')).toHaveCount(0);
});
