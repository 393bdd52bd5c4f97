// The route table in use, swapped atomically: a request reads the table once when it
// starts and keeps it, so a swap never changes a request in flight (DESIGN.md step 2).
import type { ConfigSnapshot } from '@rudder/shared/protocol';
import { compileRouteTable, type RouteTable } from '@rudder/shared/routing';

export interface TableHolder {
  current(): RouteTable | undefined;
  snapshot(): ConfigSnapshot | undefined;
  /** Compiles and installs; throws (leaving the last good table) when the snapshot does not compile. */
  install(snapshot: ConfigSnapshot): RouteTable;
  onSwap(listener: (table: RouteTable) => void): void;
}

export function createTableHolder(): TableHolder {
  let table: RouteTable | undefined;
  let snapshot: ConfigSnapshot | undefined;
  const listeners: ((table: RouteTable) => void)[] = [];
  return {
    current: () => table,
    snapshot: () => snapshot,
    install(next) {
      const compiled = compileRouteTable(next);
      table = compiled;
      snapshot = next;
      for (const l of listeners) l(compiled);
      return compiled;
    },
    onSwap: (l) => listeners.push(l),
  };
}
