// The sandbox speaks to the Rudder server as any automation does: REST with a bearer
// token (registry registration and heartbeats, applying Istio config).
import type { InstanceRegistration, RegistryService, Workload } from '@rudder/shared/protocol';

export interface ServerClient {
  readonly url: string;
  readonly token: string;
  putService(service: RegistryService & { namespace: string }): Promise<void>;
  putWorkload(workload: Workload & { namespace: string }): Promise<void>;
  register(instance: InstanceRegistration & { namespace: string }): Promise<void>;
  /** Applies a multi-document YAML all or nothing; returns the server's answer. */
  apply(yaml: string): Promise<unknown>;
  exists(path: string): Promise<boolean>;
  /** The store's newest resourceVersion (a list's metadata.resourceVersion). */
  currentVersion(): Promise<number>;
  /** Deletes every Istio resource whose `Kind/namespace/name` is not in `keep` (never the registry). */
  pruneIstioConfig(keep: ReadonlySet<string>): Promise<number>;
}

const PLURALS = ['virtualservices', 'destinationrules', 'gateways', 'serviceentries', 'workloadentries'];

export function createServerClient(url: string, token: string): ServerClient {
  const call = async (method: string, path: string, body?: string, type = 'application/json') => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': type } : {}) },
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    if (!res.ok && !(method === 'GET' && res.status === 404)) {
      let message = text;
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {}
      throw new Error(`${method} ${path}: HTTP ${res.status}: ${message}`);
    }
    return { status: res.status, text };
  };
  const json = (v: unknown) => JSON.stringify(v);
  return {
    url,
    token,
    putService: async (s) => void (await call('PUT', `/rudder/v1/registry/services/${s.namespace}/${s.name}`, json(s))),
    putWorkload: async (w) => void (await call('PUT', `/rudder/v1/registry/workloads/${w.namespace}/${w.name}`, json(w))),
    register: async (i) => void (await call('PUT', `/rudder/v1/registry/instances/${i.namespace}/${i.name}`, json(i))),
    apply: async (yaml) => JSON.parse((await call('POST', '/rudder/v1/apply', yaml, 'application/yaml')).text) as unknown,
    exists: async (path) => (await call('GET', path)).status === 200,
    async currentVersion() {
      const list = JSON.parse((await call('GET', '/apis/networking.istio.io/v1/gateways')).text) as { metadata: { resourceVersion: string } };
      return Number(list.metadata.resourceVersion);
    },
    async pruneIstioConfig(keep) {
      let deleted = 0;
      for (const plural of PLURALS) {
        const list = JSON.parse((await call('GET', `/apis/networking.istio.io/v1/${plural}`)).text) as {
          kind: string;
          items: { metadata: { name: string; namespace: string } }[];
        };
        const kind = list.kind.replace(/List$/, '');
        for (const item of list.items) {
          if (keep.has(`${kind}/${item.metadata.namespace}/${item.metadata.name}`)) continue;
          await call('DELETE', `/apis/networking.istio.io/v1/namespaces/${item.metadata.namespace}/${plural}/${item.metadata.name}`);
          deleted++;
        }
      }
      return deleted;
    },
  };
}
