// `?watch=true`: newline-delimited JSON events over a chunked response, with
// Kubernetes' resourceVersion semantics (kubectl-api.md §3 "Watch"): absent or 0 sends
// ADDED for the current state first; N sends only changes after N; a version older
// than the change log keeps is an ERROR event carrying a 410 Expired Status. BOOKMARKs
// when `allowWatchBookmarks=true`. Each event object is a one-row Table when the Accept
// asks for one. https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KindDefinition, Resource } from '@rudder/shared/kinds';
import { RudderError } from '@rudder/shared/errors';
import type { Change, ChangeType, ResourceStore } from '../../store/resource-store.js';
import { asVersion } from '../admit.js';
import { type FieldSelector, matchesFields, matchesRequirements, type Requirement } from './selectors.js';
import { buildTable, type KubeObject, type TableSpec, tableRequest } from './tables.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** Open watches, ended cleanly (the stream finishes; `kubectl get -w` exits 0) when the server closes. */
export interface WatchHub {
  /** Registers a stream's `end`, which resolves once the last chunk is flushed. */
  add(end: () => Promise<void>): () => void;
  /** Ends every stream and waits (at most a second) for them to flush. */
  closeAll(): Promise<void>;
}

export function createWatchHub(): WatchHub {
  const open = new Set<() => Promise<void>>();
  return {
    add(end) {
      open.add(end);
      return () => open.delete(end);
    },
    async closeAll() {
      const flushed = Promise.all([...open].map((end) => end()));
      await Promise.race([flushed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    },
  };
}

type Query = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export const isWatch = (query: Query) => ['true', '1'].includes(one(query.watch) ?? '');

/** Where a watch starts: with the current state (`initial`), or after version `since`. */
export type StartPoint = { initial: true } | { initial: false; since: number } | { expired: string };

export function startPoint(resourceVersion: string | undefined, oldest: number, sendInitialEvents = false): StartPoint {
  if (sendInitialEvents || resourceVersion === undefined || resourceVersion === '' || resourceVersion === '0') return { initial: true };
  if (!/^\d+$/.test(resourceVersion)) throw new RudderError('BadRequest', `resourceVersion: Invalid value: ${JSON.stringify(resourceVersion)}: must be an integer`);
  const since = Number(resourceVersion);
  // The change log starts at `oldest`: a version before it may have missed changes.
  if (oldest > 0 && since < oldest - 1) return { expired: `too old resource version: ${since} (${oldest - 1})` };
  return { initial: false, since };
}

/**
 * The event a watch with a label selector sends for a change: an object entering the
 * selection is ADDED, one leaving it is DELETED (as the apiserver's cacher does).
 */
export function eventFor(type: ChangeType, matchedBefore: boolean, matchesNow: boolean): WatchEventType | undefined {
  if (type === 'DELETED') return matchesNow ? 'DELETED' : undefined;
  if (matchesNow) return matchedBefore && type !== 'ADDED' ? 'MODIFIED' : 'ADDED';
  return matchedBefore && type !== 'ADDED' ? 'DELETED' : undefined;
}

export function expiredStatus(message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Expired', code: 410 };
}

export interface WatchStream<T extends KubeObject> {
  send(type: Exclude<WatchEventType, 'BOOKMARK' | 'ERROR'>, object: T): void;
  bookmark(resourceVersion: string, initialEventsEnd?: boolean): void;
  error(status: object): void;
  end(): void;
  /** Runs when the stream ends, for whatever reason. */
  onEnd(cleanup: () => void): void;
  readonly bookmarks: boolean;
}

export interface StreamOptions<T extends KubeObject> {
  spec: TableSpec<T>;
  hub: WatchHub;
  now: () => Date;
  /** apiVersion and kind of bookmark objects. */
  apiVersion: string;
  kind: string;
}

/** Takes the response over and writes events, one JSON object per line. */
export function openWatchStream<T extends KubeObject>(req: FastifyRequest, reply: FastifyReply, options: StreamOptions<T>): WatchStream<T> {
  const query = req.query as Query;
  const table = tableRequest(req, options.now());
  const timeoutSeconds = Number(one(query.timeoutSeconds) ?? 0);
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private' });
  res.flushHeaders();
  const cleanups: (() => void)[] = [];
  let ended = false;
  let first = true;
  const write = (type: WatchEventType, object: unknown) => {
    if (!ended && !res.destroyed) res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const finished = new Promise<void>((resolve) => res.once('close', resolve).once('finish', resolve));
  const end = () => {
    if (!ended) {
      ended = true;
      for (const cleanup of cleanups) cleanup();
      if (!res.destroyed) res.end();
    }
    return finished;
  };
  cleanups.push(options.hub.add(end));
  res.on('close', end);
  if (timeoutSeconds > 0) {
    const timer = setTimeout(() => void end(), timeoutSeconds * 1000);
    cleanups.push(() => clearTimeout(timer));
  }
  return {
    bookmarks: ['true', '1'].includes(one(query.allowWatchBookmarks) ?? ''),
    send(type, object) {
      if (!table) return write(type, object);
      // kubectl prints the header once: only the first event carries column definitions (§3).
      const rows = buildTable(options.spec, [object], { ...table, now: options.now(), noHeaders: !first, ...rvOf(object) });
      first = false;
      write(type, rows);
    },
    bookmark(resourceVersion, initialEventsEnd = false) {
      const annotations = initialEventsEnd ? { annotations: { 'k8s.io/initial-events-end': 'true' } } : {};
      write('BOOKMARK', { kind: options.kind, apiVersion: options.apiVersion, metadata: { resourceVersion, ...annotations } });
    },
    error(status) {
      write('ERROR', status);
      void end();
    },
    end() {
      void end();
    },
    onEnd(cleanup) {
      cleanups.push(cleanup);
    },
  };
}

const rvOf = (o: KubeObject) => (o.metadata.resourceVersion ? { resourceVersion: o.metadata.resourceVersion } : {});

export interface IstioWatch {
  store: ResourceStore;
  def: KindDefinition;
  version: string;
  namespace?: string;
  labels: Requirement[];
  fields: FieldSelector;
  spec: TableSpec<Resource>;
  hub: WatchHub;
  now: () => Date;
  /** Milliseconds between bookmarks for clients that allow them (the apiserver sends about one a minute). */
  bookmarkIntervalMs?: number;
}

/** A watch on one Istio kind, from the store's change log and its live changes. */
export function watchResources(req: FastifyRequest, reply: FastifyReply, w: IstioWatch) {
  const query = req.query as Query;
  const sendInitialEvents = one(query.sendInitialEvents) === 'true';
  const start = startPoint(one(query.resourceVersion), w.store.oldestVersion(), sendInitialEvents);
  const inScope = (o: { kind: string; metadata: { namespace: string; name: string } }) =>
    o.kind === w.def.kind && (!w.namespace || o.metadata.namespace === w.namespace) && matchesFields(w.fields, o.metadata);
  const matches = (o: Resource) => inScope(o) && matchesRequirements(w.labels, o.metadata.labels);
  const stream = openWatchStream(req, reply, { spec: w.spec, hub: w.hub, now: w.now, apiVersion: `${w.def.group}/${w.version}`, kind: w.def.kind });
  if ('expired' in start) return stream.error(expiredStatus(start.expired));

  // Whether each object matched the selector at the last change this watch saw.
  const known = new Map<string, boolean>();
  const keyOf = (c: { namespace: string; name: string }) => `${c.namespace}/${c.name}`;
  const matchedBefore = (c: Change) => {
    const seen = known.get(keyOf(c));
    if (seen !== undefined) return seen;
    const previous = w.store.history(c).filter((h) => h.rv < c.rv).at(-1);
    return previous !== undefined && previous.type !== 'DELETED' && matches(previous.object);
  };
  const onChange = (c: Change) => {
    if (!inScope(c.object)) return;
    const now = matches(c.object);
    const type = w.labels.length === 0 ? c.type : eventFor(c.type, matchedBefore(c), now);
    known.set(keyOf(c), now && c.type !== 'DELETED');
    if (type && type !== 'BOOKMARK' && type !== 'ERROR') stream.send(type, asVersion(c.object, w.version));
  };

  // The store publishes synchronously: reading and subscribing in one tick loses nothing.
  if (start.initial) {
    const current = w.store.list({ kind: w.def.kind, ...(w.namespace ? { namespace: w.namespace } : {}) }).filter(matches);
    for (const o of current) {
      known.set(keyOf(o.metadata), true);
      stream.send('ADDED', asVersion(o, w.version));
    }
    if (sendInitialEvents && stream.bookmarks) stream.bookmark(String(w.store.currentVersion()), true);
  } else {
    for (const c of w.store.changesSince(start.since, { kind: w.def.kind })) onChange(c);
  }
  stream.onEnd(w.store.subscribe(onChange));
  if (stream.bookmarks) {
    const timer = setInterval(() => stream.bookmark(String(w.store.currentVersion())), w.bookmarkIntervalMs ?? 60_000);
    stream.onEnd(() => clearInterval(timer));
  }
}
