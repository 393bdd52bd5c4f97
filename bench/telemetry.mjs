// npm run bench:telemetry — issue 13's targets, one run:
// (a) the gateway's throughput with telemetry on and off (bench/servers.mjs, same upstream);
// (b) the server ingesting telemetry worth 2000 req/s — N simulated proxies, one batch a second
//     each over /ws/telemetry (TelemetryBatch from shared/protocol: Bookinfo's edges with a code
//     mix, histograms, 1 % of requests as spans, endpoint views) — while a client asks
//     /rudder/v1/graph and /rudder/v1/metrics: their p99 (target < 50 ms), and the server's RSS
//     and heap over time (target: bounded, flat after warm-up).
// Options: --seconds=N (default 60 for (b), the issue's minute, a third of it per (a) run), --proxies=N (default 12),
// --rps=N (default 2000).  `node bench/telemetry.mjs server <port> <dataDir>` is the server child.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { ensureBuilt, freePort } from './lib.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** The real server (buildServer from source) printing its memory every second as JSON lines. */
async function serverChild(port, dataDir) {
  const { buildServer, createTokenStore, openDatabase } = await import('../apps/server/src/index.ts');
  const db = openDatabase(join(dataDir, 'rudder.db'));
  const tokens = createTokenStore(db);
  tokens.ensureAdminToken(dataDir);
  const app = await buildServer({ db, tokens, dataDir });
  await app.listen({ host: '127.0.0.1', port });
  console.log('ready');
  setInterval(() => {
    const m = process.memoryUsage();
    console.log(JSON.stringify({ rss: m.rss, heap: m.heapUsed, external: m.external + m.arrayBuffers }));
  }, 1000).unref();
  process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
}

async function main() {
  const option = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const seconds = option('seconds', 60);
  const proxies = option('proxies', 12);
  const rps = option('rps', 2000);
  const children = [];
  const tmp = mkdtempSync(join(tmpdir(), 'rudder-bench-telemetry-'));
  process.on('exit', () => {
    for (const c of children) c.kill();
    rmSync(tmp, { recursive: true, force: true });
  });
  process.on('SIGINT', () => process.exit(130));
  // The server from source (tsx); bench/servers.mjs from the built packages.
  const start = (args, onLine, source = true) => {
    const child = spawn(process.execPath, [...(source ? ['--conditions=source', '--import', 'tsx'] : []), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
      let buffer = '';
      child.stdout.on('data', (d) => {
        buffer += d;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (line === 'ready') resolve(child);
          else onLine?.(line);
        }
      });
    });
  };

  // (a) gateway throughput, telemetry on vs off
  const [up, on, off, api] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  ensureBuilt('@rudder/proxy');
  await start(['bench/servers.mjs', 'upstream', String(up)], undefined, false);
  await start(['bench/servers.mjs', 'rudder', String(on), String(up), 'on'], undefined, false);
  await start(['bench/servers.mjs', 'rudder', String(off), String(up), 'off'], undefined, false);
  const perRun = Math.max(3, Math.round(seconds / 3));
  console.log(`(a) gateway throughput, 50 connections, ${perRun} s per run`);
  const results = {};
  for (const [name, port] of [['telemetry on', on], ['telemetry off', off]]) {
    load(port, 50, 2);
    results[name] = load(port, 50, perRun);
    console.log(`    ${name.padEnd(14)} ${results[name].rps.toFixed(0).padStart(7)} req/s   p99 ${results[name].p99.toFixed(2)} ms`);
  }
  console.log(`    telemetry cost (1 − on/off): ${(100 * (1 - results['telemetry on'].rps / results['telemetry off'].rps)).toFixed(1)} %   (target ≤ 10 %)`);
  for (const c of children.splice(0)) c.kill();

  // (b) the server under 2000 req/s of telemetry
  const memory = [];
  await start(['bench/telemetry.mjs', 'server', String(api), tmp], (line) => memory.push(JSON.parse(line)));
  const token = readFileSync(join(tmp, 'admin-token'), 'utf8').trim();
  const base = `http://127.0.0.1:${api}`;
  const { default: WebSocket } = await import('ws');
  const sockets = await Promise.all(
    Array.from({ length: proxies }, () => new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${api}/ws/telemetry`, { headers: { authorization: `Bearer ${token}` } });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
      ws.on('message', (m) => console.error(`server: ${m}`));
    })),
  );
  console.log(`\n(b) server ingesting ${rps} req/s of telemetry from ${proxies} proxies for ${seconds} s, graph and metrics queried meanwhile`);
  let seq = 0;
  let sentEdges = 0;
  const flush = setInterval(() => {
    const end = Date.now();
    sockets.forEach((ws, i) => {
      const batch = batchOf(i, proxies, rps, seq, end);
      sentEdges += batch.edges.length;
      ws.send(JSON.stringify(batch));
    });
    seq++;
  }, 1000);
  const timings = { graph: [], metrics: [] };
  const query = async (name, path) => {
    const t = performance.now();
    const res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    timings[name].push(performance.now() - t);
  };
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    await query('graph', '/rudder/v1/graph?type=versionedApp&duration=60s');
    await query('metrics', '/rudder/v1/metrics?workload=reviews-v1&direction=inbound&duration=300s');
    await new Promise((r) => setTimeout(r, 100));
  }
  clearInterval(flush);
  const stats = await (await fetch(`${base}/rudder/v1/telemetry/stats`, { headers: { authorization: `Bearer ${token}` } })).json();
  for (const [name, list] of Object.entries(timings)) {
    const s = [...list].sort((x, y) => x - y);
    const at = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(1);
    console.log(`    ${`/rudder/v1/${name}`.padEnd(20)} ${String(s.length).padStart(4)} calls   p50 ${at(0.5)} ms   p99 ${at(0.99)} ms   max ${s.at(-1).toFixed(1)} ms   (target p99 < 50 ms)`);
  }
  const mb = (n) => `${(n / 2 ** 20).toFixed(0)} MiB`;
  const third = Math.max(1, Math.floor(memory.length / 3));
  const avg = (list, key) => list.reduce((a, m) => a + m[key], 0) / Math.max(1, list.length);
  const [early, late] = [memory.slice(0, third), memory.slice(-third)];
  console.log(`    memory, first third → last third of the run: RSS ${mb(avg(early, 'rss'))} → ${mb(avg(late, 'rss'))}, heap ${mb(avg(early, 'heap'))} → ${mb(avg(late, 'heap'))}; peak RSS ${mb(Math.max(...memory.map((m) => m.rss)))}`);
  console.log(`    ingested ${stats.batches} batches (${sentEdges} edge aggregates), ${stats.series.edges ?? '?'} series edges, ${stats.spans} spans stored, ${stats.counters.series} Prometheus series`);
  process.exit(0);

  function load(port, conns, secs) {
    const out = spawnSync(process.execPath, [join(root, 'bench/http-load.mjs'), `http://127.0.0.1:${port}/`, String(conns), String(secs)], { encoding: 'utf8' }).stdout;
    return JSON.parse(out);
  }
}


// Bookinfo's call graph: who calls whom, as edges reported at the source and the destination.
const W = (workload, app, version, namespace = 'default') => ({ workload, namespace, app, version });
const GATEWAY = W('istio-ingressgateway', 'istio-ingressgateway', 'unknown', 'istio-system');
const PP = W('productpage-v1', 'productpage', 'v1');
const CALLS = [
  [GATEWAY, PP, 'productpage'],
  [PP, W('details-v1', 'details', 'v1'), 'details'],
  [PP, W('reviews-v1', 'reviews', 'v1'), 'reviews'],
  [PP, W('reviews-v2', 'reviews', 'v2'), 'reviews'],
  [PP, W('reviews-v3', 'reviews', 'v3'), 'reviews'],
  [W('reviews-v2', 'reviews', 'v2'), W('ratings-v1', 'ratings', 'v1'), 'ratings'],
  [W('reviews-v3', 'reviews', 'v3'), W('ratings-v1', 'ratings', 'v1'), 'ratings'],
];
const CODES = [[200, '-', 0.97], [503, 'UH', 0.01], [500, '-', 0.01], [504, 'UT', 0.01]];

function histogram(count, meanMs) {
  const counts = new Array(20).fill(0);
  const bucket = meanMs < 5 ? 2 : meanMs < 10 ? 3 : meanMs < 25 ? 4 : 5;
  counts[bucket] = Math.round(count * 0.8);
  counts[bucket + 1] = count - counts[bucket];
  return { counts, sum: count * meanMs };
}

/** Proxy i's share of `rps` requests in one second: every call it makes or receives, with a code mix. */
function batchOf(i, proxies, rps, seq, end) {
  const share = rps / proxies;
  const edges = [];
  const spans = [];
  CALLS.forEach(([source, destination, service], c) => {
    for (const reporter of ['source', 'destination']) {
      for (const [code, flags, part] of CODES) {
        const requests = Math.max(1, Math.round((share / CALLS.length) * part));
        edges.push({
          reporter, source, destination, responseCode: code, responseFlags: flags, mirrored: false,
          destinationService: `${service}.default.svc.cluster.local`, destinationServiceName: service, destinationServiceNamespace: 'default',
          requests, duration: histogram(requests, 8 + c), requestBytes: histogram(requests, 300), responseBytes: histogram(requests, 4000),
        });
      }
    }
    // 1 % sampled (Istio's default) as spans.
    for (let s = 0; s < Math.ceil(share / CALLS.length / 100); s++) {
      const id = `${i.toString(16).padStart(4, '0')}${seq.toString(16).padStart(6, '0')}${c}${s}`.padEnd(16, '0');
      spans.push({
        traceId: id.padEnd(32, '0'), id, name: `${service}.default.svc.cluster.local:9080/*`, kind: 'CLIENT', start: end - 500, durationMs: 8,
        reporter: 'source', local: source, source, destination, destinationService: `${service}.default.svc.cluster.local`,
        method: 'GET', url: `http://${service}:9080/`, responseCode: 200, responseFlags: '-', requestId: id, error: false,
      });
    }
  });
  const destinations = [{
    caller: PP, cluster: `reviews.default.svc.cluster.local|9080|v1|x`, host: 'reviews.default.svc.cluster.local', subset: 'v1',
    endpoints: [{ address: '127.0.0.1', port: 40000 + i, name: `reviews-v1-${i}`, workload: 'reviews-v1', healthy: true, ejected: false, ejections: 0, active: 1 }],
    pool: { activeRequests: 1, pendingRequests: 0, connections: 2, maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, overflows: 0, overflowsInInterval: 0 },
  }];
  return {
    type: 'batch', proxy: `bench-proxy-${i}`, seq, start: end - 1000, end, edges, spans, destinations, logs: [],
    dropped: { batches: 0, records: 0, spans: 0, logLines: 0 },
  };
}

// Last, so the constants above are initialised before either mode runs.
if (process.argv[2] === 'server') await serverChild(Number(process.argv[3]), process.argv[4]);
else await main();
