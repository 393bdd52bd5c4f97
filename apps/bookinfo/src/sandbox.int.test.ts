// The sandbox end to end: a real server (child process), the gateway, every sidecar and
// the Bookinfo apps; productpage through the gateway, as a user loads it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './testing/system.js';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
}, 60_000);
afterAll(() => system?.close());

const page = async (path = '/productpage', headers: Record<string, string> = {}) => {
  const res = await fetch(`${system.gatewayUrl}${path}`, { headers });
  return { status: res.status, text: await res.text() };
};

describe('the Bookinfo sandbox through the gateway', () => {
  it('serves productpage with details and reviews', async () => {
    const res = await page();
    expect(res.status).toBe(200);
    expect(res.text).toContain('The Comedy of Errors');
    expect(res.text).toContain('William Shakespeare');
    expect(res.text).toMatch(/Reviewer1/);
  });
});
