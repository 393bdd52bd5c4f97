// The resource store: Istio config objects in SQLite with one global, increasing
// resourceVersion backed by a change log. Each change log row holds the whole object,
// so it is at once the revision history, the watch replay and the rollback source.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Resource } from '@rudder/shared/kinds';
import { RudderError } from '@rudder/shared/errors';
import type { Db } from './db.js';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  rv: number;
  type: ChangeType;
  kind: string;
  namespace: string;
  name: string;
  object: Resource;
  actor: string;
  at: string;
}

export interface WriteOptions {
  actor: string;
  dryRun?: boolean;
}

export interface ResourceKey {
  kind: string;
  namespace: string;
  name: string;
}

export interface ListQuery {
  kind?: string;
  namespace?: string;
}

export interface ResourceStore {
  get(key: ResourceKey): Resource | undefined;
  list(query?: ListQuery): Resource[];
  /** The newest resourceVersion handed out (config writes and registry bumps). */
  currentVersion(): number;
  create(object: Resource, options: WriteOptions): Resource;
  /** Replaces the object; `metadata.resourceVersion`, when set, must be the stored one (409 otherwise). */
  update(object: Resource, options: WriteOptions): Resource;
  delete(key: ResourceKey, options: WriteOptions & { preconditionRv?: string; preconditionUid?: string }): Resource;
  /** Changes after `rv`, oldest first (watch resume); optionally of one resource. */
  changesSince(rv: number, key?: Partial<ResourceKey>): Change[];
  /** The revision history of one resource, oldest first. */
  history(key: ResourceKey): Change[];
  change(rv: number): Change | undefined;
  /** The oldest resourceVersion a watch can resume from. */
  oldestVersion(): number;
  /** Takes a new resourceVersion without a config change (registry updates move snapshot versions). */
  bumpVersion(): number;
  subscribe(listener: (change: Change) => void): () => void;
  /** Runs writes all-or-nothing; subscribers hear of them only once the whole batch committed. */
  transaction<T>(work: () => T): T;
}

export interface StoreDeps {
  db: Db;
  now?: () => Date;
  newUid?: () => string;
}

const toTimestamp = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

export function createResourceStore({ db, now = () => new Date(), newUid = randomUUID }: StoreDeps): ResourceStore {
  const listeners = new Set<(change: Change) => void>();
  const q = {
    bump: db.prepare('UPDATE counter SET value = value + 1 WHERE id = 1 RETURNING value'),
    current: db.prepare('SELECT value FROM counter WHERE id = 1'),
    get: db.prepare('SELECT object FROM resources WHERE kind = ? AND namespace = ? AND name = ?'),
    listAll: db.prepare('SELECT object FROM resources ORDER BY kind, namespace, name'),
    listKind: db.prepare('SELECT object FROM resources WHERE kind = ? ORDER BY namespace, name'),
    listKindNs: db.prepare('SELECT object FROM resources WHERE kind = ? AND namespace = ? ORDER BY name'),
    listNs: db.prepare('SELECT object FROM resources WHERE namespace = ? ORDER BY kind, name'),
    upsert: db.prepare(
      `INSERT INTO resources (kind, namespace, name, uid, resource_version, object) VALUES (@kind, @namespace, @name, @uid, @rv, @object)
       ON CONFLICT (kind, namespace, name) DO UPDATE SET uid = excluded.uid, resource_version = excluded.resource_version, object = excluded.object`,
    ),
    remove: db.prepare('DELETE FROM resources WHERE kind = ? AND namespace = ? AND name = ?'),
    log: db.prepare(
      'INSERT INTO changes (rv, kind, namespace, name, type, object, actor, at) VALUES (@rv, @kind, @namespace, @name, @type, @object, @actor, @at)',
    ),
    since: db.prepare('SELECT * FROM changes WHERE rv > ? ORDER BY rv'),
    historyOf: db.prepare('SELECT * FROM changes WHERE kind = ? AND namespace = ? AND name = ? ORDER BY rv'),
    one: db.prepare('SELECT * FROM changes WHERE rv = ?'),
    oldest: db.prepare('SELECT MIN(rv) AS rv FROM changes'),
  };

  const read = (row: unknown) => (row ? (JSON.parse((row as { object: string }).object) as Resource) : undefined);
  const readChange = (row: unknown): Change => {
    const r = row as Omit<Change, 'object'> & { object: string };
    return { ...r, object: JSON.parse(r.object) as Resource };
  };
  const get = (key: ResourceKey) => read(q.get.get(key.kind, key.namespace, key.name));

  /** Writes one change atomically: the counter, the resource row and the log row. */
  const commit = db.transaction((type: ChangeType, object: Resource, actor: string): Change => {
    const rv = (q.bump.get() as { value: number }).value;
    const stored: Resource = { ...object, metadata: { ...object.metadata, resourceVersion: String(rv) } };
    const { kind } = stored;
    const { namespace, name } = stored.metadata;
    const json = JSON.stringify(stored);
    if (type === 'DELETED') q.remove.run(kind, namespace, name);
    else q.upsert.run({ kind, namespace, name, uid: stored.metadata.uid, rv, object: json });
    const at = toTimestamp(now());
    q.log.run({ rv, kind, namespace, name, type, object: json, actor, at });
    return { rv, type, kind, namespace, name, object: stored, actor, at };
  });

  let pending: Change[] | undefined;
  const publish = (change: Change) => {
    if (pending) pending.push(change);
    else for (const listener of listeners) listener(change);
  };
  const transaction = <T>(work: () => T): T => {
    if (pending) return db.transaction(work)();
    pending = [];
    let changes: Change[] = [];
    try {
      const result = db.transaction(work)();
      changes = pending;
      return result;
    } finally {
      pending = undefined;
      for (const change of changes) publish(change);
    }
  };

  const notFound = (key: ResourceKey) =>
    new RudderError('NotFound', `${key.kind} "${key.name}" not found in namespace "${key.namespace}"`, [], { name: key.name, kind: key.kind });
  const conflict = (key: ResourceKey) =>
    new RudderError(
      'Conflict',
      `Operation cannot be fulfilled on ${key.kind} "${key.name}": the object has been modified; please apply your changes to the latest version and try again`,
      [],
      { name: key.name, kind: key.kind },
    );

  return {
    get,
    list(query = {}) {
      const rows =
        query.kind && query.namespace
          ? q.listKindNs.all(query.kind, query.namespace)
          : query.kind
            ? q.listKind.all(query.kind)
            : query.namespace
              ? q.listNs.all(query.namespace)
              : q.listAll.all();
      return rows.map((row) => read(row) as Resource);
    },
    currentVersion: () => (q.current.get() as { value: number }).value,
    create(object, options) {
      const key = keyOf(object);
      if (get(key)) {
        throw new RudderError('AlreadyExists', `${key.kind} "${key.name}" already exists`, [], { name: key.name, kind: key.kind });
      }
      const { resourceVersion: _rv, ...meta } = object.metadata;
      const { status: _status, ...rest } = object;
      const created: Resource = {
        ...rest,
        metadata: { ...meta, uid: newUid(), generation: 1, creationTimestamp: toTimestamp(now()) },
      };
      if (options.dryRun) return created;
      const change = commit('ADDED', created, options.actor);
      publish(change);
      return change.object;
    },
    update(object, options) {
      const key = keyOf(object);
      const current = get(key);
      if (!current) throw notFound(key);
      const wanted = object.metadata.resourceVersion;
      if (wanted !== undefined && wanted !== '' && wanted !== current.metadata.resourceVersion) throw conflict(key);
      const specChanged = !isDeepStrictEqual(object.spec, current.spec);
      const { status: _status, ...rest } = object;
      const next: Resource = {
        ...rest,
        ...(current.status ? { status: current.status } : {}),
        metadata: {
          // A writer that does not send managedFields (Rudder's own apply, rollback) keeps them.
          ...(current.metadata.managedFields && object.metadata.managedFields === undefined ? { managedFields: current.metadata.managedFields } : {}),
          ...object.metadata,
          uid: current.metadata.uid,
          creationTimestamp: current.metadata.creationTimestamp,
          generation: (current.metadata.generation ?? 1) + (specChanged ? 1 : 0),
          resourceVersion: current.metadata.resourceVersion,
        },
      };
      // A write that changes nothing keeps its resourceVersion (no change, no event).
      if (isDeepStrictEqual(normalise(next), normalise(current)) || options.dryRun) return options.dryRun ? next : current;
      const change = commit('MODIFIED', next, options.actor);
      publish(change);
      return change.object;
    },
    delete(key, options) {
      const current = get(key);
      if (!current) throw notFound(key);
      if (options.preconditionRv && options.preconditionRv !== current.metadata.resourceVersion) throw conflict(key);
      if (options.preconditionUid && options.preconditionUid !== current.metadata.uid) throw conflict(key);
      if (options.dryRun) return current;
      const change = commit('DELETED', current, options.actor);
      publish(change);
      return change.object;
    },
    changesSince(rv, key) {
      const rows = key?.kind && key.namespace && key.name ? q.historyOf.all(key.kind, key.namespace, key.name) : q.since.all(rv);
      return rows.map(readChange).filter((c) => c.rv > rv && matchesKey(c, key));
    },
    history: (key) => q.historyOf.all(key.kind, key.namespace, key.name).map(readChange),
    change(rv) {
      const row = q.one.get(rv);
      return row ? readChange(row) : undefined;
    },
    oldestVersion: () => ((q.oldest.get() as { rv: number | null }).rv ?? 0),
    bumpVersion: () => (q.bump.get() as { value: number }).value,
    transaction,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const keyOf = (o: Resource): ResourceKey => ({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name });

function matchesKey(c: Change, key?: Partial<ResourceKey>) {
  if (!key) return true;
  return (!key.kind || c.kind === key.kind) && (!key.namespace || c.namespace === key.namespace) && (!key.name || c.name === key.name);
}

/** Served apiVersion does not make a change: one schema, stored once (istio-semantics §1). */
function normalise(o: Resource) {
  const { apiVersion: _v, ...rest } = o;
  return rest;
}
