// Request health with Kiali's default tolerances (kiali-graph.md §4; kiali config.go
// AddHealthDefault): per code class the share of requests; ≥ failure → Failure, ≥ degraded →
// Degraded (a degraded threshold of 0 means any error at all), else Healthy; no traffic → NA.
// The worse status wins when merging. Pure.
import type { HealthStatus } from '@rudder/shared/protocol';

export interface Tolerance {
  /** Anchored, on the code as Kiali writes it (`503`, or `-` for no response). */
  code: RegExp;
  degraded: number;
  failure: number;
}

export const DEFAULT_TOLERANCES: readonly Tolerance[] = [
  { code: /^5\d\d$/, degraded: 0, failure: 10 },
  { code: /^4\d\d$/, degraded: 10, failure: 20 },
  { code: /^-$/, degraded: 0, failure: 10 },
];

const RANK: Record<HealthStatus, number> = { NA: 0, Healthy: 1, NotReady: 2, Degraded: 3, Failure: 4 };

export const worse = (a: HealthStatus, b: HealthStatus): HealthStatus => (RANK[b] > RANK[a] ? b : a);

/** `0` (nothing sent) reads as `-`, as Kiali normalises it. */
export const codeLabel = (code: number): string => (code === 0 ? '-' : String(code));

export function requestHealth(codes: Iterable<{ code: number; requests: number }>, tolerances: readonly Tolerance[] = DEFAULT_TOLERANCES): HealthStatus {
  let total = 0;
  const list = [...codes];
  for (const c of list) total += c.requests;
  if (total === 0) return 'NA';
  let status: HealthStatus = 'Healthy';
  for (const t of tolerances) {
    let matching = 0;
    for (const c of list) if (t.code.test(codeLabel(c.code))) matching += c.requests;
    const percent = (matching / total) * 100;
    if (percent === 0) continue;
    if (percent >= t.failure) status = worse(status, 'Failure');
    else if (percent >= t.degraded) status = worse(status, 'Degraded');
  }
  return status;
}

/** Kiali's workload status: none desired → NotReady, none available → Failure, fewer → Degraded. */
export function workloadHealth(desired: number, available: number): HealthStatus {
  if (desired === 0) return 'NotReady';
  if (available === 0) return 'Failure';
  return available < desired ? 'Degraded' : 'Healthy';
}
