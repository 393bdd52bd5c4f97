// Helpers over stored Istio objects shared by the compilers: creation order and exportTo
// visibility, as istio/istio pilot/pkg/model/push_context.go applies them.
import type { Resource } from '../kinds/index.js';

/**
 * Oldest first, ties broken by name then namespace (push_context sortConfigByCreationTime):
 * "in creation order" everywhere Istio merges or picks among resources.
 */
export function byCreation(a: Resource<unknown>, b: Resource<unknown>): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  const da = Date.parse(ta);
  const db = Date.parse(tb);
  const time = (Number.isNaN(da) ? 0 : da) - (Number.isNaN(db) ? 0 : db);
  if (time !== 0) return time;
  if (a.metadata.name !== b.metadata.name) return a.metadata.name < b.metadata.name ? -1 : 1;
  if (a.metadata.namespace !== b.metadata.namespace) return a.metadata.namespace < b.metadata.namespace ? -1 : 1;
  return 0;
}

/** The namespaces an `exportTo` list opens the resource to; undefined means every namespace. */
export function exportToSet(exportTo: readonly string[] | undefined, namespace: string): ReadonlySet<string> | undefined {
  if (exportTo === undefined || exportTo.length === 0 || exportTo.includes('*')) return undefined;
  return new Set(exportTo.map((e) => (e === '.' ? namespace : e)));
}

/** Whether a resource exported to `exportTo` is visible from `namespace` (unchecked when unknown). */
export function visibleFrom(exportTo: ReadonlySet<string> | undefined, namespace: string | undefined): boolean {
  return exportTo === undefined || namespace === undefined || exportTo.has(namespace);
}

/** Label selector semantics: every selector label present with the same value. */
export function labelsMatch(selector: Readonly<Record<string, string>> | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (selector === undefined) return true;
  for (const key in selector) {
    if (labels[key] !== selector[key]) return false;
  }
  return true;
}

/** The same over a compiled selector (label pairs). */
export function labelsMatchEntries(selector: readonly (readonly [string, string])[], labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of selector) {
    if (labels[key] !== value) return false;
  }
  return true;
}
