// Prometheus reads /metrics as it reads Istio's (issue 13): Debian's prometheus scrapes the
// server with a bearer token, raw counters equal what was sent exactly, and the query
// Kiali's graph runs — sum(rate(istio_requests_total{reporter="source"}[1m])) by
// (source_workload, destination_workload, response_code) — gives rates in the ratio sent.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { type Harness, startHarness } from '../testing/harness.js';
import { batch, eventually, openSocket, type Req } from '../testing/telemetry.js';

const PROMETHEUS = '/usr/bin/prometheus';
let h: Harness;
let ws: WebSocket;
let prometheus: ChildProcess | undefined;
let promUrl = '';
const dir = mkdtempSync(join(tmpdir(), 'rudder-prom-'));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const many = (n: number, r: Req): Req[] => Array.from({ length: n }, () => r);

async function query(promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  // Prometheus takes a moment to start: until it answers, there are no results.
  const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(promql)}`).catch(() => undefined);
  if (!res?.ok) return [];
  const body = (await res.json()) as { status: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  return body.status === 'success' ? body.data.result : [];
}

const value = (rows: Awaited<ReturnType<typeof query>>, source: string, destination: string, code: string) =>
  Number(rows.find((r) => r.metric.source_workload === source && r.metric.destination_workload === destination && r.metric.response_code === code)?.value[1] ?? Number.NaN);

beforeAll(async () => {
  if (!existsSync(PROMETHEUS)) return;
  h = await startHarness();
  ws = await openSocket(h.url, '/ws/telemetry', h.tokens.editor);
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global: {scrape_interval: 1s, evaluation_interval: 1s}
scrape_configs:
- job_name: rudder
  metrics_path: /metrics
  authorization: {type: Bearer, credentials: ${h.tokens.viewer}}
  static_configs: [{targets: ['${h.url.replace('http://', '')}']}]
`,
  );
  prometheus = spawn(PROMETHEUS, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], {
    stdio: 'ignore',
  });
}, 60_000);

afterAll(async () => {
  prometheus?.kill('SIGTERM');
  if (prometheus && prometheus.exitCode === null) await new Promise((r) => prometheus?.once('exit', r));
  ws?.close();
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(PROMETHEUS))("Debian's prometheus scraping /metrics", () => {
  it('sees exact raw counters and rates in the ratio sent, with the query Kiali uses', async () => {
    const first = [
      ...many(120, { from: 'istio-ingressgateway', to: 'productpage-v1', service: 'productpage' }),
      ...many(30, { from: 'productpage-v1', to: 'reviews-v1', service: 'reviews' }),
      ...many(10, { from: 'productpage-v1', to: 'reviews-v2', service: 'reviews', code: 503, flags: 'UF' }),
    ];
    ws.send(JSON.stringify(batch(first, { proxy: 'p1' })));
    const raw = 'sum(istio_requests_total{reporter="source"}) by (source_workload, destination_workload, response_code)';
    const rows = await eventually(async () => {
      const r = await query(raw);
      return r.length >= 3 ? r : undefined;
    }, 30_000);
    expect(value(rows, 'istio-ingressgateway', 'productpage-v1', '200')).toBe(120);
    expect(value(rows, 'productpage-v1', 'reviews-v1', '200')).toBe(30);
    expect(value(rows, 'productpage-v1', 'reviews-v2', '503')).toBe(10);

    // Let a few more scrapes see the first values, then add 90 and 30 (3 : 1) at once.
    await new Promise((r) => setTimeout(r, 2500));
    ws.send(
      JSON.stringify(
        batch([...many(90, { from: 'istio-ingressgateway', to: 'productpage-v1', service: 'productpage' }), ...many(30, { from: 'productpage-v1', to: 'reviews-v1', service: 'reviews' })], { proxy: 'p1' }),
      ),
    );
    await eventually(async () => (value(await query(raw), 'istio-ingressgateway', 'productpage-v1', '200') === 210 ? true : undefined), 30_000);
    await new Promise((r) => setTimeout(r, 2500));
    const kiali = await query('sum(rate(istio_requests_total{reporter="source"}[1m])) by (source_workload, destination_workload, response_code)');
    const gateway = value(kiali, 'istio-ingressgateway', 'productpage-v1', '200');
    const reviews = value(kiali, 'productpage-v1', 'reviews-v1', '200');
    expect(gateway).toBeGreaterThan(0);
    // Both series were sampled at the same instants, so rate()'s extrapolation scales them alike.
    expect(gateway / reviews).toBeCloseTo(90 / 30, 1);
  }, 90_000);
});
