// Traffic shifting (tutorial 6.1): one weight per subset that always sums to 100. Moving
// one weight spreads the difference over the unlocked rows (Kiali's sliders do the same).
import { type Built, type FormProblem, isInt, liveHttp, type Route, routingOutput, type WizardContext } from './model.js';

export interface WeightRow {
  subset: string;
  /** As typed: kept even when invalid, so the form can name the problem. */
  weight: string;
  locked: boolean;
}

/** Splits `total` over `n` integers as evenly as possible, the larger shares first. */
export function evenSplit(total: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
}

/** Integers proportional to `shares` that sum to `total` (largest remainder); even when every share is 0. */
export function proportional(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  if (sum <= 0) return evenSplit(total, shares.length);
  const exact = shares.map((s) => (s / sum) * total);
  const out = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  const missing = total - out.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) {
    const i = order[k % order.length]?.[1] ?? 0;
    out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}

/**
 * Sets one row's weight and rebalances the unlocked others so the sum stays 100. When the
 * others cannot absorb it (all locked, or the value too large) they stay as they are and
 * `shiftingProblems` reports the sum.
 */
export function setWeight(rows: readonly WeightRow[], index: number, value: string): WeightRow[] {
  const next = rows.map((r, i) => (i === index ? { ...r, weight: value } : r));
  if (!isInt(value, 0, 100)) return next;
  const free = next.map((r, i) => (i !== index && !r.locked ? i : -1)).filter((i) => i >= 0);
  const lockedSum = next.reduce((a, r, i) => a + (i !== index && r.locked ? Number(r.weight) || 0 : 0), 0);
  const remaining = 100 - lockedSum - Number(value);
  if (free.length === 0 || remaining < 0) return next;
  const shares = proportional(
    remaining,
    free.map((i) => Number(next[i]?.weight) || 0),
  );
  free.forEach((i, k) => {
    next[i] = { ...(next[i] as WeightRow), weight: String(shares[k]) };
  });
  return next;
}

export function shiftingProblems(rows: readonly WeightRow[]): FormProblem[] {
  const problems: FormProblem[] = [];
  rows.forEach((r) => {
    if (!isInt(r.weight, 0, 100)) problems.push({ field: `weight-${r.subset}`, message: `Weight of ${r.subset}: enter a whole number from 0 to 100.` });
  });
  if (rows.length === 0) problems.push({ field: 'weights', message: 'The service has no subsets (no workload carries a version label).' });
  if (problems.length > 0) return problems;
  const sum = rows.reduce((a, r) => a + Number(r.weight), 0);
  if (sum !== 100) problems.push({ field: 'weights', message: `Weights add up to ${sum}, not 100: unlock a row or change a weight.` });
  return problems;
}

/** Form state from the live VirtualService's last rule, else an even split. */
export function shiftingFromLive(ctx: WizardContext): WeightRow[] {
  const routes = (liveHttp(ctx).at(-1)?.route as Route[] | undefined) ?? [];
  const weights = new Map(routes.map((r) => [r.destination.subset ?? '', r.weight ?? (routes.length === 1 ? 100 : 0)]));
  const known = ctx.subsets.some((s) => weights.has(s));
  const even = evenSplit(100, ctx.subsets.length);
  return ctx.subsets.map((subset, i) => ({ subset, weight: String(known ? (weights.get(subset) ?? 0) : even[i]), locked: false }));
}

export function buildShifting(ctx: WizardContext, rows: readonly WeightRow[]): Built {
  const problems = shiftingProblems(rows);
  const used = rows.filter((r) => Number(r.weight) > 0);
  // Zero weights are left out: Istio needs none, and a subset without traffic reads clearer absent.
  const route = used.map((r) => ({ destination: { host: ctx.service, subset: r.subset }, ...(used.length > 1 ? { weight: Number(r.weight) } : {}) }));
  const fields = Object.fromEntries(used.map((r, j) => [`documents[0].spec.http[0].route[${j}]`, `weight-${r.subset}`]));
  return { resources: routingOutput(ctx, 'traffic-shifting', [{ route }], used.map((r) => r.subset)), problems, warnings: [], fields };
}
