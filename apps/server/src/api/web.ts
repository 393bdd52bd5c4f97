// The dashboard: serves the built single-page app (apps/web/dist) with its content types,
// index.html for the app's own routes (no-cache, so a new build shows at once) and a year
// of immutable caching for Vite's content-hashed assets. Public: the app itself asks
// /rudder/v1/whoami and shows the sign-in page when that is 401. Without a build, `/`
// says how to make one.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The dashboard's client-side routes; each serves index.html. */
export const APP_ROUTES = ['/', '/graph', '/workloads', '/workloads/*', '/services', '/services/*', '/traces', '/traces/*', '/proxies', '/sandbox', '/istio', '/istio/*', '/config/*', '/simulate', '/load', '/wizards/*'];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// React Flow and the charts set inline styles; everything else comes from this origin.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** apps/web/dist seen from this file, in src/api (tsx) or dist/api (built). */
export function defaultWebRoot(): string {
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../web/dist');
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Rudder</title>
<body style="font:15px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">
<h1 style="font-size:1.3rem">The dashboard is not built</h1>
<p>Build it with <code>npm run build</code> at the repository root (or <code>npm run build -w @rudder/web</code>), then reload this page.
<code>npm start</code> builds it for you.</p>
<p>The API works without it: see <a href="/rudder/v1/docs">the API documentation</a>.</p>`;

export async function webRoutes(app: FastifyInstance, opts: { root?: string }) {
  const root = opts.root ?? defaultWebRoot();
  const assets = join(root, 'assets');

  const sendFile = async (reply: FastifyReply, file: string, cache: string) => {
    const body = await readFile(file);
    return reply
      .type(TYPES[extname(file)] ?? 'application/octet-stream')
      .header('cache-control', cache)
      .header('x-content-type-options', 'nosniff')
      .send(body);
  };

  const index = async (_req: unknown, reply: FastifyReply) => {
    const file = join(root, 'index.html');
    if (!existsSync(file)) return reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
    reply.header('content-security-policy', CSP).header('referrer-policy', 'same-origin');
    return sendFile(reply, file, 'no-cache');
  };
  for (const url of APP_ROUTES) app.get(url, { config: { auth: 'public' } }, index);

  // Hashed file names (Vite's `assets/name-<hash>.js`) never change content: cache for a year.
  app.get('/assets/*', { config: { auth: 'public' } }, async (req, reply) => {
    const name = (req.params as { '*': string })['*'];
    const file = resolve(assets, name);
    if (!file.startsWith(assets + sep) || !existsSync(file)) return reply.callNotFound();
    return sendFile(reply, file, 'public, max-age=31536000, immutable');
  });
  app.get('/favicon.svg', { config: { auth: 'public' } }, async (_req, reply) => {
    const file = join(root, 'favicon.svg');
    if (!existsSync(file)) return reply.callNotFound();
    return sendFile(reply, file, 'public, max-age=3600');
  });
}
