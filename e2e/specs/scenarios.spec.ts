// The tutorial's scenarios as the graph shows them. Each test applies its scenario through
// the Sandbox page, drives its own traffic through the gateway, and reads a graph window
// that starts after its apply.
import { expect, test } from '../fixtures/test.js';
import { GraphPage } from '../pages/graph-page.js';
import { SandboxPage, windowSince } from '../pages/sandbox-page.js';

test('6.1 canary: reviews → v1/v2/v3 at 10/10/80 in the versioned-app graph with service nodes', async ({ page, drive }) => {
  const since = await new SandboxPage(page).apply('6.1');
  const sent = await drive({ count: 300, concurrency: 6 });
  expect(sent.ok).toBeGreaterThan(280);
  const graph = new GraphPage(page);
  await graph.open({ type: 'versionedApp', services: true, label: 'percent', duration: windowSince(since) });
  const share = (v: string) => graph.percent(graph.edgeLabel('svc_Kubernetes_default_reviews', `_reviews_${v}`));
  await expect.poll(() => share('v3'), { timeout: 30_000 }).toBeGreaterThan(0);
  const [v1, v2, v3] = [await share('v1'), await share('v2'), await share('v3')];
  expect(v1).toBeGreaterThanOrEqual(5);
  expect(v1).toBeLessThanOrEqual(15);
  expect(v2).toBeGreaterThanOrEqual(5);
  expect(v2).toBeLessThanOrEqual(15);
  expect(v3).toBeGreaterThanOrEqual(75);
  expect(v3).toBeLessThanOrEqual(85);
});

test('6.13 circuit breaker: the breaker badge on productpage', async ({ page, drive }) => {
  const since = await new SandboxPage(page).apply('6.13');
  await drive({ count: 30, concurrency: 2 });
  const graph = new GraphPage(page);
  await graph.open({ type: 'versionedApp', duration: windowSince(since) });
  const productpage = graph.node('svc_', '_productpage');
  await expect(graph.badge(productpage, 'cb')).toBeVisible();
  await expect(graph.badge(productpage, 'cb')).toHaveAttribute('title', /Circuit breaker: DestinationRule (default\/)?productpage sets connection pool and outlier detection/);
});

test('6.6 abort: the edge carrying tester’s ratings calls turns red', async ({ page, drive }) => {
  const since = await new SandboxPage(page).apply('6.6');
  await drive({ count: 40, concurrency: 4, user: 'tester' });
  const graph = new GraphPage(page);
  await graph.open({ type: 'versionedApp', label: 'rps', duration: windowSince(since) });
  const edge = graph.edgeLine('reviews_v2', '_ratings');
  // A level edge has a zero-height box, so check presence and colour rather than visibility.
  await expect(edge).toHaveCount(1);
  await expect(edge).toHaveClass(/tone-bad/);
});
