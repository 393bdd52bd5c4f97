// Test harness: a real server on 127.0.0.1 and a random port, a real SQLite file in a
// temporary data dir, and tokens for each role. With `{ kube: true }` it also serves the
// HTTPS listener for kubectl on a random port and writes <data-dir>/kubeconfig, as main.ts
// does. Used by the integration tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createTokenStore, type TokenStore } from '../auth/tokens.js';
import { buildServer, listenKube, type ServerDeps } from '../server.js';
import { openDatabase } from '../store/db.js';
import { ensureCertificates } from '../tls/certificates.js';
import { kubeServerUrl, writeKubeconfig } from '../tls/kubeconfig.js';

export interface Harness {
  url: string;
  dataDir: string;
  app: FastifyInstance;
  tokens: { editor: string; viewer: string };
  tokenStore: TokenStore;
  /** With `kube`: the HTTPS URL, the kubeconfig path (admin token) and the CA PEM. */
  kube?: { url: string; kubeconfig: string; ca: string };
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  close(): Promise<void>;
}

export interface CallOptions {
  /** 'editor' (default), 'viewer', 'anonymous', or a raw token. */
  as?: string;
  body?: unknown;
  /** Content-Type; JSON bodies default to application/json, strings to application/yaml. */
  type?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export async function startHarness(deps: Partial<ServerDeps> = {}, options: { kube?: boolean } = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rudder-test-'));
  const db = openDatabase(join(dataDir, 'rudder.db'));
  const tokenStore = createTokenStore(db);
  const tokens = { editor: tokenStore.ensureAdminToken(dataDir), viewer: tokenStore.createToken('viewer', 'viewer') };
  const tls = options.kube ? await ensureCertificates(dataDir, '127.0.0.1') : undefined;
  const app = await buildServer({ db, tokens: tokenStore, pushDebounceMs: 10, dataDir, ...(tls ? { tls } : {}), ...deps });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  let kube: Harness['kube'];
  if (tls) {
    const kubeUrl = kubeServerUrl('127.0.0.1', await listenKube(app, '127.0.0.1', 0));
    kube = { url: kubeUrl, ca: tls.ca, kubeconfig: await writeKubeconfig(dataDir, { server: kubeUrl, caPem: tls.ca, token: tokens.editor }) };
  }

  async function call(method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
    const as = options.as ?? 'editor';
    const token = as === 'editor' ? tokens.editor : as === 'viewer' ? tokens.viewer : as === 'anonymous' ? undefined : as;
    const headers: Record<string, string> = { ...options.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] = options.type ?? (typeof options.body === 'string' ? 'application/yaml' : 'application/json');
    }
    const response = await fetch(url + path, { method, headers, ...(body !== undefined ? { body } : {}), redirect: 'manual' });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  return {
    url,
    dataDir,
    app,
    tokens,
    tokenStore,
    ...(kube ? { kube } : {}),
    call,
    async close() {
      await app.close();
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
