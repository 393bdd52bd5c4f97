// `npm run bench -w @rudder/e2e` (not a test): the dashboard's graph with a synthetic mesh
// (default 200 nodes / 400 edges, then 1000 / 2000) updated every second, traffic animation
// on, in headless Debian Chromium. Prints first full paint (navigation to every node drawn,
// at most 300: React Flow draws only the nodes in view, and the page fits the graph to it,
// measured a frame after they are in the page so it includes their paint) and animation
// frames per second over 5 s, then where the layout time went: the quick first layout, and
// ELK's in its worker (which replaces it, possibly inside the 5 s). Issue 15's bar:
// ≥ 30 fps, first paint ≤ 1.5 s. `BENCH_EDGES=svg|canvas` forces how edges are drawn.
import { startSession } from './session.js';

const sizes = (process.argv[2] ?? '200x400,1000x2000').split(',');
const { system, browser, close } = await startSession();
try {
  for (const size of sizes) {
    const [n] = size.split('x').map(Number) as [number];
    const ctx = await browser.newContext({ storageState: system.storageState, baseURL: system.url, viewport: { width: 1440, height: 900 }, bypassCSP: true });
    const page = await ctx.newPage();
    const want = Math.min(n, 300);
    const edgesParam = process.env.BENCH_EDGES ? `&edges=${process.env.BENCH_EDGES}` : '';
    await page.goto(`/graph?bench=${size}&label=${process.env.BENCH_LABEL ?? 'rps'}&animation=${process.env.BENCH_ANIM ?? 'on'}${edgesParam}`);
    await page.waitForFunction(`document.querySelectorAll('.react-flow__node-mesh .shape').length >= ${want}`, undefined, { timeout: 60_000, polling: 20 });
    // The frame that paints them: a rAF runs before that frame's paint, the task after it once it is done.
    const firstPaint = (await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)))')) as number;
    await page.waitForTimeout(2000);
    // A string, not a function: tsx's name helpers do not exist in the page.
    const { fps, longest } = (await page.evaluate(`new Promise((resolve) => {
      let frames = 0, last = performance.now(), longest = 0;
      const start = last;
      const step = (t) => {
        frames++;
        longest = Math.max(longest, t - last);
        last = t;
        if (t - start < 5000) requestAnimationFrame(step);
        else resolve({ fps: (frames * 1000) / (t - start), longest });
      };
      requestAnimationFrame(step);
    })`)) as { fps: number; longest: number };
    // SVG edges are elements; canvas edges (large graphs) are counted by the canvas as it paints them,
    // after any fit (250 ms) that ELK's layout landing in the window started.
    await page.waitForTimeout(500);
    const edges = (await page.locator('.react-flow__edge').count()) + Number((await page.locator('.edge-canvas').getAttribute('data-drawn').catch(() => null)) ?? 0);
    console.log(`${size}: first full paint ${(firstPaint / 1000).toFixed(2)} s, ${fps.toFixed(1)} frames/s (longest frame ${longest.toFixed(0)} ms), ${edges} edges drawn, live updates every 1 s`);
    const layout = (await page.evaluate(`(() => {
      const data = performance.getEntriesByName('graph:data')[0];
      const elk = performance.getEntriesByName('graph:elk')[0];
      return { data: data ? data.startTime : 0, elk: elk ? { start: elk.startTime, round: elk.duration, own: elk.detail.elkMs } : undefined };
    })()`)) as { data: number; elk?: { start: number; round: number; own: number } };
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(
      `  layout: data at ${s(layout.data)}, ${n > 100 ? 'quick columns first' : 'ELK first'}; ${layout.elk ? `ELK ${s(layout.elk.own)} in its worker (${s(layout.elk.round)} round trip, landed at ${s(layout.elk.start + layout.elk.round)})` : 'ELK not done by the end'}`,
    );
    await ctx.close();
  }
} finally {
  await close();
}
