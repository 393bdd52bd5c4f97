// The time series behind the metrics and graph APIs (DESIGN.md data flow 4): per edge (Istio's
// labels without code and flags, plus `mirrored`) a latency histogram and byte sums per slot,
// and per (edge, code, flags) a request count per slot, each in a 1 s / 1 min ring pair.
// Bounded by edge and code-series counts; data past a bound is counted as dropped. Pure.
import { type EdgeAggregate, type EdgeKey, HISTOGRAM_SIZE } from '@rudder/shared/protocol';
import { addCounts, emptyCounts } from './histogram.js';
import { COARSE, FINE, type Ring, RingPair, type RingSpec } from './rings.js';

export type EdgeIdentity = Omit<EdgeKey, 'responseCode' | 'responseFlags'>;

export interface CodeCount {
  code: number;
  flags: string;
  requests: number;
}

/** One edge summed over a window. */
export interface WindowRow {
  key: EdgeIdentity;
  requests: number;
  duration: number[];
  durationSum: number;
  requestBytes: number;
  responseBytes: number;
  codes: CodeCount[];
}

export interface SeriesLimits {
  maxEdges?: number;
  maxCodeSeries?: number;
  fine?: RingSpec;
  coarse?: RingSpec;
}

interface CodeSeries {
  code: number;
  flags: string;
  rings: RingPair;
}

interface EdgeSeries {
  key: EdgeIdentity;
  rings: RingPair;
  codes: Map<string, CodeSeries>;
}

export interface SeriesStore {
  /** Adds one aggregate at epoch second `second`. */
  add(edge: EdgeAggregate, second: number): void;
  /**
   * Every edge matching `filter`, summed over [fromMs, toMs) at the finest resolution that
   * reaches back. With `includeIdle`, also the edges seen before (kept series) that carried
   * nothing in the window, with zero requests: Kiali's idle edges, whose Prometheus counters
   * exist but did not increase.
   */
  window(fromMs: number, toMs: number, filter?: (key: EdgeIdentity) => boolean, includeIdle?: boolean): WindowRow[];
  /** The same, per step of `stepS` seconds: one list of rows per step, starting at the returned `from`. */
  steps(fromMs: number, toMs: number, stepS: number, filter?: (key: EdgeIdentity) => boolean): { from: number; stepS: number; rows: WindowRow[][] };
  stats(): { edges: number; codeSeries: number; dropped: number; bytes: number };
}

export const edgeIdOf = (k: EdgeIdentity): string => {
  const s = k.source;
  const d = k.destination;
  return [k.reporter, s.workload, s.namespace, s.app, s.version, d.workload, d.namespace, d.app, d.version, k.destinationService, k.destinationServiceName, k.destinationServiceNamespace, k.mirrored ? 'm' : ''].join('|');
};

export function createSeriesStore(now: () => number, limits: SeriesLimits = {}): SeriesStore {
  const maxEdges = limits.maxEdges ?? 256;
  const maxCodeSeries = limits.maxCodeSeries ?? 1024;
  const fine = limits.fine ?? FINE;
  const coarse = limits.coarse ?? COARSE;
  const edges = new Map<string, EdgeSeries>();
  let codeSeries = 0;
  let dropped = 0;
  const f64 = new Float64Array(3);
  const one = new Uint32Array(1);

  /** The resolution a window starting at fromMs reads. */
  const resolution = (fromMs: number): 'fine' | 'coarse' => (fromMs >= now() - (fine.slots - 1) * fine.widthS * 1000 ? 'fine' : 'coarse');

  function sumRows(ringOf: (p: RingPair) => Ring, t0: number, t1: number, filter?: (key: EdgeIdentity) => boolean, includeIdle = false): WindowRow[] {
    const rows: WindowRow[] = [];
    for (const e of edges.values()) {
      if (filter && !filter(e.key)) continue;
      const ring = ringOf(e.rings);
      const row: WindowRow = { key: e.key, requests: 0, duration: emptyCounts(), durationSum: 0, requestBytes: 0, responseBytes: 0, codes: [] };
      for (let t = t0; t < t1; t++) {
        const i = ring.readable(t);
        if (i < 0) continue;
        addCounts(row.duration, ring.u32, i * HISTOGRAM_SIZE);
        row.durationSum += ring.f64[i * 3] as number;
        row.requestBytes += ring.f64[i * 3 + 1] as number;
        row.responseBytes += ring.f64[i * 3 + 2] as number;
      }
      for (const c of e.codes.values()) {
        const cr = ringOf(c.rings);
        let n = 0;
        for (let t = t0; t < t1; t++) {
          const i = cr.readable(t);
          if (i >= 0) n += cr.u32[i] as number;
        }
        if (n > 0) row.codes.push({ code: c.code, flags: c.flags, requests: n });
      }
      row.requests = row.codes.reduce((sum, c) => sum + c.requests, 0);
      if (row.requests > 0 || includeIdle) rows.push(row);
    }
    return rows;
  }

  return {
    add(edge, second) {
      const id = edgeIdOf(edge);
      let series = edges.get(id);
      if (!series) {
        if (edges.size >= maxEdges) {
          dropped += edge.requests;
          return;
        }
        const { responseCode: _c, responseFlags: _f, requests: _r, duration: _d, requestBytes: _q, responseBytes: _p, ...key } = edge;
        series = { key, rings: new RingPair(HISTOGRAM_SIZE, 3, fine, coarse), codes: new Map() };
        edges.set(id, series);
      }
      const codeKey = `${edge.responseCode}|${edge.responseFlags}`;
      let code = series.codes.get(codeKey);
      if (!code) {
        if (codeSeries >= maxCodeSeries) {
          dropped += edge.requests;
          return;
        }
        codeSeries++;
        code = { code: edge.responseCode, flags: edge.responseFlags, rings: new RingPair(1, 0, fine, coarse) };
        series.codes.set(codeKey, code);
      }
      f64[0] = edge.duration.sum;
      f64[1] = edge.requestBytes.sum;
      f64[2] = edge.responseBytes.sum;
      one[0] = edge.requests;
      if (!series.rings.add(second, edge.duration.counts, f64) || !code.rings.add(second, one, [])) dropped += edge.requests;
    },
    window(fromMs, toMs, filter, includeIdle) {
      const spec = resolution(fromMs) === 'fine' ? fine : coarse;
      const w = spec.widthS * 1000;
      return sumRows((p) => (spec === fine ? p.fine : p.coarse), Math.floor(fromMs / w), Math.ceil(toMs / w), filter, includeIdle);
    },
    steps(fromMs, toMs, stepS, filter) {
      const spec = resolution(fromMs) === 'fine' ? fine : coarse;
      const width = spec.widthS;
      const perStep = Math.max(1, Math.round(stepS / width));
      const t0 = Math.floor(fromMs / 1000 / width);
      const t1 = Math.ceil(toMs / 1000 / width);
      const rows: WindowRow[][] = [];
      for (let t = t0; t < t1; t += perStep) rows.push(sumRows((p) => (spec === fine ? p.fine : p.coarse), t, Math.min(t + perStep, t1), filter));
      return { from: t0 * width * 1000, stepS: perStep * width, rows };
    },
    stats() {
      let bytes = 0;
      for (const e of edges.values()) {
        bytes += e.rings.bytes;
        for (const c of e.codes.values()) bytes += c.rings.bytes;
      }
      return { edges: edges.size, codeSeries, dropped, bytes };
    },
  };
}

/** Memory of the rings at the limits, in bytes (stated in the README). */
export function seriesBound(limits: SeriesLimits = {}): number {
  const edge = new RingPair(HISTOGRAM_SIZE, 3, limits.fine ?? FINE, limits.coarse ?? COARSE).bytes;
  const code = new RingPair(1, 0, limits.fine ?? FINE, limits.coarse ?? COARSE).bytes;
  return (limits.maxEdges ?? 256) * edge + (limits.maxCodeSeries ?? 1024) * code;
}
