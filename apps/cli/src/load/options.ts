// `rudder load` flags with fortio's names, defaults and meanings (fortio/fortio cli/fortio_main.go,
// bincommon/commonflags.go), parsed like Go's flag package: -flag, --flag, -flag=value, -flag value.
import { bool, type Draft, duration, type Flag, int, parsePercentiles, text } from './flag-values.js';
import { INFO, LEVEL_NAMES, parseLevel } from './log.js';

export interface LoadOptions {
  /** The target with its scheme (http:// added when missing, as fortio does). */
  url: string;
  /** The URL as typed when it had no scheme, for fortio's "Assuming http://" warning. */
  assumedHttpFor: string | undefined;
  connections: number;
  qps: number;
  exactly: number;
  durationNs: number;
  /** -H in order; Host, User-Agent and Content-Type are handled as fortio does. */
  headers: [string, string][];
  curl: boolean;
  curlStdoutHeaders: boolean;
  logLevel: number;
  logLevelSet: boolean;
  json: string | undefined;
  timeoutNs: number;
  payload: string;
  contentType: string;
  method: string;
  uniform: boolean;
  jitter: boolean;
  noCatchUp: boolean;
  coCorrect: boolean;
  allowInitialErrors: boolean;
  percentiles: number[];
  labels: string;
  insecure: boolean;
  /** Rudder's extension (not in fortio): one JSON progress line a second on stderr. */
  progress: boolean;
  help: boolean;
}

export const DEFAULTS: Draft = {
  connections: 4,
  qps: 8,
  exactly: 0,
  durationNs: 5e9,
  headers: [],
  curl: false,
  curlStdoutHeaders: false,
  logLevel: INFO,
  logLevelSet: false,
  json: undefined,
  timeoutNs: 3e9,
  payload: '',
  contentType: '',
  method: '',
  uniform: false,
  jitter: false,
  noCatchUp: false,
  coCorrect: false,
  allowInitialErrors: false,
  percentiles: [50, 75, 90, 99, 99.9],
  labels: '',
  insecure: false,
  progress: false,
  help: false,
};

export const FLAGS: Record<string, Flag> = {
  c: { arg: 'n', help: 'Number of connections/goroutine/threads (default 4)', set: int(1, (o, n) => (o.connections = n)) },
  qps: {
    arg: 'rate',
    help: 'Queries Per Seconds or 0 for no wait/max qps (default 8)',
    set: (o, v) => {
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n)) return 'must be a number (0 for max qps)';
      o.qps = n;
      return undefined;
    },
  },
  n: { arg: 'calls', help: 'Run for exactly this number of calls instead of duration (default 0: use -t)', set: int(0, (o, n) => (o.exactly = n)) },
  t: { arg: 'duration', help: 'How long to run the test or 0 to run until ^C (default 5s)', set: duration((o, ns) => (o.durationNs = ns)) },
  H: {
    arg: 'key:value',
    help: 'Additional HTTP header(s); repeat -H for several',
    set: (o, v) => {
      const i = v.indexOf(':');
      if (i < 0 || v.slice(0, i).trim() === '') return `invalid extra header '${v}', expecting Key: Value`;
      o.headers.push([v.slice(0, i).trim(), v.slice(i + 1)]);
      return undefined;
    },
  },
  curl: { bool: true, help: 'Just fetch the content once', set: bool((o, b) => (o.curl = b)) },
  'curl-stdout-headers': { bool: true, help: 'In -curl mode print the headers to stdout (default stderr)', set: bool((o, b) => (o.curlStdoutHeaders = b)) },
  loglevel: {
    arg: 'level',
    help: `Log level, one of ${LEVEL_NAMES.join(', ')} (default Info)`,
    set: (o, v) => {
      const l = parseLevel(v);
      if (l === undefined) return `must be one of ${LEVEL_NAMES.join(', ')}`;
      o.logLevel = l;
      o.logLevelSet = true;
      return undefined;
    },
  },
  json: { arg: 'path', help: "JSON output to provided file path or '-' for stdout", set: text((o, v) => (o.json = v), 'must be a path or -') },
  timeout: { arg: 'duration', help: 'Connection and read timeout value (default 3s)', set: duration((o, ns) => (o.timeoutNs = ns), true) },
  payload: { arg: 'string', help: 'Payload string to send along (switches to POST)', set: text((o, v) => (o.payload = v)) },
  'content-type': { arg: 'type', help: 'Sets HTTP content type (switches to POST)', set: text((o, v) => (o.contentType = v.trim())) },
  X: {
    arg: 'method',
    help: 'HTTP method to use instead of GET/POST depending on payload/content-type',
    set: (o, v) => {
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(v)) return 'must be an HTTP method token';
      o.method = v;
      return undefined;
    },
  },
  uniform: { bool: true, help: "De-synchronize parallel clients' requests uniformly (with -qps)", set: bool((o, b) => (o.uniform = b)) },
  jitter: { bool: true, help: "De-synchronize parallel clients' requests by ±10% (with -qps)", set: bool((o, b) => (o.jitter = b)) },
  nocatchup: { bool: true, help: 'Exact fixed qps: skip calls instead of catching up when the target is slow', set: bool((o, b) => (o.noCatchUp = b)) },
  'co-correct': {
    bool: true,
    help: 'Correct latency for coordinated omission (with -qps): a call held back by a slow previous call counts from when it was due',
    set: bool((o, b) => (o.coCorrect = b)),
  },
  'allow-initial-errors': { bool: true, help: "Allow and don't abort on initial warmup errors", set: bool((o, b) => (o.allowInitialErrors = b)) },
  p: {
    arg: 'list',
    help: 'List of pXX to calculate (default "50,75,90,99,99.9")',
    set: (o, v) => {
      const p = parsePercentiles(v);
      if (typeof p === 'string') return p;
      o.percentiles = p;
      return undefined;
    },
  },
  labels: { arg: 'text', help: 'Additional labels for the JSON result (default: target URL and hostname)', set: text((o, v) => (o.labels = v)) },
  k: { bool: true, help: 'Do not verify certs in HTTPS connections', set: bool((o, b) => (o.insecure = b)) },
  progress: {
    bool: true,
    help: 'Rudder extension, not in fortio: write one JSON line a second to stderr, {"progress":{"calls":n,"elapsedSeconds":s,"qps":r,"codes":{"200":n}}}, for the server and dashboard to follow a run',
    set: bool((o, b) => (o.progress = b)),
  },
  h: { bool: true, help: 'Show this help', set: bool((o, b) => (o.help = b)) },
};
FLAGS.help = FLAGS.h!;

/** fortio's URLSchemeCheck: http:// is assumed when no scheme is given; only http(s) is usable. */
export function checkUrl(raw: string): { url: string; assumed: boolean } | string {
  let url = raw.trim();
  let assumed = false;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url);
  if (!scheme) {
    url = `http://${url}`;
    assumed = true;
  } else if (!/^https?$/i.test(scheme[1]!)) {
    return `unusable URL '${raw}': scheme ${scheme[1]}:// is not supported (http:// or https://)`;
  }
  try {
    const u = new URL(url);
    if (u.hostname === '') return `unusable URL '${raw}': no host`;
  } catch {
    return `unusable URL '${raw}'`;
  }
  return { url, assumed };
}

/** Parses `rudder load [flags] URL`; every problem is reported, each naming its flag. */
export function parseLoadArgs(argv: readonly string[]): { options: LoadOptions } | { errors: string[] } {
  const o: Draft = { ...DEFAULTS, headers: [], percentiles: [...DEFAULTS.percentiles] };
  const errors: string[] = [];
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    const body = a.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const flag = FLAGS[name];
    if (!flag) {
      errors.push(`flag provided but not defined: -${name}`);
      continue;
    }
    let value: string | undefined = eq < 0 ? undefined : body.slice(eq + 1);
    if (value === undefined) {
      if (flag.bool) value = 'true';
      else if (i + 1 < argv.length) value = argv[++i]!;
      else {
        errors.push(`flag needs an argument: -${name}`);
        continue;
      }
    }
    const why = flag.set(o, value);
    if (why !== undefined) errors.push(`invalid value "${value}" for flag -${name}: ${why}`);
  }
  if (o.help) return { options: { ...o, url: '', assumedHttpFor: undefined } };
  if (positional.length === 0) errors.push('a URL or destination is needed: rudder load [flags] URL');
  if (positional.length > 1) errors.push(`too many arguments (typo in a flag?): ${positional.slice(1).join(' ')}`);
  const checked = positional.length > 0 ? checkUrl(positional[0]!) : undefined;
  if (typeof checked === 'string') errors.push(checked);
  if (errors.length > 0 || checked === undefined || typeof checked === 'string') return { errors };
  return { options: { ...o, url: checked.url, assumedHttpFor: checked.assumed ? positional[0] : undefined } };
}

export function usage(): string {
  const lines = Object.entries(FLAGS)
    .filter(([name]) => name !== 'help')
    .map(([name, f]) => `  -${name}${f.arg ? ` ${f.arg}` : ''}\n      ${f.help}`);
  return `Usage: rudder load [flags] URL\n\nA fortio-compatible HTTP load generator (same flags, output and JSON).\nFlags marked "Rudder extension" are not fortio's; without them the output is fortio's.\n\n${lines.join('\n')}\n`;
}
