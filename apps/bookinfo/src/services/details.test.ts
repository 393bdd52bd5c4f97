import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDetails } from './details.js';
import type { RunningService } from './server.js';
import { fetchText } from './testing/http.js';

let details: RunningService;
beforeAll(async () => {
  details = await startDetails({ instance: 'details-v1-1' });
});
afterAll(() => details.close());

describe('details', () => {
  it('answers the book details at /details/<id>', async () => {
    const answer = await fetchText(`${details.url}/details/0`);
    expect(answer.status).toBe(200);
    expect(answer.headers['x-instance']).toBe('details-v1-1');
    expect(JSON.parse(answer.body)).toEqual({
      id: 0,
      author: 'William Shakespeare',
      year: 1595,
      type: 'paperback',
      pages: 200,
      publisher: 'PublisherA',
      language: 'English',
      'ISBN-10': '1234567890',
      'ISBN-13': '123-1234567890',
    });
  });

  it('answers 404 without a numeric id', async () => {
    expect((await fetchText(`${details.url}/details/abc`)).status).toBe(404);
    expect((await fetchText(`${details.url}/health`)).status).toBe(200);
  });
});
