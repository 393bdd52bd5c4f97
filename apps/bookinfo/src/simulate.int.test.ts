// The request simulator agrees with the data plane: for requests whose route is decided
// (a single destination), the subset the simulator names is the version that answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './testing/system.js';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
}, 60_000);
afterAll(() => system?.close());

async function simulatedSubset(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${system.serverUrl}/rudder/v1/simulate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${system.token}`, 'content-type': 'application/json' },
    // productpage calls reviews with its own path and query (see README).
    body: JSON.stringify({ from: 'productpage-v1', host: 'reviews', port: 9080, path, headers }),
  });
  const json = (await res.json()) as { destinations: { subset?: string; weight: number }[] };
  expect(json.destinations).toHaveLength(1);
  return json.destinations[0]?.subset;
}

async function servedVersion(path: string, user?: string) {
  const res = await fetch(`${system.gatewayUrl}${path}`, { headers: user ? { cookie: `session=${user}` } : {} });
  return /Reviews served by: <u>reviews-(v\d)/.exec(await res.text())?.[1];
}

describe('POST /rudder/v1/simulate agrees with what the proxies do', () => {
  it.each([
    ['6.3', '/productpage?test-v2=true'],
    ['6.3', '/productpage?test-v2=false'],
    ['6.3', '/productpage'],
    ['6.3', '/productpage?x=1&test-v2=true'],
    ['6.3', '/productpage/other?test-v2=true'],
    ['6.4', '/productpage/v2'],
    ['6.4', '/productpage/v2/more'],
    ['6.4', '/productpage'],
    ['6.4', '/productpage/v3'],
    ['6.4', '/productpage?test-v2=true'],
  ])('scenario %s, page %s', async (scenario, path) => {
    expect((await system.control('POST', `/scenarios/${scenario}/apply`)).status).toBe(200);
    const expected = await simulatedSubset(path);
    expect(expected).toMatch(/^v\d$/);
    for (let i = 0; i < 3; i++) expect(await servedVersion(path)).toBe(expected);
  });
});
