// The server-owned registry (DESIGN.md "Registry and identity"): Services, Workloads
// and Instances, persisted in SQLite; instance health from heartbeats, kept in memory.
// Not Istio config: nothing that resets or deletes Istio resources touches it.
import type { Instance, InstanceRegistration, RegistryService, RegistryState, Workload } from '@rudder/shared/protocol';
import { RudderError } from '@rudder/shared/errors';
import type { Db } from '../store/db.js';

export const DEFAULT_TTL_SECONDS = 15;

export interface Registry {
  state(): RegistryState;
  putService(service: RegistryService): void;
  deleteService(namespace: string, name: string): void;
  putWorkload(workload: Workload): void;
  deleteWorkload(namespace: string, name: string): void;
  /** Registers an instance, or refreshes it: a registration is also a heartbeat. */
  register(registration: InstanceRegistration): Instance;
  heartbeat(namespace: string, name: string): Instance;
  deregister(namespace: string, name: string): void;
  /** Re-derives health from heartbeat ages; true when any instance changed health. */
  refreshHealth(): boolean;
  /** Called after every change that alters what proxies see (not after plain heartbeats). */
  onChange(listener: () => void): () => void;
}

type Table = 'registry_services' | 'registry_workloads' | 'registry_instances';

export function createRegistry(db: Db, now: () => number = Date.now): Registry {
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of listeners) l();
  };
  const put = (table: Table, namespace: string, name: string, body: unknown) =>
    db.prepare(`INSERT OR REPLACE INTO ${table} (namespace, name, body) VALUES (?, ?, ?)`).run(namespace, name, JSON.stringify(body));
  const remove = (table: Table, namespace: string, name: string) =>
    db.prepare(`DELETE FROM ${table} WHERE namespace = ? AND name = ?`).run(namespace, name).changes > 0;
  const load = <T>(table: Table) =>
    (db.prepare(`SELECT body FROM ${table} ORDER BY namespace, name`).all() as { body: string }[]).map((r) => JSON.parse(r.body) as T);

  const services = new Map(load<RegistryService>('registry_services').map((s) => [key(s), s]));
  const workloads = new Map(load<Workload>('registry_workloads').map((w) => [key(w), w]));
  // Instances loaded from disk count as seen now: their proxies get one TTL to heartbeat again.
  const started = now();
  const instances = new Map<string, Instance>(load<Instance>('registry_instances').map((i) => [key(i), { ...i, health: 'Unknown' }]));
  const lastSeen = new Map<string, number>([...instances.keys()].map((k) => [k, started]));

  const getInstance = (namespace: string, name: string) => {
    const found = instances.get(`${namespace}/${name}`);
    if (!found) throw new RudderError('NotFound', `instance "${namespace}/${name}" is not registered`);
    return found;
  };

  return {
    state: () => ({ services: [...services.values()], workloads: [...workloads.values()], instances: [...instances.values()] }),
    putService(service) {
      const s = { ...service, namespace: service.namespace ?? 'default' };
      if (same(services.get(key(s)), s)) return;
      services.set(key(s), s);
      put('registry_services', s.namespace, s.name, s);
      changed();
    },
    deleteService(namespace, name) {
      if (!services.delete(`${namespace}/${name}`)) throw new RudderError('NotFound', `service "${namespace}/${name}" is not registered`);
      remove('registry_services', namespace, name);
      changed();
    },
    putWorkload(workload) {
      const w = { ...workload, namespace: workload.namespace ?? 'default' };
      if (same(workloads.get(key(w)), w)) return;
      workloads.set(key(w), w);
      put('registry_workloads', w.namespace, w.name, w);
      changed();
    },
    deleteWorkload(namespace, name) {
      if (!workloads.delete(`${namespace}/${name}`)) throw new RudderError('NotFound', `workload "${namespace}/${name}" is not registered`);
      remove('registry_workloads', namespace, name);
      changed();
    },
    register(registration) {
      const namespace = registration.namespace ?? 'default';
      if (!workloads.has(`${namespace}/${registration.workload}`)) {
        throw new RudderError('Invalid', `instance "${registration.name}" names workload "${namespace}/${registration.workload}", which is not registered`, [
          { field: 'workload', reason: 'FieldValueNotFound', message: `Not found: ${JSON.stringify(registration.workload)}` },
        ]);
      }
      const k = `${namespace}/${registration.name}`;
      const previous = instances.get(k);
      const at = new Date(now()).toISOString();
      const next: Instance = {
        name: registration.name,
        namespace,
        workload: registration.workload,
        address: registration.address,
        port: registration.port,
        ...(registration.proxy ? { proxy: registration.proxy } : {}),
        ttlSeconds: registration.ttlSeconds ?? DEFAULT_TTL_SECONDS,
        health: 'Healthy',
        lastHeartbeat: at,
        registeredAt: previous?.registeredAt ?? at,
      };
      lastSeen.set(k, now());
      const routingChanged = !previous || previous.health !== 'Healthy' || !same(strip(previous), strip(next));
      instances.set(k, next);
      if (routingChanged) {
        put('registry_instances', namespace, next.name, next);
        changed();
      }
      return next;
    },
    heartbeat(namespace, name) {
      const instance = getInstance(namespace, name);
      lastSeen.set(`${namespace}/${name}`, now());
      instance.lastHeartbeat = new Date(now()).toISOString();
      if (instance.health !== 'Healthy') {
        instance.health = 'Healthy';
        changed();
      }
      return instance;
    },
    deregister(namespace, name) {
      getInstance(namespace, name);
      instances.delete(`${namespace}/${name}`);
      lastSeen.delete(`${namespace}/${name}`);
      remove('registry_instances', namespace, name);
      changed();
    },
    refreshHealth() {
      let any = false;
      for (const [k, instance] of instances) {
        const age = now() - (lastSeen.get(k) ?? 0);
        const health = age > instance.ttlSeconds * 1000 ? 'Unhealthy' : instance.health === 'Unknown' ? 'Unknown' : 'Healthy';
        if (health !== instance.health) {
          instance.health = health;
          any = true;
        }
      }
      if (any) changed();
      return any;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const key = (x: { namespace?: string; name: string }) => `${x.namespace ?? 'default'}/${x.name}`;
const same = (a: unknown, b: unknown) => a !== undefined && JSON.stringify(a) === JSON.stringify(b);
/** The fields that change routing (not heartbeat timestamps). */
const strip = ({ lastHeartbeat: _l, registeredAt: _r, health: _h, ...rest }: Instance) => rest;
