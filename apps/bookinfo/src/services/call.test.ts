import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './call.js';
import { listen, type RunningService } from './server.js';

let server: RunningService;
let answers: number[] = [];
const seen: { url: string; host: string }[] = [];

beforeAll(async () => {
  server = await listen((req, res) => {
    seen.push({ url: req.url ?? '', host: req.headers.host ?? '' });
    const status = answers.shift() ?? 200;
    if (status === 0) return; // hang
    res.writeHead(status, { 'set-cookie': [`n=${seen.length}`] });
    res.end(`answer ${seen.length}`);
  });
});
afterAll(() => server.close());

describe('call', () => {
  it('sends to the outbound listener with Host <service>:9080 and the path as given', async () => {
    const client = createClient({ host: '127.0.0.1', port: server.port });
    seen.length = 0;
    const result = await client.call({ service: 'reviews', path: '/productpage?u=1', timeoutMs: 1000 });
    expect(result).toMatchObject({ ok: true, status: 200, attempts: 1, setCookie: ['n=1'] });
    expect(seen).toEqual([{ url: '/productpage?u=1', host: 'reviews:9080' }]);
    client.close();
  });

  it('retries only when asked, on a non-200 or a timeout', async () => {
    const client = createClient({ host: '127.0.0.1', port: server.port });
    answers = [503];
    expect(await client.call({ service: 'details', path: '/details/0', timeoutMs: 1000 })).toMatchObject({ ok: false, status: 503, attempts: 1 });
    answers = [0, 200];
    const retried = await client.call({ service: 'reviews', path: '/', timeoutMs: 100, retries: 1 });
    expect(retried).toMatchObject({ ok: true, status: 200, attempts: 2 });
    answers = [0, 0];
    expect(await client.call({ service: 'reviews', path: '/', timeoutMs: 100, retries: 1 })).toMatchObject({
      ok: false,
      status: 0,
      error: 'timeout',
      attempts: 2,
    });
    client.close();
  });

  it('reports a refused connection without a status', async () => {
    const closed = await listen(() => {});
    await closed.close();
    const client = createClient({ host: '127.0.0.1', port: closed.port });
    expect(await client.call({ service: 'ratings', path: '/ratings/0', timeoutMs: 500 })).toMatchObject({ ok: false, status: 0, error: 'ECONNREFUSED' });
    client.close();
  });
});
