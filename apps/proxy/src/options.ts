// rudder-proxy's command line: `gateway` or `sidecar`, the server to take config from
// (or a snapshot file), and the listener ports.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

export const USAGE = `Usage:
  rudder-proxy gateway [--port 8080] [--labels istio=ingressgateway] [--namespace istio-system] [common]
  rudder-proxy sidecar --workload reviews-v1 --instance reviews-v1-2 --app-port 9081
                       [--inbound-port 0] [--outbound-port 0] [--namespace default] [--labels app=reviews,version=v1] [common]
common:
  --server http://127.0.0.1:20001   config server (env RUDDER_SERVER)
  --token T | --token-file F         bearer token (env RUDDER_TOKEN; default file .rudder/admin-token)
  --snapshot FILE                    serve a snapshot file (JSON) instead of a server
  --host 127.0.0.1                   address to bind
  --admin-port 15000                 admin listener (0: random, -1: none)
  --access-log                       print one JSON access-log line per request
  --trace-sampling 1                 percent of new traces sampled (Istio's default 1; 100 = all)`;

export interface ProxyOptions {
  mode: 'gateway' | 'sidecar';
  server: string;
  token?: string;
  snapshot?: string;
  host: string;
  adminPort: number;
  accessLog: boolean;
  /** Head sampling of new traces, percent. */
  traceSampling: number;
  namespace: string;
  labels?: Record<string, string>;
  port: number;
  workload?: string;
  instance?: string;
  appPort?: number;
  inboundPort: number;
  outboundPort: number;
}

export class UsageError extends Error {}

const int = (name: string, text: string | undefined, fallback: number, min = 0) => {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > 65535) throw new UsageError(`--${name}: ${JSON.stringify(text)} is not a port number`);
  return n;
};

function percentOf(text: string | undefined): number {
  if (text === undefined) return 1;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`--trace-sampling: ${JSON.stringify(text)} is not a percentage (0-100)`);
  return n;
}

export function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of text.split(',').filter(Boolean)) {
    const [key, value] = pair.split('=');
    if (!key || value === undefined) throw new UsageError(`--labels: ${JSON.stringify(pair)} is not key=value`);
    labels[key.trim()] = value.trim();
  }
  return labels;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): ProxyOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      server: { type: 'string' },
      token: { type: 'string' },
      'token-file': { type: 'string' },
      snapshot: { type: 'string' },
      host: { type: 'string' },
      'admin-port': { type: 'string' },
      'access-log': { type: 'boolean', default: false },
      'trace-sampling': { type: 'string' },
      namespace: { type: 'string' },
      labels: { type: 'string' },
      port: { type: 'string' },
      workload: { type: 'string' },
      instance: { type: 'string' },
      'app-port': { type: 'string' },
      'inbound-port': { type: 'string' },
      'outbound-port': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const mode = positionals[0];
  if (values.help || (mode !== 'gateway' && mode !== 'sidecar')) throw new UsageError(values.help ? '' : `the first argument must be gateway or sidecar`);
  if (mode === 'sidecar' && (!values.workload || !values.instance || !values['app-port'])) {
    throw new UsageError('sidecar needs --workload, --instance and --app-port');
  }
  const tokenFile = values['token-file'] ?? '.rudder/admin-token';
  let token = values.token ?? env.RUDDER_TOKEN;
  if (!token && !values.snapshot) {
    try {
      token = readFileSync(tokenFile, 'utf8').trim();
    } catch {
      throw new UsageError(`no token: pass --token, set RUDDER_TOKEN, or point --token-file at the server's admin-token (tried ${tokenFile})`);
    }
  }
  return {
    mode,
    server: values.server ?? env.RUDDER_SERVER ?? 'http://127.0.0.1:20001',
    ...(token ? { token } : {}),
    ...(values.snapshot ? { snapshot: values.snapshot } : {}),
    host: values.host ?? '127.0.0.1',
    adminPort: values['admin-port'] === '-1' ? -1 : int('admin-port', values['admin-port'], 15000),
    accessLog: values['access-log'] ?? false,
    traceSampling: percentOf(values['trace-sampling']),
    namespace: values.namespace ?? (mode === 'gateway' ? 'istio-system' : 'default'),
    ...(values.labels ? { labels: parseLabels(values.labels) } : mode === 'gateway' ? { labels: { istio: 'ingressgateway' } } : {}),
    port: int('port', values.port, 8080),
    ...(values.workload ? { workload: values.workload } : {}),
    ...(values.instance ? { instance: values.instance } : {}),
    ...(values['app-port'] ? { appPort: int('app-port', values['app-port'], 0, 1) } : {}),
    inboundPort: int('inbound-port', values['inbound-port'], 0),
    outboundPort: int('outbound-port', values['outbound-port'], 0),
  };
}
