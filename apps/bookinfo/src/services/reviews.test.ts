import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRatings, startRatings } from './ratings.js';
import { RATINGS_UNAVAILABLE, type ReviewsResponse, startReviews } from './reviews.js';
import type { RunningService } from './server.js';
import { type FakeSidecar, startFakeSidecar } from './testing/fake-sidecar.js';
import { fetchText } from './testing/http.js';

let sidecar: FakeSidecar;
let ratings: RunningRatings;
let v1: RunningService;
let v2: RunningService;
let v3: RunningService;
const json = async (service: RunningService, path: string, headers: Record<string, string> = {}) =>
  JSON.parse((await fetchText(`${service.url}${path}`, { headers })).body) as ReviewsResponse;

beforeAll(async () => {
  sidecar = await startFakeSidecar();
  const { outbound } = sidecar;
  ratings = await startRatings({ instance: 'ratings-v1-2' });
  sidecar.route('ratings', ratings.port);
  [v1, v2, v3] = await Promise.all([
    startReviews({ version: 'v1', instance: 'reviews-v1-2', outbound }),
    startReviews({ version: 'v2', instance: 'reviews-v2-1', outbound, ratingsTimeoutMs: 200 }),
    startReviews({ version: 'v3', instance: 'reviews-v3-1', outbound }),
  ]);
});
afterAll(async () => {
  await Promise.all([v1, v2, v3, ratings].map((s) => s.close()));
  await sidecar.close();
});
afterEach(() => {
  sidecar.seen.length = 0;
  ratings.setFault({});
});

describe('reviews', () => {
  it('v1 answers on any path with two reviews, its instance and version, and no ratings', async () => {
    for (const path of ['/reviews/0', '/productpage/v2?test-v2=true', '/']) {
      const body = await json(v1, path);
      expect(body.podname).toBe('reviews-v1-2');
      expect(body.version).toBe('v1');
      expect(body.reviews.map((r) => r.reviewer)).toEqual(['Reviewer1', 'Reviewer2']);
      expect(body.reviews[1]?.text).toBe(
        'Absolutely fun and entertaining. The play lacks thematic depth when compared to other plays by Shakespeare.',
      );
      expect(body.reviews.every((r) => r.rating === undefined)).toBe(true);
    }
    expect(sidecar.seenBy('ratings')).toHaveLength(0);
  });

  it('v2 adds black stars and v3 red stars from ratings, asked through the sidecar', async () => {
    const black = await json(v2, '/productpage');
    expect(black.reviews.map((r) => r.rating)).toEqual([
      { stars: 5, color: 'black' },
      { stars: 4, color: 'black' },
    ]);
    const red = await json(v3, '/reviews/7');
    expect(red.id).toBe('7');
    expect(red.reviews[0]?.rating).toEqual({ stars: 5, color: 'red' });
    expect(sidecar.seenBy('ratings').map((s) => [s.url, s.headers.host])).toEqual([
      ['/ratings/0', 'ratings:9080'],
      ['/ratings/7', 'ratings:9080'],
    ]);
  });

  it('reports ratings as unavailable on an error or past its timeout', async () => {
    ratings.setFault({ errorRate: 1 });
    expect((await json(v3, '/reviews/0')).reviews[0]?.rating).toEqual({ error: RATINGS_UNAVAILABLE });
    ratings.setFault({ delayMs: 1000 });
    const started = performance.now();
    const slow = await json(v2, '/reviews/0');
    expect(slow.reviews.map((r) => r.rating)).toEqual([{ error: RATINGS_UNAVAILABLE }, { error: RATINGS_UNAVAILABLE }]);
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('propagates context headers and Cookie to ratings and relays its Set-Cookie', async () => {
    sidecar.addSetCookie('ratings', 'user=abc; Path=/');
    const headers = { 'end-user': 'tester', 'x-request-id': 'r-9', cookie: 'user=abc', 'x-b3-sampled': '0', 'x-unrelated': 'no' };
    const answer = await fetchText(`${v2.url}/reviews/0`, { headers });
    sidecar.addSetCookie('ratings', undefined);
    const seen = sidecar.seenBy('ratings')[0]?.headers;
    expect(seen).toMatchObject({ 'end-user': 'tester', 'x-request-id': 'r-9', cookie: 'user=abc', 'x-b3-sampled': '0' });
    expect(seen?.['x-unrelated']).toBeUndefined();
    expect(answer.headers['set-cookie']).toEqual(['user=abc; Path=/']);
  });
});
