import { describe, expect, it } from 'vitest';
import { checkUrl, DEFAULTS, parseLoadArgs, usage } from './options.js';
import { buildSpec } from './spec.js';

function ok(argv: string[]) {
  const r = parseLoadArgs(argv);
  if ('errors' in r) throw new Error(r.errors.join('\n'));
  return r.options;
}

function errors(argv: string[]): string[] {
  const r = parseLoadArgs(argv);
  return 'errors' in r ? r.errors : [];
}

describe('rudder load flags (fortio names, defaults and meanings)', () => {
  it("the tutorial's command line", () => {
    const o = ok(['-c', '2', '-qps', '0', '-n', '20', '-loglevel', 'Warning', '127.0.0.1:8080/productpage']);
    expect([o.connections, o.qps, o.exactly, o.logLevel, o.logLevelSet]).toEqual([2, 0, 20, 3, true]);
    expect([o.url, o.assumedHttpFor]).toEqual(['http://127.0.0.1:8080/productpage', '127.0.0.1:8080/productpage']);
  });

  it("fortio's defaults: 8 qps, 4 connections, 5s, 3s timeout, p50..p99.9", () => {
    const o = ok(['http://h/']);
    expect([o.qps, o.connections, o.durationNs, o.timeoutNs, o.percentiles]).toEqual([8, 4, 5e9, 3e9, [50, 75, 90, 99, 99.9]]);
    expect(o.assumedHttpFor).toBeUndefined();
    expect(DEFAULTS.logLevel).toBe(2);
  });

  it('Go flag syntax: --flag, -flag=value, bare booleans, repeated -H, flags after the URL', () => {
    const o = ok(['--qps=12.5', '-uniform', '-jitter=false', 'h:1/', '-H', 'end-user: tester', '-H', 'x-a:1', '-t', '1m30s']);
    expect([o.qps, o.uniform, o.jitter, o.durationNs]).toEqual([12.5, true, false, 90e9]);
    expect(o.headers).toEqual([
      ['end-user', ' tester'],
      ['x-a', '1'],
    ]);
  });

  it('every bad value is reported, each naming its flag', () => {
    expect(errors(['-c', '0', '-qps', 'fast', '-t', '10', '-p', '50,abc', '-H', 'nocolon', '-loglevel', 'loud', 'h'])).toEqual([
      'invalid value "0" for flag -c: must be an integer >= 1',
      'invalid value "fast" for flag -qps: must be a number (0 for max qps)',
      'invalid value "10" for flag -t: must be a duration such as 10s, 500ms, 1m30s',
      'invalid value "50,abc" for flag -p: "abc" is not a percentile in ]0, 100]',
      "invalid value \"nocolon\" for flag -H: invalid extra header 'nocolon', expecting Key: Value",
      'invalid value "loud" for flag -loglevel: must be one of Debug, Verbose, Info, Warning, Error, Critical, Fatal',
    ]);
    expect(errors(['-bogus', 'h'])).toEqual(['flag provided but not defined: -bogus']);
    expect(errors(['h', '-n'])).toEqual(['flag needs an argument: -n']);
    expect(errors(['-timeout', '0s', 'h'])).toEqual(['invalid value "0s" for flag -timeout: must be positive']);
  });

  it('a URL is required, only one, and it must be http(s)', () => {
    expect(errors([])).toEqual(['a URL or destination is needed: rudder load [flags] URL']);
    expect(errors(['a', 'b'])).toEqual(['too many arguments (typo in a flag?): b']);
    expect(checkUrl('ftp://h/x')).toBe("unusable URL 'ftp://h/x': scheme ftp:// is not supported (http:// or https://)");
    expect(checkUrl('http://')).toMatch(/^unusable URL/);
    expect(checkUrl('HTTPS://h')).toEqual({ url: 'HTTPS://h', assumed: false });
  });

  it('-h asks for help even without a URL', () => {
    expect(ok(['-h']).help).toBe(true);
  });
});

describe('the request every call sends (fhttp GenerateHeaders, Method)', () => {
  it('GET with a User-Agent and the -H headers', () => {
    const s = buildSpec(ok(['-H', 'end-user: tester', '-H', 'End-User: again', 'h/']));
    expect(s.method).toBe('GET');
    expect(s.headers).toEqual({ 'User-Agent': 'rudder-load/0.1.0', 'end-user': ['tester', 'again'] });
    expect(s.payload).toBeUndefined();
  });

  it('-payload makes a POST with octet-stream and a Content-Length; -content-type names the type', () => {
    const s = buildSpec(ok(['-payload', 'héllo', 'h/']));
    expect([s.method, s.headers['Content-Type'], s.headers['Content-Length']]).toEqual(['POST', 'application/octet-stream', '6']);
    const t = buildSpec(ok(['-payload', '{}', '-content-type', 'application/json', 'h/']));
    expect(t.headers['Content-Type']).toBe('application/json');
  });

  it('-H Host overrides the host, an empty User-Agent removes it, -X overrides the method', () => {
    const s = buildSpec(ok(['-H', 'Host: reviews', '-H', 'User-Agent:', '-X', 'PUT', 'h/']));
    expect(s.headers).toEqual({ Host: 'reviews' });
    expect(s.method).toBe('PUT');
  });

  it('-progress is a Rudder extension: off by default, marked as such in the usage', () => {
    expect(ok(['h/']).progress).toBe(false);
    expect(ok(['-progress', 'h/']).progress).toBe(true);
    expect(usage()).toMatch(/-progress\n\s+Rudder extension, not in fortio/);
  });
});
