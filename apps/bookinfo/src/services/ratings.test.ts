import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRatingsFault, type RunningRatings, startRatings } from './ratings.js';
import { fetchText } from './testing/http.js';

let ratings: RunningRatings;
let roll = 0;
const get = (path: string) => fetchText(`${ratings.url}${path}`);
const postFault = (body: string) => fetchText(`${ratings.url}/__fault`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

beforeAll(async () => {
  ratings = await startRatings({ instance: 'ratings-v1-1', random: () => roll });
});
afterAll(() => ratings.close());

describe('ratings', () => {
  it('answers the two reviewers stars at /ratings/<id>', async () => {
    const answer = await get('/ratings/3');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ id: 3, podname: 'ratings-v1-1', ratings: { Reviewer1: 5, Reviewer2: 4 } });
    expect((await get('/ratings/x')).status).toBe(404);
  });

  it('fails the configured share of requests with 503 when its fault knob is set', async () => {
    ratings.setFault({ errorRate: 0.5 });
    roll = 0.49;
    const failed = await get('/ratings/0');
    expect(failed.status).toBe(503);
    expect(failed.body).toBe('ratings fault injected');
    roll = 0.5;
    expect((await get('/ratings/0')).status).toBe(200);
    expect(ratings.getFault()).toEqual({ errorRate: 0.5, delayMs: 0 });
    ratings.setFault({});
    roll = 0;
    expect((await get('/ratings/0')).status).toBe(200);
  });

  it('delays answers when told', async () => {
    ratings.setFault({ delayMs: 150 });
    const answer = await get('/ratings/0');
    ratings.setFault({});
    expect(answer.status).toBe(200);
    expect(answer.ms).toBeGreaterThanOrEqual(140);
  });

  it('takes the same knob over HTTP: POST /__fault, GET /__fault', async () => {
    const set = await postFault('{"errorRate":1,"delayMs":10}');
    expect(set.status).toBe(200);
    expect(JSON.parse(set.body)).toEqual({ errorRate: 1, delayMs: 10 });
    expect(JSON.parse((await get('/__fault')).body)).toEqual({ errorRate: 1, delayMs: 10 });
    expect((await get('/ratings/0')).status).toBe(503);
    expect((await postFault('{"errorRate":2}')).status).toBe(400);
    expect((await postFault('not json')).status).toBe(400);
    expect(JSON.parse((await postFault('{}')).body)).toEqual({ errorRate: 0, delayMs: 0 });
    expect((await get('/ratings/0')).status).toBe(200);
  });

  it('refuses a fault out of range', () => {
    expect(() => ratings.setFault({ errorRate: -0.1 })).toThrow(RangeError);
    expect(parseRatingsFault({ errorRate: 0.5, delay: 3 })).toBe('unknown field "delay" (errorRate, delayMs)');
    expect(parseRatingsFault({ delayMs: -1 })).toMatch(/delayMs/);
    expect(parseRatingsFault([])).toMatch(/object/);
  });
});
