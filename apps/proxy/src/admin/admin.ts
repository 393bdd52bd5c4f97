// The admin listener (Envoy's, default 127.0.0.1:15000): /ready, /config_dump (the
// snapshot and version in use), /clusters (per destination: endpoints, health, ejections,
// active requests, pool use) and /stats/prometheus (circuit-breaker and outlier counters
// under Envoy's metric names, and Istio's istio_requests_total & co. with Istio's labels). With several sidecars in one process each has a path
// prefix: /sidecars/<instance>/…
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ProxyRuntime } from '../runtime.js';

export interface AdminView {
  runtime: ProxyRuntime;
  /** Config client state, when connected to a server. */
  configState?: () => unknown;
}

export function adminHandler(view: AdminView) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(`${JSON.stringify(body, null, 2)}\n`);
    };
    const table = view.runtime.tables.current();
    switch (path) {
      case '/ready':
        res.writeHead(table ? 200 : 503, { 'content-type': 'text/plain' }).end(table ? 'LIVE\n' : 'NO CONFIG\n');
        return;
      case '/config_dump':
        return json(200, { version: table?.version, warnings: table?.warnings ?? [], config: view.configState?.(), snapshot: view.runtime.tables.snapshot() });
      case '/clusters':
        return json(200, clusters(view.runtime));
      case '/stats/prometheus':
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(prometheus(view.runtime));
        return;
      case '/logging':
      case '/access_log':
        return json(200, view.runtime.accessLog.recent(200));
      default:
        return json(404, { error: `no admin page ${path}; try /ready, /config_dump, /clusters, /stats/prometheus, /access_log` });
    }
  };
}

function clusters(runtime: ProxyRuntime) {
  return runtime.states.all().map((s) => {
    const outlier = new Map((s.outlier?.state() ?? []).map((h) => [h.host, h]));
    const pool = s.admission.state();
    return {
      cluster: s.key,
      balancer: s.balancer.kind,
      pool,
      endpoints: s.current().map(({ key, endpoint }) => ({
        host: key,
        ...(endpoint.name ? { name: endpoint.name } : {}),
        health: endpoint.health,
        active: s.balancer.active(key),
        ejected: false,
        ...outlier.get(key),
      })),
    };
  });
}

function prometheus(runtime: ProxyRuntime): string {
  const lines: string[] = [
    '# TYPE envoy_cluster_upstream_rq_pending_overflow counter',
    '# TYPE envoy_cluster_upstream_rq_active gauge',
    '# TYPE envoy_cluster_outlier_detection_ejections_active gauge',
  ];
  for (const s of runtime.states.all()) {
    const label = `cluster_name="${s.key.replace(/"/g, '\\"')}"`;
    const pool = s.admission.state();
    lines.push(`envoy_cluster_upstream_rq_pending_overflow{${label}} ${pool.overflows.pending + pool.overflows.requests}`);
    lines.push(`envoy_cluster_upstream_rq_active{${label}} ${pool.activeRequests}`);
    lines.push(`envoy_cluster_outlier_detection_ejections_active{${label}} ${(s.outlier?.state() ?? []).filter((h) => h.ejected).length}`);
  }
  // Istio's standard metrics (istio-semantics.md §7) after Envoy's cluster stats.
  return `${lines.join('\n')}\n${runtime.telemetry.prometheus()}`;
}

export function startAdmin(view: AdminView, host: string, port: number): Promise<Server> {
  const server = createServer(adminHandler(view));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
