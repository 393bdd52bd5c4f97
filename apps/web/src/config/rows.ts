// The Istio Config list, pure: every stored resource joined with its validation result,
// and the filters (kind, namespace, name, state) as the URL holds them.
import type { Resource } from '@rudder/shared/kinds';
import type { Finding, ResourceValidation } from '@rudder/shared/protocol';

export interface ConfigRow {
  kind: string;
  namespace: string;
  name: string;
  /** Unknown until the validations arrive. */
  state?: ResourceValidation['state'];
  errors: Finding[];
  warnings: Finding[];
  resourceVersion?: string;
}

export interface Filters {
  kind: string;
  namespace: string;
  name: string;
  state: string;
}

export function buildRows(resources: readonly Resource[], validations: readonly ResourceValidation[] | undefined): ConfigRow[] {
  const byKey = new Map((validations ?? []).map((v) => [`${v.kind}/${v.namespace}/${v.name}`, v]));
  return resources
    .map((r): ConfigRow => {
      const v = byKey.get(`${r.kind}/${r.metadata.namespace}/${r.metadata.name}`);
      const rv = r.metadata.resourceVersion;
      return { kind: r.kind, namespace: r.metadata.namespace, name: r.metadata.name, ...(v ? { state: v.state } : {}), errors: v?.errors ?? [], warnings: v?.warnings ?? [], ...(rv ? { resourceVersion: rv } : {}) };
    })
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

/** `all` (or empty) matches everything; the name filter is a case-insensitive substring. */
export function filterRows(rows: readonly ConfigRow[], f: Filters): ConfigRow[] {
  const name = f.name.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (f.kind === 'all' || r.kind === f.kind) &&
      (f.namespace === 'all' || r.namespace === f.namespace) &&
      (f.state === 'all' || r.state === f.state) &&
      (!name || r.name.toLowerCase().includes(name)),
  );
}

/** The first thing to read about a row: its first error, else its first warning. */
export function headline(row: ConfigRow): Finding | undefined {
  return row.errors[0] ?? row.warnings[0];
}
