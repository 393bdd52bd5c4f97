// Benchmark servers, one process (one worker) each: `upstream <port>` answers 1 KB bodies;
// `bare <port> <upstream>` is http-proxy with a keep-alive agent and nothing else;
// `rudder <port> <upstream> <telemetry on|off>` is Rudder's gateway with a route of three
// weighted subsets, from the built @rudder/proxy (bench/lib.mjs ensureBuilt).
// Each prints `ready` once listening.
import { Agent, createServer } from 'node:http';
import { snapshot } from './rudder-snapshot.mjs';

const [mode, portText, upstreamText, telemetry] = process.argv.slice(2);
const port = Number(portText);
const upstream = Number(upstreamText);
const BODY = Buffer.alloc(1024, 'x');
process.on('SIGTERM', () => process.exit(0));

const listen = (server) => {
  server.keepAliveTimeout = 65_000;
  server.listen(port, '127.0.0.1', () => console.log('ready'));
};

if (mode === 'upstream') {
  listen(createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain', 'content-length': BODY.length }).end(BODY));
  }));
} else if (mode === 'bare') {
  const { default: httpProxy } = await import('http-proxy');
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const proxy = httpProxy.createProxyServer({ target: `http://127.0.0.1:${upstream}`, agent });
  proxy.on('error', (_error, _req, res) => res.writeHead?.(502).end());
  listen(createServer((req, res) => proxy.web(req, res)));
} else if (mode === 'rudder') {
  const { createProxyRuntime } = await import('@rudder/proxy');
  const runtime = createProxyRuntime({ telemetry: telemetry !== 'off' });
  runtime.tables.install(snapshot(upstream));
  const handler = runtime.handler({
    kind: 'gateway',
    self: { workload: 'istio-ingressgateway', app: 'istio-ingressgateway', version: 'unknown', namespace: 'istio-system' },
    routing: { kind: 'gateway', labels: { istio: 'ingressgateway' }, namespace: 'istio-system' },
  });
  listen(createServer(handler));
} else {
  console.error('usage: servers.mjs upstream|bare|rudder <port> [upstream port] [telemetry on|off]');
  process.exit(2);
}
