// Every route × {anonymous, viewer, editor}: no token is 401, a viewer writing is 403,
// an editor may do anything; public routes need no token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const VS = '/apis/networking.istio.io/v1/namespaces/default/virtualservices';
const vs = { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'r' }, spec: { hosts: ['r'], http: [{ route: [{ destination: { host: 'r' } }] }] } };

// method, path, body/type for writes; which statuses count as "allowed" is the route's own answer (not 401/403).
const ROUTES: [string, string, unknown?, string?][] = [
  ['GET', VS],
  ['GET', '/apis/networking.istio.io/v1/virtualservices'],
  ['GET', `${VS}/r`],
  ['POST', VS, vs],
  ['PUT', `${VS}/r`, vs],
  ['PATCH', `${VS}/r`, { spec: { hosts: ['r'] } }, 'application/merge-patch+json'],
  ['DELETE', `${VS}/r`],
  ['POST', '/rudder/v1/apply', vs],
  ['GET', '/rudder/v1/revisions'],
  ['GET', '/rudder/v1/revisions/1'],
  ['GET', '/rudder/v1/revisions/1/diff'],
  ['POST', '/rudder/v1/revisions/1/rollback'],
  ['GET', '/rudder/v1/registry'],
  ['GET', '/rudder/v1/registry/resolved'],
  ['PUT', '/rudder/v1/registry/services/default/x', { name: 'x', ports: [{ port: 80 }], selector: { app: 'x' } }],
  ['DELETE', '/rudder/v1/registry/services/default/x'],
  ['PUT', '/rudder/v1/registry/workloads/default/x-v1', { name: 'x-v1', labels: { app: 'x' } }],
  ['PUT', '/rudder/v1/registry/instances/default/x-v1-1', { name: 'x-v1-1', workload: 'x-v1', address: '127.0.0.1', port: 9 }],
  ['POST', '/rudder/v1/registry/instances/default/x-v1-1/heartbeat'],
  ['DELETE', '/rudder/v1/registry/instances/default/x-v1-1'],
  ['DELETE', '/rudder/v1/registry/workloads/default/x-v1'],
  ['GET', '/rudder/v1/proxies'],
  ['GET', '/rudder/v1/whoami'],
  ['POST', '/rudder/v1/tokens', { name: 'ci', role: 'viewer' }],
  ['GET', '/rudder/v1/sandbox'],
  ['PUT', '/rudder/v1/sandbox', { url: 'http://127.0.0.1:9', token: 'a-control-token-of-length' }],
  ['GET', '/rudder/v1/validations'],
  ['GET', '/openapi/v3'],
  ['GET', '/openapi/v3/apis/networking.istio.io/v1'],
  ['GET', '/api'],
  ['GET', '/apis'],
  ['GET', '/api/v1'],
  ['GET', '/apis/networking.istio.io/v1'],
  ['GET', '/api/v1/namespaces/default/pods'],
  ['GET', '/apis/apps/v1/namespaces/default/deployments'],
  ['GET', '/api/v1/namespaces/default/services'],
  ['GET', '/api/v1/namespaces'],
  ['GET', '/api/v1/namespaces/default/events'],
  ['PATCH', '/api/v1/namespaces/default/pods/x', {}, 'application/merge-patch+json'],
  ['POST', '/rudder/v1/kubeconfig', { role: 'viewer' }],
];
// POSTs that change nothing: any signed-in role may call them.
const READ_POSTS: [string, string, unknown][] = [['POST', '/rudder/v1/simulate', { from: 'gateway', host: 'reviews' }]];

const PUBLIC: [string, string][] = [
  ['GET', '/healthz'],
  ['GET', '/readyz'],
  ['GET', '/rudder/v1/docs'],
  ['GET', '/version'],
];

describe('auth on every route', () => {
  it.each(ROUTES)('%s %s', async (method, path, body, type) => {
    const write = method !== 'GET';
    const options = body === undefined ? {} : { body, ...(type ? { type } : {}) };
    const anonymous = await h.call(method, path, { ...options, as: 'anonymous' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    const wrong = await h.call(method, path, { ...options, as: 'not-a-token' });
    expect(wrong.status).toBe(401);
    const viewer = await h.call(method, path, { ...options, as: 'viewer' });
    if (write) {
      expect(viewer.status).toBe(403);
      expect(viewer.json).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    } else {
      expect(viewer.status).not.toBe(401);
      expect(viewer.status).not.toBe(403);
    }
    const editor = await h.call(method, path, { ...options, as: 'editor' });
    expect([401, 403]).not.toContain(editor.status);
    expect(editor.status, `${method} ${path}: ${editor.text}`).toBeLessThan(500);
  });

  it.each(READ_POSTS)('%s %s is open to viewers and closed to anonymous callers', async (method, path, body) => {
    expect((await h.call(method, path, { body, as: 'anonymous' })).status).toBe(401);
    expect((await h.call(method, path, { body, as: 'viewer' })).status).toBe(200);
  });

  it.each(PUBLIC)('%s %s needs no token', async (method, path) => {
    const res = await h.call(method, path, { as: 'anonymous' });
    expect(res.status).toBe(200);
  });

  it('the sign-in link works once and sets an HttpOnly SameSite session cookie that authenticates', async () => {
    const code = h.tokenStore.createLoginCode();
    const first = await fetch(`${h.url}/login?code=${code}`, { redirect: 'manual' });
    expect(first.status).toBe(302);
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/rudder_session=[^;]+; HttpOnly; SameSite=Strict/);
    const whoami = await h.call('GET', '/rudder/v1/whoami', { as: 'anonymous', headers: { cookie: cookie.split(';')[0] as string } });
    expect(whoami.status).toBe(200);
    expect(whoami.json).toMatchObject({ name: 'dashboard', role: 'editor' });
    const again = await fetch(`${h.url}/login?code=${code}`, { redirect: 'manual' });
    expect(again.status).toBe(401);
  });

  it('a minted viewer token reads and cannot write', async () => {
    const minted = await h.call('POST', '/rudder/v1/tokens', { body: { name: 'reader', role: 'viewer' } });
    expect(minted.status).toBe(200);
    expect((await h.call('GET', VS, { as: minted.json.token })).status).toBe(200);
    expect((await h.call('POST', VS, { as: minted.json.token, body: vs })).status).toBe(403);
    expect((await h.call('POST', '/rudder/v1/tokens', { body: { name: 'x', role: 'admin' } })).json.details.causes[0].field).toBe('role');
  });
});
