// /rudder/v1/docs: a browsable page of every route the server serves, with the role it
// needs, and links to the OpenAPI documents of the resource kinds. Built from the routes
// as registered, so it cannot drift from them.
import type { FastifyInstance } from 'fastify';
import { KINDS } from '@rudder/shared/kinds';

interface RouteRow {
  method: string;
  url: string;
  auth: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

export function collectRoutes(app: FastifyInstance): RouteRow[] {
  const rows: RouteRow[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      const auth = (route.config as { auth?: string } | undefined)?.auth ?? (method === 'GET' ? 'viewer' : 'editor');
      rows.push({ method, url: route.url, auth });
    }
  });
  return rows;
}

export async function docsRoutes(app: FastifyInstance, { routes }: { routes: RouteRow[] }) {
  app.get('/rudder/v1/docs', { config: { auth: 'public' } }, (_req, reply) => {
    const sorted = [...routes].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
    const rows = sorted
      .map((r) => `<tr><td class="m ${r.method.toLowerCase()}">${r.method}</td><td><code>${escapeHtml(r.url)}</code></td><td>${r.auth}</td></tr>`)
      .join('\n');
    const kinds = KINDS.map(
      (k) => `<li><b>${k.kind}</b> (${k.shortNames.join(', ')}) — <code>/apis/${k.group}/{${k.versions.join('|')}}/namespaces/{ns}/${k.plural}</code>, schema in <a href="/openapi/v3/apis/${k.group}/${k.versions[0]}">/openapi/v3/apis/${k.group}/${k.versions[0]}</a></li>`,
    ).join('\n');
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rudder API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#1f2933;padding:0 1rem}
h1{font-weight:600}table{border-collapse:collapse;width:100%}td,th{padding:.3rem .6rem;border-bottom:1px solid #e4e7eb;text-align:left}
.m{font-weight:600;font-family:monospace}.get{color:#2f6f4f}.post{color:#2457a6}.put,.patch{color:#8a5a00}.delete{color:#a12d2d}
code{background:#f5f7fa;padding:0 .25rem;border-radius:3px}
</style></head><body>
<h1>Rudder API</h1>
<p>Send <code>Authorization: Bearer &lt;token&gt;</code> (the admin token is in <code>&lt;data-dir&gt;/admin-token</code>).
<code>viewer</code> tokens read, <code>editor</code> tokens write. Errors are Kubernetes <code>Status</code> objects; warnings arrive as <code>Warning: 299</code> headers.
Writes take <code>?dryRun=All</code> and <code>?fieldValidation=Strict|Warn|Ignore</code> (Strict by default); bodies in JSON or YAML.</p>
<h2>Resource kinds</h2><ul>${kinds}</ul>
<p>OpenAPI v3 index: <a href="/openapi/v3">/openapi/v3</a>.</p>
<h2>Routes</h2>
<table><thead><tr><th>Method</th><th>Path</th><th>Role</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`);
  });
}
