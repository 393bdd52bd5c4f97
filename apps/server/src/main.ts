#!/usr/bin/env node
// rudder-server: parses options, opens the data dir, makes the kubectl certificates,
// listens on HTTP (API, dashboard) and HTTPS (the same API for kubectl), writes
// <data-dir>/kubeconfig and prints the URLs.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTokenStore } from './auth/tokens.js';
import { parseOptions, USAGE, UsageError } from './options.js';
import { buildServer, listenKube } from './server.js';
import { openDatabase } from './store/db.js';
import { ensureCertificates } from './tls/certificates.js';
import { kubeServerUrl, writeKubeconfig } from './tls/kubeconfig.js';

async function main() {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    const message = (error as Error).message;
    console.error(message ? `rudder-server: ${message}\n\n${USAGE}` : USAGE);
    process.exit(error instanceof UsageError && !message ? 0 : 2);
  }
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(join(dataDir, 'rudder.db'));
  const tokens = createTokenStore(db);
  const adminToken = tokens.ensureAdminToken(dataDir);
  const tls = await ensureCertificates(dataDir, options.host);
  const app = await buildServer({ db, tokens, logger: options.log, tls, kubeHost: options.host, dataDir,
    telemetry: { traceSampling: options.traceSampling },
  });
  const address = await app.listen({ host: options.host, port: options.port });
  const kubePort = await listenKube(app, options.host, options.kubePort).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') error.message = `the kubectl port ${options.kubePort} is already in use; pass --kube-port`;
    throw error;
  });
  const kubeUrl = kubeServerUrl(options.host, kubePort);
  const kubeconfig = await writeKubeconfig(dataDir, { server: kubeUrl, caPem: tls.ca, token: adminToken });
  const base = address.replace('[::1]', 'localhost');
  console.log(`Rudder is running (data in ${dataDir})
  API:        ${base}/apis/networking.istio.io/v1   (token: ${join(dataDir, 'admin-token')})
  kubectl:    ${kubeUrl}   (export KUBECONFIG=${kubeconfig})
  API docs:   ${base}/rudder/v1/docs
  Dashboard:  ${base}/login?code=${tokens.createLoginCode()}   (one-time sign-in link)
  Config push for proxies: ${base.replace(/^http/, 'ws')}/ws/config
  Telemetry: ${base}/metrics (Prometheus), ${base}/rudder/v1/graph, traces in ${join(dataDir, 'traces.db')}`);
  const stop = async () => {
    await app.close();
    db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE' && e.message.includes('kubectl port')) console.error(`rudder-server: ${e.message}`);
  else if (e.code === 'EADDRINUSE') console.error(`rudder-server: the port is already in use (${e.message}); pass --port`);
  else console.error('rudder-server:', e.stack ?? e);
  process.exit(1);
});
