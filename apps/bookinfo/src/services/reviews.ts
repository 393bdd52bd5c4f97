// reviews v1/v2/v3: the book's two reviews as JSON on any path. v1 has no ratings; v2 and
// v3 ask ratings (10 s timeout, through the sidecar) and add black (v2) or red (v3) stars.
// Propagated headers go to ratings, and ratings' Set-Cookie comes back to the caller.
import type { RequestListener } from 'node:http';
import { type Client, createClient, type Outbound, propagatedHeaders } from './call.js';
import { type ListenOptions, listen, pathOf, productId, type RunningService, sendJson, settle } from './server.js';

export type ReviewsVersion = 'v1' | 'v2' | 'v3';

export interface ReviewsOptions {
  version: ReviewsVersion;
  /** Instance (pod) name, e.g. `reviews-v2-1`; answered as `podname`. */
  instance?: string;
  outbound: Outbound;
  /** reviews → ratings timeout; Istio's sample hard-codes 10 s. */
  ratingsTimeoutMs?: number;
}

/** Istio's reviews v2/v3 → ratings timeout. */
export const RATINGS_TIMEOUT_MS = 10_000;

export const RATINGS_UNAVAILABLE = 'Ratings service is currently unavailable';

export type Rating = { stars: number; color: 'black' | 'red' } | { error: string };

export interface Review {
  reviewer: string;
  text: string;
  rating?: Rating;
}

export interface ReviewsResponse {
  id: string;
  podname: string;
  version: ReviewsVersion;
  reviews: Review[];
}

const REVIEWS: readonly Review[] = [
  { reviewer: 'Reviewer1', text: 'An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!' },
  {
    reviewer: 'Reviewer2',
    text: 'Absolutely fun and entertaining. The play lacks thematic depth when compared to other plays by Shakespeare.',
  },
];

const COLOR = { v2: 'black', v3: 'red' } as const;

export function createReviews(options: ReviewsOptions): RequestListener & { dispose(): void } {
  const { version } = options;
  const instance = options.instance ?? `reviews-${version}`;
  const timeoutMs = options.ratingsTimeoutMs ?? RATINGS_TIMEOUT_MS;
  const client: Client = createClient(options.outbound);

  const listener: RequestListener = (req, res) => {
    const id = productId(pathOf(req.url), 'reviews');
    const answer = (reviews: Review[], setCookie: string[] = []) =>
      sendJson(res, 200, { id: String(id), podname: instance, version, reviews } satisfies ReviewsResponse, setCookie.length > 0 ? { 'set-cookie': setCookie } : {});
    if (version === 'v1') return answer(REVIEWS.map((r) => ({ ...r })));
    const color = COLOR[version];
    const work = client
      .call({ service: 'ratings', path: `/ratings/${id}`, headers: propagatedHeaders(req), timeoutMs })
      .then((result) => {
        const stars = result.ok ? starsOf(result.body) : undefined;
        const reviews = REVIEWS.map((r) => {
          const value = stars?.[r.reviewer];
          const rating: Rating = value === undefined ? { error: RATINGS_UNAVAILABLE } : { stars: value, color };
          return { ...r, rating };
        });
        if (!res.destroyed) answer(reviews, result.setCookie);
      });
    settle(res, work);
  };
  return Object.assign(listener, { dispose: () => client.close() });
}

/** Reviewer → stars from ratings' JSON; undefined when it is not what ratings answers. */
function starsOf(body: string): Record<string, number> | undefined {
  try {
    const parsed = JSON.parse(body) as { ratings?: unknown };
    const ratings = parsed.ratings;
    if (typeof ratings !== 'object' || ratings === null) return undefined;
    return Object.fromEntries(Object.entries(ratings).filter(([, v]) => typeof v === 'number')) as Record<string, number>;
  } catch {
    return undefined;
  }
}

export function startReviews(options: ReviewsOptions & ListenOptions): Promise<RunningService> {
  const reviews = createReviews(options);
  return listen(reviews, options, reviews.dispose);
}
