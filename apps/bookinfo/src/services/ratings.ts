// ratings: `/ratings/<id>` → the two reviewers' stars, like Istio's Bookinfo ratings v1,
// with a fault knob per instance (error rate, delay) so retries can be shown on a flaky
// instance: setFault() on the instance, or `POST /__fault` with the same JSON.
import type { RequestListener } from 'node:http';
import { type ListenOptions, listen, pathOf, productId, readBody, type RunningService, sendJson, sendText, settle } from './server.js';

export interface RatingsFault {
  /** Share of requests answered 503 `ratings fault injected`, 0..1. */
  errorRate: number;
  /** Delay before every answer, in ms. */
  delayMs: number;
}

export interface RatingsOptions {
  /** Instance (pod) name, e.g. `ratings-v1-1`; answered as `podname`. */
  instance?: string;
  fault?: Partial<RatingsFault>;
  /** Randomness for the error roll (tests inject it). */
  random?: () => number;
}

export interface RatingsControl {
  setFault(fault: Partial<RatingsFault>): RatingsFault;
  getFault(): RatingsFault;
}

export type RatingsListener = RequestListener & RatingsControl;
export type RunningRatings = RunningService & RatingsControl;

export const NO_FAULT: RatingsFault = { errorRate: 0, delayMs: 0 };
const MAX_DELAY_MS = 10 * 60_000;

/** A fault from untrusted JSON; absent fields are 0 (no fault). A string says what is wrong. */
export function parseRatingsFault(value: unknown): RatingsFault | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the fault must be a JSON object';
  const { errorRate = 0, delayMs = 0, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return `unknown field "${unknown[0]}" (errorRate, delayMs)`;
  if (typeof errorRate !== 'number' || !(errorRate >= 0 && errorRate <= 1)) return 'errorRate must be a number from 0 to 1';
  if (typeof delayMs !== 'number' || !(delayMs >= 0 && delayMs <= MAX_DELAY_MS)) return `delayMs must be a number from 0 to ${MAX_DELAY_MS}`;
  return { errorRate, delayMs };
}

export function createRatings(options: RatingsOptions = {}): RatingsListener {
  const instance = options.instance ?? 'ratings-v1';
  const random = options.random ?? Math.random;
  let fault: RatingsFault = { ...NO_FAULT };
  const setFault = (next: Partial<RatingsFault>): RatingsFault => {
    const parsed = parseRatingsFault(next);
    if (typeof parsed === 'string') throw new RangeError(parsed);
    fault = parsed;
    return { ...fault };
  };
  if (options.fault) setFault(options.fault);

  const listener: RequestListener = (req, res) => {
    const path = pathOf(req.url);
    if (path === '/__fault') {
      if (req.method === 'GET') return sendJson(res, 200, fault);
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'GET or POST' });
      const work = readBody(req).then(
        (text) => {
          let parsed: RatingsFault | string;
          try {
            parsed = parseRatingsFault(JSON.parse(text || '{}'));
          } catch {
            parsed = 'the body must be JSON';
          }
          if (typeof parsed === 'string') return sendJson(res, 400, { error: parsed });
          sendJson(res, 200, setFault(parsed));
        },
        () => sendJson(res, 400, { error: 'unreadable body' }),
      );
      return settle(res, work);
    }
    if (path === '/health') return sendJson(res, 200, { status: 'Ratings is healthy' });
    if (!/^\/ratings\/\d+$/.test(path)) return sendJson(res, 404, { error: 'please provide a numeric product id' });
    const { errorRate, delayMs } = fault;
    const answer = () => {
      if (res.destroyed) return;
      if (errorRate > 0 && random() < errorRate) return sendText(res, 503, 'ratings fault injected');
      sendJson(res, 200, { id: productId(path, 'ratings'), podname: instance, ratings: { Reviewer1: 5, Reviewer2: 4 } });
    };
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  };
  return Object.assign(listener, { setFault, getFault: () => ({ ...fault }) });
}

export async function startRatings(options: RatingsOptions & ListenOptions = {}): Promise<RunningRatings> {
  const ratings = createRatings(options);
  const running = await listen(ratings, options);
  return { ...running, setFault: ratings.setFault, getFault: ratings.getFault };
}
