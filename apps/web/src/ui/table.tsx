// The dashboard's data table: one header row from column labels, rows from the caller.
// Every list page (workloads, services, proxies, traces, Istio Config, revisions, load runs…)
// draws its table through this, so they share markup, styling and accessibility.
import type { ReactNode } from 'react';

/** A column: its label, or a label with a class (alignment, width) and a key when the label is not text. */
export type Column = string | { label: ReactNode; className?: string; key?: string };

export function Table({ columns, className, testId, children }: { columns: readonly Column[]; className?: string; testId?: string; children: ReactNode }) {
  return (
    <table className={className ? `table ${className}` : 'table'} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) =>
            typeof c === 'string' ? (
              <th key={c} scope="col">
                {c}
              </th>
            ) : (
              <th key={c.key ?? String(c.label)} scope="col" className={c.className}>
                {c.label}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
