// Every tutorial section (../shared/seed, 6.1-6.13) through the real gateway, sidecars and
// apps, asserting what the tutorial describes. One shared sandbox, reset between cases,
// traffic generator off.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './testing/system.js';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
}, 60_000);
afterAll(() => system?.close());
beforeEach(async () => {
  const reset = await system.control('POST', '/scenarios/reset');
  expect(reset.status).toBe(200);
});

const REVIEWS_ERROR = 'Sorry, product reviews are currently unavailable for this book.';
const RATINGS_ERROR = 'Ratings service is currently unavailable';

interface Page {
  status: number;
  text: string;
  servedBy?: string;
  ms: number;
}

async function page(path = '/productpage', user?: string, cookie?: string): Promise<Page> {
  const started = performance.now();
  const cookies = [user ? `session=${user}` : '', cookie ?? ''].filter(Boolean).join('; ');
  const res = await fetch(`${system.gatewayUrl}${path}`, { headers: cookies ? { cookie: cookies } : {} });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started, servedBy: /Reviews served by: <u>([^<]+)<\/u>/.exec(text)?.[1] };
}

async function pages(n: number, concurrency: number, path?: string, user?: string): Promise<Page[]> {
  const out: Page[] = [];
  for (let i = 0; i < n; i += concurrency) out.push(...(await Promise.all(Array.from({ length: Math.min(concurrency, n - i) }, () => page(path, user)))));
  return out;
}

const apply = async (id: string, variant?: string) => {
  const res = await system.control('POST', `/scenarios/${id}/apply`, variant ? { variant } : {});
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  // Let the push reach every sidecar (debounced, then compiled).
  await new Promise((r) => setTimeout(r, 300));
};

const version = (p: Page) => /reviews-(v\d)/.exec(p.servedBy ?? '')?.[1];
const share = (list: Page[], v: string) => (100 * list.filter((p) => version(p) === v).length) / list.length;

describe('tutorial 6.1-6.4: routing', () => {
  it('6.1 canary: 10/10/80 across v1/v2/v3 within ±4 points over 1000 pages', async () => {
    await apply('6.1');
    const list = await pages(1000, 20);
    expect(list.every((p) => p.status === 200)).toBe(true);
    expect(Math.abs(share(list, 'v1') - 10)).toBeLessThanOrEqual(4);
    expect(Math.abs(share(list, 'v2') - 10)).toBeLessThanOrEqual(4);
    expect(Math.abs(share(list, 'v3') - 80)).toBeLessThanOrEqual(4);
  });

  it('6.2 identity: the signed-in user is always served by v1', async () => {
    await apply('6.2');
    const list = await pages(30, 5, '/productpage', 'log-in-as-this-user');
    expect(list.map(version)).toEqual(Array(30).fill('v1'));
  });

  it('6.3 query string: ?test-v2=true goes to v2, everything else to v1', async () => {
    await apply('6.3');
    expect((await pages(10, 5, '/productpage?test-v2=true')).map(version)).toEqual(Array(10).fill('v2'));
    expect((await pages(10, 5, '/productpage?test-v2=false')).map(version)).toEqual(Array(10).fill('v1'));
  });

  it('6.4 URI: /productpage/v2 goes to v2, /productpage to v1', async () => {
    await apply('6.4');
    expect((await pages(10, 5, '/productpage/v2')).map(version)).toEqual(Array(10).fill('v2'));
    expect((await pages(10, 5, '/productpage')).map(version)).toEqual(Array(10).fill('v1'));
  });
});

describe('tutorial 6.5-6.8: faults, timeouts, retries', () => {
  it('6.5 delay: tester sees the reviews error after about 6 s (3 s timeout, one retry); anonymous pages are fast', async () => {
    await apply('6.5');
    const tester = await page('/productpage', 'tester');
    expect(tester.text).toContain(REVIEWS_ERROR);
    expect(tester.ms).toBeGreaterThan(5000);
    expect(tester.ms).toBeLessThan(7000);
    const anonymous = await page();
    expect(anonymous.text).not.toContain(REVIEWS_ERROR);
    expect(anonymous.ms).toBeLessThan(1000);
  });

  it('6.6 abort: tester sees "Ratings service is currently unavailable" within 1 s', async () => {
    await apply('6.6');
    const tester = await page('/productpage', 'tester');
    expect(tester.text).toContain(RATINGS_ERROR);
    expect(tester.ms).toBeLessThan(1000);
    expect((await page()).text).not.toContain(RATINGS_ERROR);
  });

  it('6.7 timeout: pages on the slow path take about 2 s (1 s timeout, productpage retries once)', async () => {
    await apply('6.7');
    const list = await pages(12, 4);
    const slow = list.filter((p) => p.text.includes(REVIEWS_ERROR));
    expect(slow.length).toBeGreaterThan(0);
    for (const p of slow) {
      expect(p.ms).toBeGreaterThan(1800);
      expect(p.ms).toBeLessThan(3000);
    }
  });

  it('6.8 as written: tester still sees the reviews error after about 6 s (retries cannot beat productpage timeout)', async () => {
    await apply('6.8');
    const tester = await page('/productpage', 'tester');
    expect(tester.text).toContain(REVIEWS_ERROR);
    expect(tester.ms).toBeGreaterThan(5000);
    expect(tester.ms).toBeLessThan(7500);
  });

  it('6.8b: with one ratings instance failing 50%, the retry policy hides the errors; without it some show', async () => {
    await apply('6.8b');
    const withRetries = await pages(40, 4);
    expect(withRetries.filter((p) => p.text.includes(RATINGS_ERROR))).toHaveLength(0);
    await apply('6.8b', 'without-retries');
    const without = await pages(60, 4);
    expect(without.filter((p) => p.text.includes(RATINGS_ERROR)).length).toBeGreaterThan(0);
  });
});

describe('tutorial 6.9-6.13: mirroring, balancing, pools, circuit breaking', () => {
  it('6.9 mirror: v3 answers, v1 receives a copy of every request with Host reviews-shadow, v2 none', async () => {
    await apply('6.9');
    const inbound = (name: string) => (system.sandbox.instances.get(name)?.runtime.accessLog.recent() ?? []).filter((e) => e.listener === 'inbound');
    const before = ['reviews-v1-1', 'reviews-v1-2', 'reviews-v2-1'].map((n) => inbound(n).length);
    const list = await pages(20, 4);
    expect(list.map(version)).toEqual(Array(20).fill('v3'));
    await new Promise((r) => setTimeout(r, 200));
    const v1 = [...inbound('reviews-v1-1').slice(before[0]), ...inbound('reviews-v1-2').slice(before[1])];
    expect(v1).toHaveLength(20);
    expect(v1.every((e) => e.authority === 'reviews-shadow:9080')).toBe(true);
    expect(inbound('reviews-v2-1').length).toBe(before[2]);
  });

  it('6.10 load balancers: round robin spreads v1 pages evenly over its two instances; random and least-conn use both', async () => {
    await apply('6.10');
    const served = (await pages(200, 4)).filter((p) => version(p) === 'v1').map((p) => p.servedBy);
    const one = served.filter((s) => s === 'reviews-v1-1').length;
    expect(served.length).toBeGreaterThan(50);
    expect(Math.abs(one - served.length / 2)).toBeLessThanOrEqual(served.length * 0.1);
    for (const variant of ['random', 'least-conn']) {
      await apply('6.10', variant);
      const names = new Set((await pages(80, 4)).filter((p) => version(p) === 'v1').map((p) => p.servedBy));
      expect([...names].sort()).toEqual(['reviews-v1-1', 'reviews-v1-2']);
    }
  });

  it('6.11 sticky session: one "user" cookie always lands on one reviews instance', async () => {
    await apply('6.11');
    for (const user of ['alice', 'bob', 'carol']) {
      const list = await Promise.all(Array.from({ length: 15 }, () => page('/productpage', undefined, `user=${user}`)));
      expect(new Set(list.map((p) => p.servedBy)).size).toBe(1);
    }
  });

  it('6.12 connection pool: under two concurrent loads a share of pages shows the reviews error (503 UO at reviews)', async () => {
    await apply('6.12');
    const list = await pages(60, 2);
    const failed = list.filter((p) => p.text.includes(REVIEWS_ERROR)).length;
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(60);
  });

  it('6.13 circuit breaker: 20 requests on 2 connections give 200s and 503s, and productpage is not ejected by its own overflow', async () => {
    await apply('6.13');
    const list = await pages(20, 2);
    const codes = new Set(list.map((p) => p.status));
    expect(codes.has(200)).toBe(true);
    expect(codes.has(503)).toBe(true);
    const after = await pages(5, 1);
    expect(after.every((p) => p.status === 200)).toBe(true);
  });
});
