// Traffic animation as Kiali paces it (kiali-graph.md §3), computed statelessly: dots leave
// at a rate that follows the edge's requests per second relative to the busiest edge, run
// at a speed that follows latency (0.1–2 edge lengths per second, scaled to 50 px), and a
// share of them, the error share, is red. Each dot is a function of time alone, so the
// canvas loop keeps no per-dot state. Pure.

export interface DotParams {
  /** Dots leaving per second. */
  rate: number;
  /** Seconds from source to target. */
  travel: number;
  /** 0..100 */
  errorPercent: number;
  /** Offset so edges do not pulse in step. */
  phase: number;
  /** Mixed into each dot's ticket, so edges do not thin in step. */
  salt: number;
}

export interface Dot {
  /** 0..1 along the edge. */
  at: number;
  error: boolean;
  /** A fixed draw in [0, 1) for this dot over its whole run: thinning keeps or drops it for good. */
  ticket: number;
}

/**
 * Dots drawn per frame at most. Over it (a zoomed-out mesh of a thousand edges has ~5 000),
 * every edge keeps the same share of its dots (`keepShare`), so density still follows the
 * rate: a headless, software-rendered canvas stamps ~100 dots per millisecond.
 */
export const DOT_BUDGET = 2000;

/** The share of dots to keep when `total` would be drawn. */
export const keepShare = (total: number, budget = DOT_BUDGET) => (total <= budget ? 1 : budget / total);

const MAX_DOTS_PER_EDGE = 24;

/** Kiali's density scale: 1 rps ≈ 1 dot/s up to a busiest edge of 50 rps, relative above. */
export function densityScale(busiest: number): number {
  if (busiest <= 50) return 1;
  const scaled = busiest > 1000 ? busiest ** 0.95 : busiest;
  return scaled / 50;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

export function dotParams(id: string, rps: number, p95: number | undefined, errorPercent: number, lengthPx: number, scale: number): DotParams {
  const rt = Math.min(10_000, Math.max(0, p95 ?? 0));
  const speed = (0.1 + (1 - rt / 10_000) * 1.9) * (50 / Math.max(50, lengthPx)) * 2;
  const travel = 1 / speed;
  // Kiali: a dot every 1000·scale/rate ms, clamped to 40–5000 ms.
  const interval = Math.min(5, Math.max(0.04, scale / Math.max(rps, 1e-9)));
  const rate = rps > 0 ? Math.min(1 / interval, MAX_DOTS_PER_EDGE / travel) : 0;
  const h = hash(id);
  return { rate, travel, errorPercent, phase: h * 10, salt: Math.floor(h * 4294967296) };
}

/** The dots on an edge at time `nowS` (seconds). */
export function dotsAt(p: DotParams, nowS: number, out: Dot[] = []): Dot[] {
  out.length = 0;
  if (p.rate <= 0) return out;
  const t = nowS + p.phase;
  const first = Math.ceil((t - p.travel) * p.rate);
  const last = Math.floor(t * p.rate);
  for (let k = first; k <= last; k++) {
    const at = (t - k / p.rate) / p.travel;
    if (at < 0 || at > 1) continue;
    // A fixed pseudo-random draw per dot decides red or not, so a dot never changes colour.
    const draw = ((k * 2654435761) >>> 0) % 1000;
    out.push({ at, error: draw < p.errorPercent * 10, ticket: (Math.imul(k ^ p.salt, 2246822519) >>> 0) / 4294967296 });
  }
  return out;
}
