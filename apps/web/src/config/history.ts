// The History tab's data, pure: a revision as /rudder/v1/revisions lists it, and which two
// are compared when the person has not picked both.
export interface Revision {
  resourceVersion: string;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  actor: string;
  at: string | number;
  generation?: number;
}

export interface Pair {
  from?: string;
  to?: string;
}

/** The picked revisions, else the newest as `to` and the next older one as `from` (newest first, as listed). */
export function defaultPair(items: readonly Revision[], picked: Pair): Pair {
  const to = picked.to ?? items[0]?.resourceVersion;
  const from = picked.from ?? items.find((r) => r.resourceVersion !== to)?.resourceVersion;
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}
