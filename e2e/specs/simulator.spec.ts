// The request simulator agrees with the data plane (issue #16): for requests through the
// gateway and from productpage's sidecar under several tutorial scenarios, the outcome the
// page shows is what the proxies do when the same request is sent for real — the status of
// local replies (404 NR, aborts) and the version of reviews that answers.
import { request as httpRequest } from 'node:http';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from '../fixtures/test.js';
import { SimulatorPage } from '../pages/simulator-page.js';

interface Sent {
  status: number;
  /** Set when an upstream answered (Envoy adds it), absent on the proxy's own replies. */
  upstream: boolean;
  body: string;
}

/** A real request through the gateway, with any Host (fetch cannot set one). */
function send(gatewayUrl: string, path: string, opts: { host?: string; method?: string; headers?: Record<string, string> } = {}): Promise<Sent> {
  const url = new URL(path, gatewayUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? 'GET', headers: { ...opts.headers, ...(opts.host ? { host: opts.host } : {}) }, timeout: 15_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, upstream: res.headers['x-envoy-upstream-service-time'] !== undefined, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The reviews version productpage's page says served it. */
const servedBy = (html: string) => /Reviews served by: <u>reviews-(v\d)/.exec(html)?.[1];

/** Applies a tutorial scenario over the baseline, or `reset` to the baseline alone. */
async function apply(api: APIRequestContext, id: string) {
  const res = await api.post(id === 'reset' ? '/rudder/v1/sandbox/scenarios/reset' : `/rudder/v1/sandbox/scenarios/${id}/apply`, { data: {} });
  expect(res.status(), await res.text()).toBe(200);
}

/** Versions that can answer: the subsets with a share of the traffic. */
const subsetsOf = (o: { destinations: { subset: string; weight: number }[] }) => o.destinations.filter((d) => d.weight > 0).map((d) => d.subset);

test('simulated routes agree with the gateway and the sidecars', async ({ page, api, system }) => {
  const sim = new SimulatorPage(page);
  const gw = system.gatewayUrl;
  const host = 'bookinfo.example.com';

  // Baseline: the gateway routes productpage's paths and answers 404 NR for anything else.
  await apply(api, 'reset');
  for (const [method, path, routed] of [
    ['GET', '/productpage', true],
    ['POST', '/api/v1/products', true],
    ['GET', '/nothing', false],
    ['GET', '/PRODUCTPAGE', false],
  ] as const) {
    const o = await sim.simulate({ host, method, path });
    const real = await send(gw, path, { host, method });
    if (routed) {
      expect(o.result, path).toBe('route');
      expect(o.destinations.map((d) => d.host)).toEqual(['productpage']);
      expect(real.upstream, `${method} ${path} reached productpage`).toBe(true);
    } else {
      expect(o.title).toContain('404 NR');
      expect(real.status, path).toBe(404);
      expect(real.upstream).toBe(false);
    }
  }

  // 6.3 query routing and 6.4 URI routing: productpage's sidecar picks reviews by the page's path and query.
  for (const [scenario, path] of [
    ['6.3', '/productpage?test-v2=true'],
    ['6.3', '/productpage?test-v2=false'],
    ['6.4', '/productpage/V2/more'],
    ['6.4', '/productpage/v3'],
  ] as const) {
    await apply(api, scenario);
    const o = await sim.simulate({ from: 'default/productpage-v1', host: 'reviews', port: 9080, path });
    expect(subsetsOf(o), `${scenario} ${path}`).toHaveLength(1);
    const real = await send(gw, path, { host });
    expect(servedBy(real.body), `${scenario} ${path}`).toBe(subsetsOf(o)[0]);
  }

  // 6.2 identity routing: the signed-in user's end-user header, from productpage and (the VS is
  // bound to the gateway too) straight through the gateway with Host reviews.
  await apply(api, '6.2');
  const user = 'log-in-as-this-user';
  const signedIn = await sim.simulate({ from: 'default/productpage-v1', host: 'reviews', port: 9080, path: '/productpage', headers: { 'end-user': user } });
  expect(subsetsOf(signedIn)).toEqual(['v1']);
  expect(servedBy((await send(gw, '/productpage', { host, headers: { cookie: `session=${user}` } })).body)).toBe('v1');
  // At the gateway the VirtualService's host is the FQDN: Host `reviews` falls to bookinfo's `*` and misses.
  const short = await sim.simulate({ host: 'reviews', path: '/reviews/0', headers: { 'end-user': user } });
  expect(short.title).toContain('404 NR');
  expect((await send(gw, '/reviews/0', { host: 'reviews', headers: { 'end-user': user } })).status).toBe(404);
  const fqdn = 'reviews.default.svc.cluster.local';
  const direct = await sim.simulate({ host: fqdn, path: '/reviews/0', headers: { 'end-user': user } });
  expect(subsetsOf(direct)).toEqual(['v1']);
  const directReal = await send(gw, '/reviews/0', { host: fqdn, headers: { 'end-user': user } });
  expect(JSON.parse(directReal.body).version).toBe('v1');
  const anonymous = await sim.simulate({ host: fqdn, path: '/reviews/0' });
  expect(anonymous.destinations.map((d) => `${d.subset} ${d.weight}`)).toEqual(['v1 10', 'v2 10', 'v3 80']);
  for (let i = 0; i < 5; i++) expect(subsetsOf(anonymous)).toContain(JSON.parse((await send(gw, '/reviews/0', { host: fqdn })).body).version);

  // 6.6 abort: tester gets reviews v2, whose call to ratings is aborted with 400.
  await apply(api, '6.6');
  const tester = await sim.simulate({ from: 'default/productpage-v1', host: 'reviews', port: 9080, path: '/productpage', headers: { 'end-user': 'tester' } });
  expect(subsetsOf(tester)).toEqual(['v2']);
  const ratings = await sim.simulate({ from: 'default/reviews-v2', host: 'ratings', port: 9080, path: '/ratings/0', headers: { 'end-user': 'tester' } });
  expect(ratings.title).toContain('Aborted with 400');
  expect(ratings.actions['Fault: abort']).toContain('HTTP 400 on 100 %');
  const page6 = (await send(gw, '/productpage', { host, headers: { cookie: 'session=tester' } })).body;
  expect(servedBy(page6)).toBe('v2');
  expect(page6).toContain('Ratings service is currently unavailable');
  const jason = await sim.simulate({ from: 'default/reviews-v2', host: 'ratings', port: 9080, path: '/ratings/0', headers: { 'end-user': 'jason' } });
  expect(jason.actions['Fault: abort']).toBeUndefined();
});

test('the form lives in the URL, is keyboard-driven, and links the matched VirtualService', async ({ page, api }) => {
  await apply(api, '6.6');
  const sim = new SimulatorPage(page);
  await sim.open();
  // Keyboard only: from the source select through the form to the Simulate button.
  await page.getByLabel('Source').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Method')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('reviews');
  await page.getByLabel('Source').selectOption('default/productpage-v1');
  await page.getByLabel('Path and query').fill('/reviews/0');
  await page.getByRole('button', { name: 'Add header' }).press('Enter');
  await page.keyboard.type('end-user');
  await page.keyboard.press('Tab');
  await page.keyboard.type('tester');
  await page.getByLabel('Path and query').press('Enter');
  const first = await sim.read();
  expect(subsetsOf(first)).toEqual(['v2']);
  await expect(page).toHaveURL(/from=default%2Fproductpage-v1/);
  await expect(page).toHaveURL(/headers=end-user%3A\+tester/);
  // The link reproduces the simulation in a fresh page.
  const shared = await page.context().newPage();
  await shared.goto(page.url());
  expect(subsetsOf(await new SimulatorPage(shared).read())).toEqual(['v2']);
  await expect(shared.getByLabel('Header 1 value')).toHaveValue('tester');
  // Why rule 0 did not match for another user, and the VirtualService's page.
  await shared.getByLabel('Header 1 value').fill('jason');
  await shared.getByRole('button', { name: 'Simulate' }).click();
  await expect(shared.getByTestId('sim-rule').first()).toContainText('"jason" does not match');
  await expect(shared.getByTestId('sim-destination')).toHaveAttribute('data-subset', 'v1');
  await expect(shared.getByTestId('sim-endpoint')).toHaveCount(2);
  await shared.getByRole('link', { name: 'default/reviews' }).click();
  await expect(shared).toHaveURL(/\/config\/VirtualService\/default\/reviews$/);
});
