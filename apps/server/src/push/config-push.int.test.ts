// /ws/config: two proxies subscribed; a change reaches both with a new version; ACK and
// NACK are recorded and shown by the API; exportTo limits what each proxy sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ConfigSnapshot, ProxyIdentity, ServerToProxy } from '@rudder/shared/protocol';
import { type Harness, startHarness } from '../testing/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** A minimal proxy: connects, says hello, queues snapshots. */
async function connect(identity: ProxyIdentity, token = h.tokens.editor) {
  const socket = new WebSocket(`${h.url.replace('http', 'ws')}/ws/config`, { headers: { authorization: `Bearer ${token}` } });
  const snapshots: ConfigSnapshot[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as ServerToProxy;
    if (message.type === 'snapshot') snapshots.push(message.snapshot);
    for (const w of waiters.splice(0)) w();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'hello', proxy: identity }));
  const next = async (after?: string): Promise<ConfigSnapshot> => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = snapshots.find((s) => after === undefined || Number(s.version) > Number(after));
      if (found) return found;
      if (Date.now() > deadline) throw new Error('no snapshot arrived');
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 200);
      });
    }
  };
  return { socket, next, send: (m: unknown) => socket.send(JSON.stringify(m)) };
}

const proxies = async () => (await h.call('GET', '/rudder/v1/proxies')).json.items as { identity: { id: string }; state: string; ackedVersion?: string; lastError?: string }[];
const vs = (name: string, exportTo?: string[]) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name },
  spec: { hosts: [name], http: [{ route: [{ destination: { host: name } }] }], ...(exportTo ? { exportTo } : {}) },
});

describe('config push', () => {
  it('pushes to two proxies, records ACK and NACK, and shows them in the API', async () => {
    const sidecar = await connect({ id: 'sidecar-a', mode: 'sidecar', namespace: 'default', workloads: [{ name: 'reviews-v1', namespace: 'default' }] });
    const gateway = await connect({ id: 'gateway-a', mode: 'gateway', namespace: 'istio-system', labels: { istio: 'ingressgateway' } });
    const first = await sidecar.next();
    const firstGw = await gateway.next();
    expect(first.mesh.outboundTrafficPolicy).toBe('ALLOW_ANY');
    expect(firstGw.version).toBe(first.version);

    await h.call('POST', '/apis/networking.istio.io/v1/namespaces/default/virtualservices', { body: vs('reviews') });
    const second = await sidecar.next(first.version);
    const secondGw = await gateway.next(first.version);
    expect(Number(second.version)).toBeGreaterThan(Number(first.version));
    expect(second.resources.map((r) => r.metadata.name)).toContain('reviews');
    expect(secondGw.version).toBe(second.version);

    sidecar.send({ type: 'ack', version: second.version });
    gateway.send({ type: 'nack', version: second.version, error: 'route table: bad regex' });
    await new Promise((r) => setTimeout(r, 100));
    const states = await proxies();
    expect(states.find((p) => p.identity.id === 'sidecar-a')).toMatchObject({ state: 'Synced', ackedVersion: second.version });
    expect(states.find((p) => p.identity.id === 'gateway-a')).toMatchObject({ state: 'Rejected', lastError: 'route table: bad regex' });

    sidecar.socket.close();
    await new Promise((r) => setTimeout(r, 100));
    expect((await proxies()).find((p) => p.identity.id === 'sidecar-a')?.state).toBe('Disconnected');
    gateway.socket.close();
  });

  it('coalesces a burst of changes and pushes registry changes too', async () => {
    const proxy = await connect({ id: 'sidecar-b', mode: 'sidecar', namespace: 'default' });
    const start = await proxy.next();
    await h.call('POST', '/rudder/v1/apply', { body: [1, 2, 3].map((i) => `kind: VirtualService\napiVersion: networking.istio.io/v1\nmetadata: {name: burst-${i}}\nspec: {hosts: [b${i}], http: [{route: [{destination: {host: b${i}}}]}]}\n`).join('---\n') });
    const after = await proxy.next(start.version);
    expect(after.resources.filter((r) => r.metadata.name.startsWith('burst-'))).toHaveLength(3);
    await h.call('PUT', '/rudder/v1/registry/services/default/details', { body: { name: 'details', ports: [{ port: 9080 }], selector: { app: 'details' } } });
    const withService = await proxy.next(after.version);
    expect(withService.services.map((s) => s.host)).toContain('details.default.svc.cluster.local');
    proxy.socket.close();
  });

  it('honours exportTo: a resource exported to "." is seen only in its own namespace', async () => {
    await h.call('POST', '/apis/networking.istio.io/v1/namespaces/default/virtualservices', { body: vs('private', ['.']) });
    const local = await connect({ id: 'sidecar-local', mode: 'sidecar', namespace: 'default' });
    const other = await connect({ id: 'sidecar-other', mode: 'sidecar', namespace: 'prod' });
    expect((await local.next()).resources.map((r) => r.metadata.name)).toContain('private');
    expect((await other.next()).resources.map((r) => r.metadata.name)).not.toContain('private');
    local.socket.close();
    other.socket.close();
  });

  it('refuses a connection without a valid token, and a first message that is not hello', async () => {
    const refused = new WebSocket(`${h.url.replace('http', 'ws')}/ws/config`, { headers: { authorization: 'Bearer nope' } });
    const status = await new Promise<number>((resolve) => refused.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
    const socket = new WebSocket(`${h.url.replace('http', 'ws')}/ws/config`, { headers: { authorization: `Bearer ${h.tokens.viewer}` } });
    await new Promise((r) => socket.once('open', r));
    socket.send(JSON.stringify({ type: 'ack', version: '1' }));
    const code = await new Promise<number>((resolve) => socket.once('close', (c) => resolve(c)));
    expect(code).toBe(1008);
  });
});
