// npm run bench:load — is `rudder load` fast enough to load the gateway? (issue 17, CLI precision)
// One run: nginx (one worker, a 1 KB answer, Debian's) on a random loopback port is loaded by
// `rudder load -c 50 -qps 0 -t 5s` and by `wrk -c 50 -t 2 -d 5s`; Rudder's gateway (the
// bench/servers.mjs route of three subsets, telemetry on) is loaded by wrk for its maximum req/s.
// Target: rudder load on nginx ≥ 3 × the gateway's maximum, so a load run measures the gateway,
// not the client. Needs `apt-get install -y nginx-light wrk`; a benchmark, not a test.
// Options: --seconds=N (default 5), --connections=N (default 50).
import { spawnSync } from 'node:child_process';
import { ensureBuilt, freePort, has, option, root, start, startNginx } from './lib.mjs';

const seconds = option('seconds', 5);
const connections = option('connections', 50);
const missing = ['nginx', 'wrk'].filter((t) => !has(t));
if (missing.length > 0) {
  console.log(`${missing.join(' and ')} not installed; install with:  sudo apt-get install -y ${missing.map((t) => (t === 'nginx' ? 'nginx-light' : t)).join(' ')}`);
  process.exit(1);
}

function wrk(port, secs) {
  const out = spawnSync('wrk', ['-t2', `-c${connections}`, `-d${secs}s`, `http://127.0.0.1:${port}/`], { encoding: 'utf8' }).stdout;
  return Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
}

/** `rudder load` from source (the code under test, no build needed), its JSON's ActualQPS. */
function rudderLoad(port, secs) {
  const args = ['--conditions=source', '--import', 'tsx', 'apps/cli/src/main.ts', 'load', '-c', String(connections), '-qps', '0', '-t', `${secs}s`, '-json', '-', '-loglevel', 'Error'];
  const r = spawnSync(process.execPath, [...args, `http://127.0.0.1:${port}/`], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  const json = JSON.parse(r.stdout);
  return { rps: json.ActualQPS, codes: json.RetCodes, p50: json.DurationHistogram.Percentiles?.find((p) => p.Percentile === 50)?.Value };
}

const [ngx, up, gateway] = await Promise.all([freePort(), freePort(), freePort()]);
await startNginx(ngx);
await start(process.execPath, ['bench/servers.mjs', 'upstream', String(up)]);
ensureBuilt('@rudder/proxy');
await start(process.execPath, ['bench/servers.mjs', 'rudder', String(gateway), String(up), 'on']);

console.log(`\n${seconds} s per run, ${connections} connections, max rate; each after a 1 s warm-up\n`);
wrk(ngx, 1);
const wrkNginx = wrk(ngx, seconds);
rudderLoad(ngx, 1);
const rudderNginx = rudderLoad(ngx, seconds);
wrk(gateway, 1);
const gatewayMax = wrk(gateway, seconds);
const rudderGateway = rudderLoad(gateway, seconds);

const f = (n) => (Number.isFinite(n) ? n.toFixed(0) : '-').padStart(8);
console.log('target                              client          req/s');
console.log(`nginx (1 worker, 1 KB)              wrk -t 2    ${f(wrkNginx)}`);
console.log(`nginx (1 worker, 1 KB)              rudder load ${f(rudderNginx.rps)}   codes ${JSON.stringify(rudderNginx.codes)}`);
console.log(`rudder gateway (telemetry on)       wrk -t 2    ${f(gatewayMax)}   (the gateway's maximum)`);
console.log(`rudder gateway (telemetry on)       rudder load ${f(rudderGateway.rps)}`);
const ratio = rudderNginx.rps / gatewayMax;
console.log('');
console.log(`rudder load on nginx / gateway maximum   ${ratio.toFixed(2)} ×   (target ≥ 3 ×): ${ratio >= 3 ? 'holds' : 'DOES NOT hold'}`);
console.log(`rudder load / wrk on nginx               ${(rudderNginx.rps / wrkNginx).toFixed(2)}`);
process.exit(0);
