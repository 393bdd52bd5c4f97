// Field ownership for server-side apply (kubectl-api.md §6;
// https://kubernetes.io/docs/reference/using-api/server-side-apply/): one
// managedFields entry per manager and operation, each owning leaf fields. Every list in
// the Istio CRDs is atomic here (a list is one field); maps merge key by key. Applying a
// value another manager owns is a 409 Conflict naming that manager, unless `force=true`.
import { isDeepStrictEqual } from 'node:util';
import type { Resource } from '@rudder/shared/kinds';
import { type FieldProblem, RudderError } from '@rudder/shared/errors';
import { type Path, fieldsV1Of, leafPaths, pathsOfFieldsV1, pathString, valueAt } from './field-paths.js';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
}

interface Owned {
  entry: ManagedFieldsEntry;
  paths: Path[];
}

export interface WriteContext {
  manager: string;
  /** `group/version` of the request. */
  apiVersion: string;
  now: Date;
}

const timestamp = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
const key = (p: Path) => JSON.stringify(p);
/** Two paths overlap when one is the other or lies inside it. */
const overlaps = (a: Path, b: Path) => a.length <= b.length ? a.every((s, i) => s === b[i]) : b.every((s, i) => s === a[i]);

function owned(object: Resource | undefined): Owned[] {
  const entries = (object?.metadata.managedFields ?? []) as ManagedFieldsEntry[];
  return entries.map((entry) => ({ entry, paths: pathsOfFieldsV1(entry.fieldsV1 ?? {}) }));
}

function entriesOf(list: Owned[], changed: Set<Owned>, now: Date): ManagedFieldsEntry[] {
  return list
    .filter((o) => o.paths.length > 0)
    .map((o) => (changed.has(o) ? { ...o.entry, time: timestamp(now), fieldsV1: fieldsV1Of(o.paths) } : o.entry));
}

/** The manager's entry for an operation, created when absent. */
function entryFor(list: Owned[], ctx: WriteContext, operation: 'Apply' | 'Update'): Owned {
  const found = list.find((o) => o.entry.manager === ctx.manager && o.entry.operation === operation);
  if (found) {
    found.entry = { ...found.entry, apiVersion: ctx.apiVersion };
    return found;
  }
  const created: Owned = { entry: { manager: ctx.manager, operation, apiVersion: ctx.apiVersion, time: '', fieldsType: 'FieldsV1', fieldsV1: {} }, paths: [] };
  list.push(created);
  return created;
}

/**
 * managedFields after a create, update or patch by `ctx.manager`: it takes every field
 * it changed from whoever owned it; removed fields leave every set. A client that sends
 * managedFields different from the stored ones sets them as given (kubectl's ownership
 * migration does that), as the apiserver does.
 */
export function recordUpdate(live: Resource | undefined, next: Resource, ctx: WriteContext): ManagedFieldsEntry[] | undefined {
  const requested = next.metadata.managedFields;
  if (requested !== undefined && !isDeepStrictEqual(requested, live?.metadata.managedFields)) return requested as ManagedFieldsEntry[];
  const list = owned(live);
  const before = new Map((live ? leafPaths(live) : []).map((p) => [key(p), p]));
  const after = leafPaths(next);
  const changed = after.filter((p) => !before.has(key(p)) || !isDeepStrictEqual(valueAt(live, p), valueAt(next, p)));
  const afterKeys = new Set(after.map(key));
  const removed = [...before.values()].filter((p) => !afterKeys.has(key(p)));
  if (changed.length === 0 && removed.length === 0) return live?.metadata.managedFields as ManagedFieldsEntry[] | undefined;
  const touched = new Set<Owned>();
  for (const o of list) {
    const kept = o.paths.filter((p) => ![...changed, ...removed].some((c) => overlaps(c, p)));
    if (kept.length !== o.paths.length) touched.add(o);
    o.paths = kept;
  }
  const mine = entryFor(list, ctx, 'Update');
  mine.paths = [...mine.paths, ...changed];
  touched.add(mine);
  return entriesOf(list, touched, ctx.now);
}

export interface Conflict {
  entry: ManagedFieldsEntry;
  path: Path;
}

/** printManager of the apiserver: Update managers are named with their apiVersion. */
const managerName = (e: ManagedFieldsEntry) => (e.operation === 'Update' ? `"${e.manager}" using ${e.apiVersion}` : `"${e.manager}"`);

/** The 409 the apiserver answers (apiserver pkg/endpoints/handlers/fieldmanager/internal/conflict.go). */
export function conflictError(conflicts: Conflict[]): RudderError {
  const causes = conflicts.map(
    (c): FieldProblem => ({ reason: 'FieldManagerConflict' as FieldProblem['reason'], message: `conflict with ${managerName(c.entry)}`, field: pathString(c.path) }),
  );
  if (conflicts.length === 1) {
    const [c] = conflicts as [Conflict];
    return new RudderError('Conflict', `Apply failed with 1 conflict: conflict with ${managerName(c.entry)}: ${pathString(c.path)}`, causes);
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) byManager.set(managerName(c.entry), [...(byManager.get(managerName(c.entry)) ?? []), pathString(c.path)]);
  const lines = [...byManager.keys()].sort().flatMap((m) => [`conflicts with ${m}:`, ...(byManager.get(m) ?? []).map((p) => `- ${p}`)]);
  return new RudderError('Conflict', `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`, causes);
}

/** Objects merge key by key; lists and scalars are replaced (atomic). */
function merge(base: unknown, patch: unknown): unknown {
  if (!isMap(base) || !isMap(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = merge(base[k], v);
  return out;
}
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function removeAt(object: unknown, path: Path) {
  const parent = valueAt(object, path.slice(0, -1));
  if (isMap(parent)) delete parent[path.at(-1) as string];
}

export interface ApplyContext extends WriteContext {
  force: boolean;
}

/**
 * Server-side apply of `applied` onto `live` (absent: a create). Returns the object to
 * store, its managedFields included. Fields this manager applied before and no longer
 * applies are removed unless another manager owns them too.
 */
export function serverSideApply(live: Resource | undefined, applied: unknown, ctx: ApplyContext): Record<string, unknown> {
  if (!isMap(applied)) throw new RudderError('BadRequest', 'an apply patch must be an object');
  const { managedFields: _ignored, ...appliedMeta } = (isMap(applied.metadata) ? applied.metadata : {}) as Record<string, unknown>;
  const body = { ...applied, metadata: appliedMeta };
  const { managedFields: _live, ...liveMeta } = live?.metadata ?? {};
  const merged = merge(live ? { ...live, metadata: liveMeta } : {}, body) as Record<string, unknown>;
  const appliedPaths = leafPaths(body);
  const list = owned(live);
  const mine = entryFor(list, ctx, 'Apply');
  const conflicts: Conflict[] = [];
  const touched = new Set<Owned>([mine]);
  for (const o of list) {
    if (o.entry.manager === ctx.manager) continue;
    for (const p of o.paths) {
      const hit = appliedPaths.find((a) => overlaps(a, p));
      if (!hit) continue;
      const at = hit.length < p.length ? hit : p;
      if (isDeepStrictEqual(valueAt(live, at), valueAt(merged, at))) continue;
      conflicts.push({ entry: o.entry, path: p });
    }
  }
  if (conflicts.length > 0 && !ctx.force) throw conflictError(conflicts);
  for (const c of conflicts) {
    const o = list.find((x) => x.entry === c.entry);
    if (!o) continue;
    o.paths = o.paths.filter((p) => !isDeepStrictEqual(p, c.path));
    touched.add(o);
  }
  const appliedKeys = new Set(appliedPaths.map(key));
  for (const p of mine.paths) {
    if (appliedKeys.has(key(p))) continue;
    const sharedWith = list.some((o) => o !== mine && o.paths.some((q) => overlaps(p, q)));
    if (!sharedWith) removeAt(merged, p);
  }
  const previous = new Set(mine.paths.map(key));
  const same = appliedPaths.length === previous.size && appliedPaths.every((p) => previous.has(key(p)));
  mine.paths = appliedPaths;
  if (same && touched.size === 1 && mine.entry.time) touched.delete(mine);
  const managedFields = entriesOf(list, touched, ctx.now);
  return { ...merged, metadata: { ...(merged.metadata as object), managedFields } };
}
