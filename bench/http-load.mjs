// A small closed-loop HTTP load generator, used when wrk is not installed: `http-load.mjs <url>
// <connections> <seconds>` keeps one request in flight per keep-alive connection and prints
// JSON {requests, rps, p50, p99} (latencies in ms). Slower than wrk: compare within one run only.
import { Agent, request } from 'node:http';

const [url, connectionsText, secondsText] = process.argv.slice(2);
const connections = Number(connectionsText);
const { hostname, port, pathname } = new URL(url);
const agent = new Agent({ keepAlive: true, maxSockets: connections });
const latencies = [];
const until = performance.now() + Number(secondsText) * 1000;
let errors = 0;

const one = () =>
  new Promise((resolve) => {
    const started = performance.now();
    const req = request({ host: hostname, port, path: pathname, agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => {
        if (res.statusCode === 200) latencies.push(performance.now() - started);
        else errors++;
        resolve();
      });
    });
    req.on('error', () => {
      errors++;
      resolve();
    });
    req.end();
  });

const worker = async () => {
  while (performance.now() < until) await one();
};
const started = performance.now();
await Promise.all(Array.from({ length: connections }, worker));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
console.log(JSON.stringify({ requests: latencies.length, errors, rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99) }));
agent.destroy();
