// Server options from flags and environment (flags win): --host/RUDDER_HOST,
// --port/RUDDER_PORT, --kube-port/RUDDER_KUBE_PORT, --data-dir/RUDDER_DATA_DIR,
// --trace-sampling/RUDDER_TRACE_SAMPLING.
import { parseArgs } from 'node:util';

export interface ServerOptions {
  host: string;
  port: number;
  /** HTTPS port of the same API for kubectl (Kubernetes' 6443); 0 picks a free one. */
  kubePort: number;
  dataDir: string;
  log: boolean;
  /**
   * Percent of the traces proxies send that the server keeps (by trace id, so a trace is kept
   * whole). Proxies sample first (Istio's default 1 %, the sandbox 100 %), so the default is 100.
   */
  traceSampling: number;
}

export const USAGE = `Usage: rudder-server [--host 127.0.0.1] [--port 20001] [--kube-port 6443] [--data-dir .rudder]
                    [--trace-sampling 100] [--log]

  --host       address to bind (env RUDDER_HOST; default 127.0.0.1)
  --port       HTTP port of the API and dashboard (env RUDDER_PORT; default 20001)
  --kube-port  HTTPS port of the same API for kubectl (env RUDDER_KUBE_PORT; default 6443)
  --data-dir   where rudder.db, admin-token, tls/ and kubeconfig live (env RUDDER_DATA_DIR; default .rudder)
  --trace-sampling  percent of the traces proxies send that are stored (env RUDDER_TRACE_SAMPLING;
               default 100: proxies already sample, Istio's default there is 1)
  --log        log every request as JSON lines`;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): ServerOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'kube-port': { type: 'string' },
      'data-dir': { type: 'string' },
      'trace-sampling': { type: 'string' },
      log: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) throw new UsageError('');
  const port = portOf('--port', values.port ?? env.RUDDER_PORT ?? '20001');
  const kubePort = portOf('--kube-port', values['kube-port'] ?? env.RUDDER_KUBE_PORT ?? '6443');
  return {
    host: values.host ?? env.RUDDER_HOST ?? '127.0.0.1',
    port,
    kubePort,
    dataDir: values['data-dir'] ?? env.RUDDER_DATA_DIR ?? '.rudder',
    log: values.log ?? false,
    traceSampling: percentOf('--trace-sampling', values['trace-sampling'] ?? env.RUDDER_TRACE_SAMPLING ?? '100'),
  };
}

/** A percentage as Istio writes sampling (`1`, `0.5`, `100`); a trailing `%` is allowed. */
function percentOf(flag: string, text: string): number {
  const bare = text.trim().replace(/%$/, '');
  const n = Number(bare);
  if (bare === '' || !Number.isFinite(n) || n < 0 || n > 100) {
    throw new UsageError(`${flag}: ${JSON.stringify(text)} is not a percentage (0-100)`);
  }
  return n;
}

function portOf(flag: string, text: string): number {
  const port = Number(text);
  if (text.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`${flag}: ${JSON.stringify(text)} is not a port number (0-65535)`);
  }
  return port;
}

export class UsageError extends Error {}
