// productpage: the Bookinfo page at /productpage and anything below it (/productpage/v2).
// It calls details at /details/0 and reviews at the page's OWN path and query string
// (a page at /productpage/v2?test-v2=true asks reviews for /productpage/v2?test-v2=true,
// where Istio's sample asks /reviews/0), so VirtualService uri and queryParams matches on
// reviews see what the user typed (tutorial 6.3, 6.4). productpage → reviews: 3 s timeout
// and one retry on a timeout or any non-200, as Istio's productpage does (worst case ~6 s).
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { type Client, createClient, type Outbound, propagatedHeaders } from './call.js';
import { CSS, renderIndex, renderProductPage } from './productpage-html.js';
import { login, logout, sessionUser } from './productpage-session.js';
import type { ReviewsResponse } from './reviews.js';
import { type ListenOptions, listen, pathOf, type RunningService, sendJson, sendText, settle } from './server.js';

export interface ProductpageOptions {
  /** Instance (pod) name, e.g. `productpage-v1-1`; answered in the `x-instance` header. */
  instance?: string;
  outbound: Outbound;
  /** productpage → reviews timeout per attempt; Istio's sample hard-codes 3 s. */
  reviewsTimeoutMs?: number;
  /** Retries of the reviews call on a timeout or any non-200; Istio's sample: 1. */
  reviewsRetries?: number;
  /** productpage → details timeout; Istio's sample: 3 s. */
  detailsTimeoutMs?: number;
}

/** Istio's productpage: reviews 3 s + one retry, details 3 s. */
export const PRODUCTPAGE_DEFAULTS = { reviewsTimeoutMs: 3000, reviewsRetries: 1, detailsTimeoutMs: 3000 } as const;

export function createProductpage(options: ProductpageOptions): RequestListener & { dispose(): void } {
  const client: Client = createClient(options.outbound);
  const settings = {
    instance: options.instance ?? 'productpage-v1',
    reviewsTimeoutMs: options.reviewsTimeoutMs ?? PRODUCTPAGE_DEFAULTS.reviewsTimeoutMs,
    reviewsRetries: options.reviewsRetries ?? PRODUCTPAGE_DEFAULTS.reviewsRetries,
    detailsTimeoutMs: options.detailsTimeoutMs ?? PRODUCTPAGE_DEFAULTS.detailsTimeoutMs,
  };

  const listener: RequestListener = (req, res) => {
    res.setHeader('x-instance', settings.instance);
    const path = pathOf(req.url);
    if (path === '/productpage' || path.startsWith('/productpage/')) {
      return settle(res, productPage(client, settings, req, res));
    }
    if (path === '/login') return settle(res, login(req, res));
    if (path === '/logout') return logout(req, res);
    if (path.startsWith('/static/')) return staticFile(path, res);
    if (path === '/health') return sendJson(res, 200, { status: 'Product page is healthy' });
    if (path === '/') return sendText(res, 200, renderIndex(), 'text/html; charset=utf-8');
    if (path === '/api/v1/products' || path.startsWith('/api/v1/products/')) return settle(res, productsApi(client, settings, req, res));
    sendText(res, 404, 'not found');
  };
  return Object.assign(listener, { dispose: () => client.close() });
}

type Settings = Required<Omit<ProductpageOptions, 'outbound'>>;

/** What productpage sends downstream: the propagated headers, and end-user when signed in. */
function downstreamHeaders(req: IncomingMessage): { headers: Record<string, string | string[]>; user?: string } {
  const headers = propagatedHeaders(req);
  const user = sessionUser(req);
  if (user !== undefined) headers['end-user'] = user;
  return { headers, user };
}

async function productPage(client: Client, s: Settings, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const page = req.url ?? '/productpage';
  const { headers, user } = downstreamHeaders(req);
  const [details, reviews] = await Promise.all([
    client.call({ service: 'details', path: '/details/0', headers, timeoutMs: s.detailsTimeoutMs }),
    client.call({ service: 'reviews', path: page, headers, timeoutMs: s.reviewsTimeoutMs, retries: s.reviewsRetries }),
  ]);
  if (res.destroyed) return;
  const html = renderProductPage({
    page,
    user,
    details: details.ok ? parseObject(details.body) : undefined,
    reviews: reviews.ok ? parseReviews(reviews.body) : undefined,
  });
  const setCookie = [...details.setCookie, ...reviews.setCookie];
  if (setCookie.length > 0) res.setHeader('set-cookie', setCookie);
  sendText(res, 200, html, 'text/html; charset=utf-8');
}

/** Istio's productpage JSON API: the product list, and a product's details, reviews and ratings. */
async function productsApi(client: Client, s: Settings, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = pathOf(req.url);
  if (path === '/api/v1/products') {
    return sendJson(res, 200, [{ id: 0, title: 'The Comedy of Errors', descriptionHtml: 'One of William Shakespeare’s early plays.' }]);
  }
  const match = /^\/api\/v1\/products\/(\d+)(?:\/(reviews|ratings))?$/.exec(path);
  if (!match) return sendText(res, 404, 'not found');
  const id = match[1];
  const { headers } = downstreamHeaders(req);
  const target =
    match[2] === 'reviews'
      ? { service: 'reviews', path: `/reviews/${id}`, timeoutMs: s.reviewsTimeoutMs, retries: s.reviewsRetries }
      : match[2] === 'ratings'
        ? { service: 'ratings', path: `/ratings/${id}`, timeoutMs: s.detailsTimeoutMs }
        : { service: 'details', path: `/details/${id}`, timeoutMs: s.detailsTimeoutMs };
  const result = await client.call({ ...target, headers });
  if (res.destroyed) return;
  if (result.setCookie.length > 0) res.setHeader('set-cookie', result.setCookie);
  if (!result.ok) return sendJson(res, result.status || 503, { error: `${target.service} unavailable` });
  sendText(res, 200, result.body, 'application/json');
}

function staticFile(path: string, res: ServerResponse): void {
  if (path.endsWith('.css')) sendText(res, 200, CSS, 'text/css; charset=utf-8');
  else sendText(res, 404, 'not found');
}

function parseObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function parseReviews(body: string): ReviewsResponse | undefined {
  const value = parseObject(body);
  if (!value || !Array.isArray(value.reviews) || typeof value.podname !== 'string') return undefined;
  return value as unknown as ReviewsResponse;
}

export function startProductpage(options: ProductpageOptions & ListenOptions): Promise<RunningService> {
  const productpage = createProductpage(options);
  return listen(productpage, options, productpage.dispose);
}
