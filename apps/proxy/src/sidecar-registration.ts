// A standalone sidecar registers its instance in the server's registry (address and
// inbound port, so callers reach the app through this sidecar) and heartbeats at a
// third of its TTL; the server marks it Unhealthy when heartbeats stop.
import type { ProxyOptions } from './options.js';

const TTL_SECONDS = 15;

const api = (options: ProxyOptions, path: string, init: RequestInit = {}) =>
  fetch(`${options.server}/rudder/v1/registry${path}`, {
    ...init,
    headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json', ...init.headers },
  });

/** The workload's labels from the registry (app, version…), for identity and sourceLabels. */
export async function workloadLabels(options: ProxyOptions): Promise<Record<string, string>> {
  if (options.mode !== 'sidecar' || options.snapshot) return {};
  const res = await api(options, '');
  if (!res.ok) throw new Error(`cannot read the registry from ${options.server}: HTTP ${res.status}`);
  const state = (await res.json()) as { workloads: { name: string; namespace: string; labels: Record<string, string> }[] };
  const found = state.workloads.find((w) => w.name === options.workload && w.namespace === options.namespace);
  if (!found) throw new Error(`workload ${options.namespace}/${options.workload} is not registered; register it (PUT /rudder/v1/registry/workloads/…) or pass --labels`);
  return found.labels;
}

export function startRegistration(options: ProxyOptions, inboundPort: number, proxyId: string): void {
  const path = `/instances/${options.namespace}/${options.instance}`;
  const body = JSON.stringify({
    name: options.instance,
    namespace: options.namespace,
    workload: options.workload,
    address: options.host,
    port: inboundPort,
    proxy: proxyId,
    ttlSeconds: TTL_SECONDS,
  });
  const register = () =>
    api(options, path, { method: 'PUT', body }).then(
      (res) => {
        if (!res.ok) console.error(`rudder-proxy: registering ${options.instance} failed: HTTP ${res.status}`);
      },
      (error: Error) => console.error(`rudder-proxy: registering ${options.instance} failed: ${error.message}`),
    );
  void register();
  // Re-registering is the heartbeat: it also recovers after a server restart.
  setInterval(register, (TTL_SECONDS * 1000) / 3).unref();
}
