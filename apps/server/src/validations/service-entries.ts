// Kiali's ServiceEntry checks (kiali/kiali business/checkers/serviceentries/multi_match_checker.go):
// KIA1211 two ServiceEntries for one host and port, KIA1212 when their protocols differ.
import type { CheckContext } from './context.js';
import { kiali } from './findings.js';

export function checkServiceEntries(ctx: CheckContext): void {
  const index = new Map<string, { se: (typeof ctx.serviceEntries)[number]; port: number; protocol: string }[]>();
  for (const se of ctx.serviceEntries) {
    (se.spec?.ports ?? []).forEach((port, i) => {
      if (!port) return;
      for (const host of se.spec?.hosts ?? []) {
        const key = `${host.toLowerCase()}\u0000${port.number}`;
        index.set(key, [...(index.get(key) ?? []), { se, port: i, protocol: (port.protocol ?? '').toUpperCase() }]);
      }
    });
  }
  for (const entries of index.values()) {
    if (entries.length < 2) continue;
    const conflict = entries.some((e) => e.protocol !== entries[0]?.protocol);
    for (const e of entries) ctx.findings.add(e.se, kiali(conflict ? 'KIA1212' : 'KIA1211', `spec.ports[${e.port}]`));
  }
}
