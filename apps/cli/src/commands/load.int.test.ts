// `rudder load` end to end against a real HTTP server on 127.0.0.1: the calls, codes, sockets,
// rate, JSON, -curl, headers, POST and timeouts a tutorial reader expects from fortio.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from './load.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  socket: number;
}

let server: Server;
let base: string;
const seen: Seen[] = [];
const sockets = new WeakMap<object, number>();
let handler: (req: IncomingMessage, res: ServerResponse, n: number) => void = (_req, res) => res.end('ok\n');

beforeAll(async () => {
  let nextSocket = 0;
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      if (!sockets.has(req.socket)) sockets.set(req.socket, nextSocket++);
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body, socket: sockets.get(req.socket)! });
      handler(req, res, seen.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  seen.length = 0;
  handler = (_req, res) => res.end('ok\n');
  server.closeAllConnections();
});

async function load(argv: string[], signal?: AbortSignal) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (c: string | Uint8Array) => (stdout += String(c)) },
    stderr: { write: (c: string | Uint8Array) => (stderr += String(c)) },
    signal,
  };
  const code = await runLoad(argv, io);
  return { code, stdout, stderr };
}

describe('rudder load against a real upstream (fortio load)', () => {
  it('-c 2 -qps 0 -n 20: exactly 20 calls on 2 kept-alive sockets', async () => {
    const r = await load(['-c', '2', '-qps', '0', '-n', '20', '-loglevel', 'Warning', `${base}/productpage`]);
    expect(r.code).toBe(0);
    expect(seen).toHaveLength(20);
    expect(new Set(seen.map((s) => s.socket)).size).toBe(2);
    expect(r.stdout).toContain('Starting at max qps with 2 thread(s) [gomax 1] for exactly 20 calls (10 per thread + 0)\n');
    expect(r.stdout).toMatch(/Ended after [\d.]+m?s : 20 calls\. qps=[\d.]+\n/);
    expect(r.stdout).toContain('Code 200 : 20 (100.0 %)\n');
    expect(r.stdout).toContain('Sockets used: 2 (for perfect keepalive, would be 2)\n');
    expect(r.stdout).toMatch(/All done 20 calls \(plus 0 warmup\) [\d.]+ ms avg, [\d.]+ qps\n$/);
    // the histogram's counts sum to the calls
    const table = r.stdout.split('Error cases')[0]!;
    const counts = [...table.matchAll(/^>=? \S+ <= \S+ , \S+ , [\d.]+, (\d+)$/gm)].map((m) => Number(m[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(20);
  });

  it('a server answering 503 half the time shows both codes with their share', async () => {
    handler = (_req, res, n) => {
      res.statusCode = n % 2 ? 200 : 503;
      res.end('x');
    };
    const r = await load(['-c', '2', '-qps', '0', '-n', '20', '-loglevel', 'Warning', `${base}/productpage`]);
    expect(r.stdout).toContain('Code 200 : 10 (50.0 %)\nCode 503 : 10 (50.0 %)\n');
    expect(r.stdout).toContain('Error cases : count 10 ');
  });

  it('-qps 50 -t 1s makes about 50 calls on schedule', async () => {
    const r = await load(['-c', '2', '-qps', '50', '-t', '1s', '-loglevel', 'Warning', base]);
    const calls = Number(/Ended after \S+ : (\d+) calls/.exec(r.stdout)![1]);
    expect(calls).toBeGreaterThanOrEqual(40);
    expect(calls).toBeLessThanOrEqual(60);
    expect(seen.length).toBe(calls + 2); // plus one warmup call per connection
    expect(r.stdout).toContain('Starting at 50 qps with 2 thread(s) [gomax 1] for 1s : 25 calls each (total 50)\n');
    expect(r.stdout).toMatch(/All done \d+ calls \(plus 2 warmup\)/);
  });

  it('-json - writes fortio\'s JSON on stdout and the text report on stderr', async () => {
    const r = await load(['-c', '2', '-qps', '0', '-n', '10', '-json', '-', base]);
    const j = JSON.parse(r.stdout);
    for (const k of ['RunType', 'Labels', 'StartTime', 'RequestedQPS', 'ActualQPS', 'NumThreads', 'DurationHistogram', 'RetCodes', 'Sizes', 'HeaderSizes', 'URL', 'SocketCount']) {
      expect(j).toHaveProperty(k);
    }
    expect([j.RunType, j.RequestedQPS, j.NumThreads, j.Exactly, j.RetCodes, j.SocketCount, j.URL]).toEqual(['HTTP', 'max', 2, 10, { '200': 10 }, 2, `${base}`]);
    expect(j.DurationHistogram.Count).toBe(10);
    expect(j.DurationHistogram.Percentiles.map((p: { Percentile: number }) => p.Percentile)).toEqual([50, 75, 90, 99, 99.9]);
    expect(r.stderr).toContain('Code 200 : 10 (100.0 %)');
    expect(r.stderr).toMatch(/Successfully wrote \d+ bytes of Json data to stdout\n$/);
  });

  it('-progress (Rudder extension) adds one JSON line a second on stderr and leaves the JSON result alone', async () => {
    handler = (_req, res, n) => {
      res.statusCode = n % 4 ? 200 : 503;
      res.end('x');
    };
    const r = await load(['-c', '2', '-qps', '20', '-t', '1.6s', '-allow-initial-errors', '-json', '-', '-progress', base]);
    const j = JSON.parse(r.stdout);
    const lines = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('{"progress"'))
      .map((l) => JSON.parse(l).progress);
    // one a second while running (at 1s), and a final one at the end
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0].calls).toBeGreaterThan(0);
    expect(lines[0].calls).toBeLessThan(j.DurationHistogram.Count);
    expect(lines[0].elapsedSeconds).toBeGreaterThanOrEqual(0.9);
    const last = lines.at(-1);
    expect(last.calls).toBe(j.DurationHistogram.Count);
    expect(last.codes).toEqual(j.RetCodes);
    expect(Object.keys(last.codes)).toEqual(['200', '503']);
    // without the flag: no progress lines
    const plain = await load(['-c', '1', '-qps', '0', '-n', '3', '-json', '-', base]);
    expect(plain.stderr).not.toContain('"progress"');
  });

  it('-curl prints the status line and headers (stderr) and the body (stdout)', async () => {
    handler = (_req, res) => {
      res.setHeader('x-served-by', 'productpage-v1');
      res.end('<html>bookinfo</html>');
    };
    const r = await load(['-curl', `${base}/productpage`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(r.stderr).toContain('x-served-by: productpage-v1\r\n');
    expect(r.stdout).toBe('<html>bookinfo</html>');
    handler = (_req, res) => {
      res.statusCode = 503;
      res.end('down');
    };
    const bad = await load(['-curl', `${base}/productpage`]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Error status 503');
  });

  it('-H headers arrive on every call', async () => {
    await load(['-c', '1', '-qps', '0', '-n', '3', '-H', 'end-user: tester', '-H', 'Host: productpage', base]);
    expect(seen.map((s) => [s.headers['end-user'], s.headers.host])).toEqual(Array(3).fill(['tester', 'productpage']));
  });

  it('-payload POSTs the body', async () => {
    await load(['-c', '1', '-qps', '0', '-n', '2', '-payload', '{"rating":5}', '-content-type', 'application/json', `${base}/ratings`]);
    expect(seen.map((s) => [s.method, s.body, s.headers['content-type']])).toEqual(
      Array(2).fill(['POST', '{"rating":5}', 'application/json']),
    );
  });

  it('-timeout: a call that takes too long is a socket error, code -1', async () => {
    handler = (_req, res, n) => {
      if (n % 2) setTimeout(() => res.end('late'), 400);
      else res.end('ok');
    };
    const r = await load(['-c', '1', '-qps', '0', '-n', '4', '-timeout', '100ms', '-loglevel', 'Warning', base]);
    expect(r.stdout).toMatch(/Code {2}-1 : 2 \(50\.0 %\)\nCode 200 : 2 \(50\.0 %\)/);
    expect(r.stderr).toContain('timeout after 100ms');
  });

  it('an abort (^C) stops the run and prints the partial result', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 300);
    const r = await load(['-c', '2', '-qps', '0', '-t', '0', '-loglevel', 'Warning', base], stop.signal);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Starting at max qps with 2 thread(s) [gomax 1] until interrupted\n');
    expect(r.stdout).toMatch(/All done [1-9]\d* calls \(plus 2 warmup\)/);
  });

  it('clear errors: bad flags, an unresolvable host, a refused connection', async () => {
    const flags = await load(['-c', 'two', '-t', 'soon', base]);
    expect(flags.code).toBe(2);
    expect(flags.stderr).toContain('invalid value "two" for flag -c');
    expect(flags.stderr).toContain('invalid value "soon" for flag -t');
    const dns = await load(['-n', '1', 'http://no-such-host.invalid/']);
    expect([dns.code, dns.stdout]).toEqual([1, expect.stringContaining("Aborting because of unable to resolve host 'no-such-host.invalid'")]);
    const refused = await load(['-t', '1s', '-loglevel', 'Error', 'http://127.0.0.1:9/']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Aborting because of error -1 for http://127.0.0.1:9/ (0 bytes)');
  });
});
