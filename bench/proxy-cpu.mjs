// npm run bench:proxy-cpu — what one request costs the proxy in CPU, measured in a way that
// two busy cores do not blur: client, upstream and proxy run in ONE process (a fresh one per
// run), so the client's and the upstream's share is the same for every target and the
// difference is the proxy's. Prints, per target, the best of N runs of the main thread's CPU
// time per request (from /proc, the JavaScript and syscalls) and the whole process's (V8's
// garbage-collector threads included), then the proxies' own shares over the direct call.
// Complements bench:proxy (throughput against wrk, sensitive to what else runs).
// Options: --runs=N (default 5), --seconds=N per run (default 2), --connections=N (default 50).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { ensureBuilt, option, root } from './lib.mjs';

const [mode] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const runs = option('runs', 5);
const seconds = option('seconds', 2);
const connections = option('connections', 50);
const TARGETS = ['direct', 'bare', 'rudder', 'rudder-telemetry-off'];

if (mode === undefined) {
  ensureBuilt('@rudder/proxy');
  const best = {};
  for (let i = 0; i < runs; i++) {
    for (const target of TARGETS) {
      const r = spawnSync(process.execPath, [new URL(import.meta.url).pathname, target, `--seconds=${seconds}`, `--connections=${connections}`], { cwd: root, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${target}: ${r.stderr}`);
      const m = JSON.parse(r.stdout);
      if (!best[target] || m.mainUs < best[target].mainUs) best[target] = m;
    }
    process.stdout.write(`run ${i + 1}/${runs} done\r`);
  }
  const f = (n) => n.toFixed(1).padStart(8);
  console.log(`\nbest of ${runs} runs, ${seconds} s each, ${connections} connections; µs of CPU per request\n`);
  console.log('target                    main thread   whole process    req/s');
  for (const t of TARGETS) console.log(`${t.padEnd(26)}${f(best[t].mainUs)}        ${f(best[t].totalUs)}   ${String(Math.round(best[t].rps)).padStart(7)}`);
  const own = (t, k) => best[t][k] - best.direct[k];
  console.log('');
  console.log(`proxy's own main-thread CPU: bare http-proxy ${own('bare', 'mainUs').toFixed(1)} µs, rudder ${own('rudder', 'mainUs').toFixed(1)} µs (${(own('rudder', 'mainUs') / own('bare', 'mainUs')).toFixed(2)}×)`);
  console.log(`proxy's own CPU, GC threads included: bare ${own('bare', 'totalUs').toFixed(1)} µs, rudder ${own('rudder', 'totalUs').toFixed(1)} µs (${(own('rudder', 'totalUs') / own('bare', 'totalUs')).toFixed(2)}×)`);
  process.exit(0);
}

// One run of one target, in this process: prints {mainUs, totalUs, rps} as JSON.
const BODY = Buffer.alloc(1024, 'x');
const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
const upstream = await listen(
  createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain', 'content-length': BODY.length }).end(BODY));
  }),
);
let port = upstream;
if (mode === 'bare') {
  const { default: httpProxy } = await import('http-proxy');
  const proxy = httpProxy.createProxyServer({ target: `http://127.0.0.1:${upstream}`, agent: new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY }) });
  proxy.on('error', (_error, _req, res) => res.writeHead?.(502).end());
  port = await listen(createServer((req, res) => proxy.web(req, res)));
} else if (mode.startsWith('rudder')) {
  const { createProxyRuntime } = await import('@rudder/proxy');
  const { snapshot } = await import('./rudder-snapshot.mjs');
  const runtime = createProxyRuntime({ telemetry: mode === 'rudder' });
  runtime.tables.install(snapshot(upstream));
  const self = { workload: 'istio-ingressgateway', app: 'istio-ingressgateway', version: 'unknown', namespace: 'istio-system' };
  port = await listen(createServer(runtime.handler({ kind: 'gateway', self, routing: { kind: 'gateway', labels: { istio: 'ingressgateway' }, namespace: 'istio-system' } })));
}

const agent = new Agent({ keepAlive: true, maxSockets: connections });
const get = () =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end();
  });
async function load(ms) {
  let done = 0;
  const until = performance.now() + ms;
  const loop = async () => {
    while (performance.now() < until) {
      await get();
      done++;
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  return done;
}
/** This thread's CPU time in µs (/proc: utime + stime of the main thread, in clock ticks of 10 ms). */
const mainThreadUs = () => {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
};
await load(1000); // warm up: JIT, pools
const main0 = mainThreadUs();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const n = await load(seconds * 1000);
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ mainUs: (mainThreadUs() - main0) / n, totalUs: (cpu.user + cpu.system) / n, rps: (n / (performance.now() - t0)) * 1000 }));
process.exit(0);
