// The proxy's /ws/config client against a peer speaking the server's side of the protocol
// (a bare `ws` server in the test, so the test can send what a real server never would —
// a snapshot that does not compile): hello first with the proxy's identity, ACK of a good
// snapshot, NACK with the compiler's error for a bad one while the last good table keeps
// serving, and a reconnect after the server drops the socket (Envoy's xDS ACK/NACK:
// https://www.envoyproxy.io/docs/envoy/latest/api-docs/xds_protocol#ack-and-nack-semantics).
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import type { ConfigSnapshot, ProxyToServer } from '@rudder/shared/protocol';
import { createProxyRuntime } from '../runtime.js';
import { type ConfigClient, startConfigClient } from './config-client.js';

const meta = (name: string) => ({ name, namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' });
const snapshot = (version: string, regex: string): ConfigSnapshot =>
  ({
    version,
    workloads: [],
    services: [],
    mesh: { outboundTrafficPolicy: 'ALLOW_ANY', shadowHostSuffix: true },
    resources: [
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: meta('r'),
        spec: { hosts: ['reviews'], http: [{ match: [{ uri: { regex } }], directResponse: { status: 204 } }] },
      },
    ],
  }) as unknown as ConfigSnapshot;

let wss: WebSocketServer;
let url: string;
const received: ProxyToServer[] = [];
const sockets: WebSocket[] = [];
const authorizations: (string | undefined)[] = [];

const next = async (type: ProxyToServer['type'], after = 0): Promise<ProxyToServer> => {
  for (let i = 0; i < 200; i++) {
    const found = received.slice(after).find((m) => m.type === type);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no ${type} message`);
};
const push = (s: ConfigSnapshot) => sockets.at(-1)?.send(JSON.stringify({ type: 'snapshot', snapshot: s }));

beforeAll(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws/config' });
  await new Promise((r) => wss.once('listening', r));
  url = `http://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  wss.on('connection', (ws, req) => {
    sockets.push(ws);
    authorizations.push(req.headers.authorization);
    ws.on('message', (data) => received.push(JSON.parse(String(data)) as ProxyToServer));
  });
});
afterAll(() => new Promise((r) => wss.close(r)));

describe('config client (ACK/NACK, last good table, reconnect)', () => {
  let client: ConfigClient;
  const runtime = createProxyRuntime({ telemetry: false });

  afterAll(() => client?.close());

  it('says hello with its identity and token, then ACKs a snapshot that compiles', async () => {
    client = startConfigClient({
      server: url,
      token: 't0ken',
      identity: { id: 'sidecar-test', mode: 'sidecar', namespace: 'default', labels: { app: 'test' } },
      apply: (s) => runtime.tables.install(s),
      minBackoffMs: 20,
      maxBackoffMs: 100,
    });
    expect(await next('hello')).toMatchObject({ proxy: { id: 'sidecar-test', mode: 'sidecar' } });
    expect(authorizations[0]).toBe('Bearer t0ken');
    push(snapshot('1', '/reviews/[0-9]+'));
    expect(await next('ack')).toEqual({ type: 'ack', version: '1' });
    await client.ready(1000);
    expect(client.state()).toMatchObject({ connected: true, version: '1' });
  });

  it('NACKs a snapshot that does not compile, with the error, and keeps serving the last good one', async () => {
    const before = received.length;
    push(snapshot('2', '/reviews/(?<'));
    const nack = await next('nack', before);
    expect(nack).toMatchObject({ type: 'nack', version: '2' });
    expect((nack as { error: string }).error).toContain('regex');
    expect(client.state()).toMatchObject({ version: '1' });
    expect(client.state().lastError).toContain('regex');
    expect(runtime.tables.snapshot()?.version).toBe('1');
  });

  it('reconnects when the server drops the socket, says hello again and takes the next snapshot', async () => {
    const before = received.length;
    sockets.at(-1)?.terminate();
    await next('hello', before);
    expect(sockets).toHaveLength(2);
    push(snapshot('3', '/ratings/.*'));
    expect(await next('ack', before)).toEqual({ type: 'ack', version: '3' });
    expect(client.state()).toMatchObject({ connected: true, version: '3', reconnects: 1 });
    expect(client.state().lastError).toBeUndefined();
  });
});
