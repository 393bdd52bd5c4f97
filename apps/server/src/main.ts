#!/usr/bin/env node
// rudder-server: parses options, opens the data dir, listens, prints the URLs.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTokenStore } from './auth/tokens.js';
import { parseOptions, USAGE, UsageError } from './options.js';
import { buildServer } from './server.js';
import { openDatabase } from './store/db.js';

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
  tokens.ensureAdminToken(dataDir);
  const app = await buildServer({ db, tokens, logger: options.log });
  const address = await app.listen({ host: options.host, port: options.port });
  const base = address.replace('[::1]', 'localhost');
  console.log(`Rudder is running (data in ${dataDir})
  API:        ${base}/apis/networking.istio.io/v1   (token: ${join(dataDir, 'admin-token')})
  API docs:   ${base}/rudder/v1/docs
  Dashboard:  ${base}/login?code=${tokens.createLoginCode()}   (one-time sign-in link)
  Config push for proxies: ${base.replace(/^http/, 'ws')}/ws/config`);
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
  if (e.code === 'EADDRINUSE') console.error(`rudder-server: the port is already in use (${e.message}); pass --port`);
  else console.error('rudder-server:', e.stack ?? e);
  process.exit(1);
});
