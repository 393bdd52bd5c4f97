import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { locateCli } from './cli-entry.js';
import { loadArgs, normalizeLoad } from './request.js';

describe('load requests', () => {
  it("fills fortio's defaults and adds http:// as fortio does", () => {
    expect(normalizeLoad({ url: '127.0.0.1:8080/productpage' })).toEqual({ url: 'http://127.0.0.1:8080/productpage', connections: 4, qps: 8, duration: '5s' });
  });

  it('becomes fortio flags: JSON on stdout, progress on stderr, headers, the URL after --', () => {
    const r = normalizeLoad({ url: 'http://gw/productpage', connections: 2, qps: 0, calls: 20, headers: { 'end-user': 'tester' } });
    expect(loadArgs(r)).toEqual([
      'load', '-json', '-', '-progress', '-loglevel', 'Warning', '-c', '2', '-qps', '0', '-allow-initial-errors', '-n', '20', '-H', 'end-user: tester', '--', 'http://gw/productpage',
    ]);
  });

  it('names every field past a cap or malformed', () => {
    try {
      normalizeLoad({ url: '', connections: 0, qps: 'fast', calls: 5, duration: '2s', headers: { 'bad name': 'x', ok: 'a\nb' } });
      expect.unreachable();
    } catch (e) {
      const fields = (e as { problems: { field: string }[] }).problems.map((p) => p.field);
      expect(fields).toEqual(['url', 'connections', 'qps', 'duration', 'headers[bad name]', 'headers[ok]']);
    }
  });
});

describe('locating the CLI', () => {
  const server = resolve(import.meta.dirname, '../..');
  it('from source: the CLI source through tsx', () => {
    const { nodeArgs } = locateCli(pathToFileURL(`${server}/src/load/cli-entry.ts`).href);
    expect(nodeArgs[0]).toBe('--conditions=source');
    expect(nodeArgs.at(-1)).toBe(resolve(server, '../cli/src/main.ts'));
  });

  it('built: the CLI dist when it is built, else its source', () => {
    const { nodeArgs } = locateCli(pathToFileURL(`${server}/dist/load/cli-entry.js`).href);
    expect([resolve(server, '../cli/dist/main.js'), resolve(server, '../cli/src/main.ts')]).toContain(nodeArgs.at(-1));
  });
});
