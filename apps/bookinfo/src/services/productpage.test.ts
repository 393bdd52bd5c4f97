import type { IncomingMessage } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTPAGE_DEFAULTS } from './productpage.js';
import { DETAILS_UNAVAILABLE, REVIEWS_UNAVAILABLE } from './productpage-html.js';
import { RATINGS_TIMEOUT_MS, RATINGS_UNAVAILABLE } from './reviews.js';
import { listen, type RunningService } from './server.js';
import { startTestBookinfo, type TestBookinfo } from './testing/bookinfo.js';
import { fetchText } from './testing/http.js';

let bookinfo: TestBookinfo;
const extra: RunningService[] = [];
const page = (path = '/productpage', headers: Record<string, string> = {}) => fetchText(`${bookinfo.productpage.url}${path}`, { headers });

beforeAll(async () => {
  bookinfo = await startTestBookinfo({ reviewsTimeoutMs: 300, detailsTimeoutMs: 300 });
});
afterAll(() => bookinfo.close());
afterEach(async () => {
  bookinfo.sidecar.seen.length = 0;
  bookinfo.useReviews('v1');
  bookinfo.sidecar.route('details', bookinfo.details.port);
  bookinfo.ratings.setFault({});
  bookinfo.sidecar.addSetCookie('reviews', undefined);
  bookinfo.sidecar.addSetCookie('ratings', undefined);
  await Promise.all(extra.splice(0).map((s) => s.close()));
});

/** A stand-in reviews or details that answers request n (1-based) as told. */
async function fake(answer: (n: number, req: IncomingMessage) => { status: number; body?: string } | 'hang') {
  let n = 0;
  const server = await listen((req, res) => {
    const a = answer(++n, req);
    if (a === 'hang') return;
    res.writeHead(a.status, { 'content-type': 'application/json' });
    res.end(a.body ?? '');
  });
  extra.push(server);
  return { server, count: () => n };
}

describe('productpage', () => {
  it("keeps Istio's timeouts by default: reviews 3 s plus one retry, details 3 s, ratings 10 s", () => {
    expect(PRODUCTPAGE_DEFAULTS).toEqual({ reviewsTimeoutMs: 3000, reviewsRetries: 1, detailsTimeoutMs: 3000 });
    expect(RATINGS_TIMEOUT_MS).toBe(10_000);
  });

  it('renders the book, its details and v1 reviews without stars, and never calls ratings', async () => {
    const answer = await page();
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('text/html');
    expect(answer.body).toContain('The Comedy of Errors');
    expect(answer.body).toContain('<th>ISBN-13:</th><td>123-1234567890</td>');
    expect(answer.body).toContain('<th>Publisher:</th><td>PublisherA</td>');
    expect(answer.body).toContain('An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!');
    expect(answer.body).toContain('Reviewer2');
    expect(answer.body).toContain('Reviews served by: <u>reviews-v1-1</u>');
    expect(answer.body).not.toContain('class="stars');
    expect(answer.body).toContain('<button type="submit">Sign in</button>');
    expect(bookinfo.sidecar.seenBy('ratings')).toHaveLength(0);
    expect(bookinfo.sidecar.seenBy('details')[0]?.url).toBe('/details/0');
  });

  it.each([
    ['v2', 'black'],
    ['v3', 'red'],
  ] as const)('shows %s reviews with %s stars (5 and 4 of 5)', async (version, color) => {
    bookinfo.useReviews(version);
    const { body } = await page();
    expect(body).toContain(`<span class="stars stars-${color}" style="color:${color}" title="5 out of 5">★★★★★</span>`);
    expect(body).toContain(`<span class="stars stars-${color}" style="color:${color}" title="4 out of 5">★★★★☆</span>`);
    expect(body).toContain(`Reviews served by: <u>reviews-${version}-1</u>`);
    expect(bookinfo.sidecar.seenBy('ratings').map((s) => s.url)).toEqual(['/ratings/0']);
  });

  it('shows the ratings error when ratings fails', async () => {
    bookinfo.useReviews('v2');
    bookinfo.ratings.setFault({ errorRate: 1 });
    const { body } = await page();
    expect(body).toContain(`<p class="ratings-error"><i>${RATINGS_UNAVAILABLE}</i></p>`);
    expect(body).not.toContain('★');
  });

  it('signs in with any password, sends end-user downstream, and signs out', async () => {
    bookinfo.useReviews('v2');
    const signIn = await fetchText(`${bookinfo.productpage.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=jason&passwd=whatever',
    });
    expect(signIn.status).toBe(302);
    expect(signIn.headers.location).toBe('/productpage');
    const cookie = signIn.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^session=jason;/);
    const { body } = await page('/productpage', { cookie: 'session=jason' });
    expect(body).toContain('Welcome, <b>jason</b>');
    expect(body).toContain('Sign out');
    for (const service of ['details', 'reviews', 'ratings']) {
      expect(bookinfo.sidecar.seenBy(service)[0]?.headers['end-user']).toBe('jason');
    }
    const signOut = await fetchText(`${bookinfo.productpage.url}/logout`, { headers: { cookie: 'session=jason' } });
    expect(signOut.status).toBe(302);
    expect(signOut.headers['set-cookie']?.[0]).toMatch(/^session=; .*Max-Age=0/);
  });

  it('goes back to the page the sign-in form came from, but only to a product page', async () => {
    const login = (next: string) =>
      fetchText(`${bookinfo.productpage.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `username=tester&next=${encodeURIComponent(next)}`,
      });
    expect((await login('/productpage/v2?test-v2=true')).headers.location).toBe('/productpage/v2?test-v2=true');
    expect((await login('https://elsewhere.example/')).headers.location).toBe('/productpage');
  });

  it('does not sign in a blank or non-ASCII name', async () => {
    const answer = await fetchText(`${bookinfo.productpage.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=%20%20&passwd=x',
    });
    expect(answer.headers['set-cookie']?.[0]).toMatch(/^session=;/);
    const { body } = await page('/productpage', { cookie: 'session=%E2%9C%93' });
    expect(body).toContain('Sign in');
  });

  it('propagates request id, trace headers, end-user and Cookie, and relays Set-Cookie back', async () => {
    bookinfo.useReviews('v3');
    bookinfo.sidecar.addSetCookie('reviews', 'user=sticky-1; Max-Age=1800; Path=/; HttpOnly');
    bookinfo.sidecar.addSetCookie('ratings', 'ratings-sticky=r1; Path=/');
    const sent = {
      'x-request-id': 'req-1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      tracestate: 'rudder=1',
      'x-b3-traceid': '80f198ee56343ba864fe8b2a57d3eff7',
      'x-b3-spanid': 'e457b5a2e4d86bd1',
      'x-b3-parentspanid': '05e3ac9a4f6e3b90',
      'x-b3-sampled': '1',
      'x-b3-flags': '1',
      b3: '80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1',
      cookie: 'user=sticky-0; session=tester',
    };
    const answer = await page('/productpage', sent);
    for (const service of ['details', 'reviews', 'ratings']) {
      const seen = bookinfo.sidecar.seenBy(service)[0];
      expect(seen, service).toBeDefined();
      for (const [name, value] of Object.entries(sent)) expect(seen?.headers[name], `${service} ${name}`).toBe(value);
      expect(seen?.headers['end-user']).toBe('tester');
      expect(seen?.headers.host).toBe(`${service}:9080`);
    }
    expect(answer.headers['set-cookie']).toEqual(['ratings-sticky=r1; Path=/', 'user=sticky-1; Max-Age=1800; Path=/; HttpOnly']);
  });

  it('forwards an end-user header it received when nobody is signed in', async () => {
    await page('/productpage', { 'end-user': 'curl-user' });
    expect(bookinfo.sidecar.seenBy('reviews')[0]?.headers['end-user']).toBe('curl-user');
  });

  it.each(['/productpage/v2?test-v2=true', '/productpage?u=normal', '/productpage'])('asks reviews for its own path and query: %s', async (path) => {
    const answer = await page(path);
    expect(answer.status).toBe(200);
    expect(bookinfo.sidecar.seenBy('reviews').map((s) => s.url)).toEqual([path]);
    expect(bookinfo.sidecar.seenBy('details').map((s) => s.url)).toEqual(['/details/0']);
  });

  it('gives reviews a timeout and one retry, then shows the reviews error', async () => {
    const hanging = await fake(() => 'hang');
    bookinfo.sidecar.route('reviews', hanging.server.port);
    const answer = await page();
    expect(answer.status).toBe(200);
    expect(answer.body).toContain(REVIEWS_UNAVAILABLE);
    expect(answer.body).toContain('<th>Type:</th><td>paperback</td>');
    expect(hanging.count()).toBe(2);
    expect(answer.ms).toBeGreaterThanOrEqual(580);
    expect(answer.ms).toBeLessThan(1500);
  });

  it('retries reviews once on any non-200', async () => {
    const flaky = await fake((n) => (n === 1 ? { status: 503 } : { status: 200, body: JSON.stringify({ podname: 'reviews-x', reviews: [] }) }));
    bookinfo.sidecar.route('reviews', flaky.server.port);
    const answer = await page();
    expect(flaky.count()).toBe(2);
    expect(answer.body).toContain('Reviews served by: <u>reviews-x</u>');
    const broken = await fake(() => ({ status: 404 }));
    bookinfo.sidecar.route('reviews', broken.server.port);
    expect((await page()).body).toContain(REVIEWS_UNAVAILABLE);
    expect(broken.count()).toBe(2);
  });

  it('shows the details error when details fails or is too slow, without retrying', async () => {
    const failing = await fake(() => ({ status: 500 }));
    bookinfo.sidecar.route('details', failing.server.port);
    expect((await page()).body).toContain(DETAILS_UNAVAILABLE);
    expect(failing.count()).toBe(1);
    const hanging = await fake(() => 'hang');
    bookinfo.sidecar.route('details', hanging.server.port);
    const answer = await page();
    expect(answer.body).toContain(DETAILS_UNAVAILABLE);
    expect(answer.body).toContain('Reviews served by');
    expect(answer.ms).toBeLessThan(1000);
  });

  it('serves a stylesheet, an index, the products API and 404 elsewhere', async () => {
    const css = await page('/static/bookinfo.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect((await page('/')).body).toContain('/productpage?u=normal');
    const products = await page('/api/v1/products');
    expect(JSON.parse(products.body)[0].title).toBe('The Comedy of Errors');
    expect(JSON.parse((await page('/api/v1/products/0')).body).author).toBe('William Shakespeare');
    expect(JSON.parse((await page('/api/v1/products/0/reviews')).body).podname).toBe('reviews-v1-1');
    expect(JSON.parse((await page('/api/v1/products/0/ratings')).body).ratings.Reviewer1).toBe(5);
    expect((await page('/nowhere')).status).toBe(404);
    expect((await page('/productpagex')).status).toBe(404);
  });
});
