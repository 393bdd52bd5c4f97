// fortio's text report, line for line (fortio/fortio cli/fortio_main.go fortioLoad, periodic/periodic.go
// Run, fhttp/httprunner.go RunHTTPTest, stats/stats.go Counter.Print and HistogramData.Print).
import { goD, goDuration, goF, goG } from './go-format.js';
import type { Counter, FortioHistogram, HistogramData } from './histogram.js';
import type { HttpLoadResult } from './http-runner.js';
import { INFO, VERBOSE, WARNING } from './log.js';
import type { RunPlan } from './scheduler.js';

export const VERSION = '0.1.0';
/** Node runs the calls on one event loop: fortio's GOMAXPROCS is 1 here. */
export const GOMAX = 1;

/** "Fortio 1.6.5 running at 0 queries per second, 2->2 procs, for 20 calls: URL". */
export function runningLine(qps: number, exactly: number, durationNs: number, url: string): string {
  let what = `for ${goDuration(durationNs)}`;
  if (exactly > 0) what = `for ${exactly} calls`;
  else if (durationNs <= 0) what = 'until interrupted';
  return `Rudder ${VERSION} running at ${goG(qps)} queries per second, ${GOMAX}->${GOMAX} procs, ${what}: ${url}\n`;
}

/** "Starting at max qps with 2 thread(s) [gomax 2] for exactly 20 calls (10 per thread + 0)". */
export function startingLine(p: RunPlan): string {
  const who = `with ${p.numThreads} thread(s) [gomax ${GOMAX}]`;
  const total = p.numCalls * p.numThreads;
  if (!p.useExactly && !p.hasDuration) {
    return `Starting at ${p.useQps ? goG(p.qps) : 'max'} qps ${who} until interrupted\n`;
  }
  if (p.useQps) {
    return p.useExactly
      ? `Starting at ${goG(p.qps)} qps ${who} : exactly ${p.exactly}, ${p.numCalls} calls each (total ${total} + ${p.leftOver})\n`
      : `Starting at ${goG(p.qps)} qps ${who} for ${goDuration(p.durationNs)} : ${p.numCalls} calls each (total ${total})\n`;
  }
  return p.useExactly
    ? `Starting at max qps ${who} for ${p.requestedDuration} (${p.numCalls} per thread + ${p.leftOver})\n`
    : `Starting at max qps ${who} for ${p.requestedDuration}\n`;
}

/** The start line is always shown when the run has no end, else from -loglevel Warning down. */
export function showStartingLine(p: RunPlan, level: number): boolean {
  return (!p.useExactly && !p.hasDuration) || level <= WARNING;
}

/** Counter.Print: "Aggregated Function Time : count 20 avg 0.060465896 +/- 0.01994 min … max … sum …". */
export function counterLine(msg: string, c: Counter): string {
  return `${msg} : count ${c.count} avg ${goG(c.avg(), 8)} +/- ${goG(c.stdDev(), 4)} min ${goG(c.min)} max ${goG(c.max)} sum ${goG(c.sum, 9)}\n`;
}

/** HistogramData.Print: the counter, "# range, mid point, percentile, count", buckets, targets. */
export function histogramLines(msg: string, e: HistogramData): string {
  if (e.Data.length === 0) return `${msg} : no data\n`;
  let s = `${msg} : count ${e.Count} avg ${goG(e.Avg, 8)} +/- ${goG(e.StdDev, 4)} min ${goG(e.Min)} max ${goG(e.Max)} sum ${goG(e.Sum, 9)}\n`;
  s += '# range, mid point, percentile, count\n';
  e.Data.forEach((b, i) => {
    s += `${i === 0 ? '>=' : '>'} ${goG(b.Start, 6)} <= ${goG(b.End, 6)} , ${goG((b.Start + b.End) / 2, 6)} , ${goF(b.Percent, 2)}, ${b.Count}\n`;
  });
  return s + targetLines(e);
}

/** "# target 50% 0.035". */
export function targetLines(e: HistogramData): string {
  return (e.Percentiles ?? []).map((p) => `# target ${goG(p.Percentile)}% ${goG(p.Value, 6)}\n`).join('');
}

function addressList(addresses: Map<string, number>): string {
  if (addresses.size === 1) return [...addresses.keys()][0]!;
  return `[${[...addresses].map(([k, v]) => `${k} (${v})`).join(', ')}]`;
}

export interface ReportOptions {
  level: number;
  percentiles: readonly number[];
  uniform: boolean;
  jitter: boolean;
  noCatchUp: boolean;
}

function sleepLines(r: HttpLoadResult, o: ReportOptions): string {
  if (!r.plan.useQps || r.sleep.counter.count === 0) return '';
  const behind = (100 * r.sleep.firstBucketCount()) / r.sleep.counter.count;
  if (behind > 5) {
    return `${histogramLines('Aggregated Sleep Time', r.sleep.export([50]))}WARNING ${goF(behind, 2)}% of sleep were falling behind\n`;
  }
  if (o.level <= VERBOSE) return histogramLines('Aggregated Sleep Time', r.sleep.export([50]));
  return o.level <= WARNING ? counterLine('Sleep times', r.sleep.counter) : '';
}

function sizeLines(label: string, h: FortioHistogram, level: number): string {
  if (level <= VERBOSE) return histogramLines(`${label} Histogram`, h.export());
  return level <= WARNING ? counterLine(label, h.counter) : '';
}

/** Everything fortio prints between the start line and "All done". */
export function reportLines(r: HttpLoadResult, o: ReportOptions): string {
  const count = r.duration.counter.count;
  let s = '';
  if (o.level <= WARNING) s += `Ended after ${goDuration(r.elapsedNs)} : ${count} calls. qps=${goG(r.actualQps, 5)}\n`;
  s += sleepLines(r, o);
  const duration = r.duration.export(o.percentiles);
  if (o.level <= WARNING) {
    s += histogramLines('Aggregated Function Time', duration);
    s += histogramLines('Error cases', r.errors.export(o.percentiles));
  } else {
    s += counterLine('Aggregated Function Time', r.duration.counter) + targetLines(duration);
    s += counterLine('Error cases', r.errors.counter);
  }
  s += '# Socket and IP used for each connection:\n';
  let sockets = 0;
  r.connections.forEach((c, i) => {
    sockets += c.sockets;
    s += `[${i}] ${goD(c.sockets, 3)} socket used, resolved to ${addressList(c.addresses)}`;
    s += counterLine(', connection timing', c.connect);
  });
  if (o.level <= INFO) s += histogramLines('Connection time histogram (s)', r.connectStats.export(o.percentiles));
  else if (o.level <= WARNING) s += counterLine('Connection time (s)', r.connectStats.counter);
  s += `Sockets used: ${sockets} (for perfect keepalive, would be ${r.plan.numThreads})\n`;
  s += `Uniform: ${o.uniform}, Jitter: ${o.jitter}, Catchup allowed: ${!o.noCatchUp}\n`;
  s += 'IP addresses distribution:\n';
  for (const [ip, n] of ipDistribution(r)) s += `${ip}: ${n}\n`;
  for (const [code, n] of [...r.retCodes].sort((a, b) => a[0] - b[0])) {
    s += `Code ${goD(code, 3)} : ${n} (${goF((100 * n) / count, 1)} %)\n`;
  }
  s += sizeLines('Response Header Sizes', r.headerSizes, o.level);
  s += sizeLines('Response Body/Total Sizes', r.sizes, o.level);
  return s;
}

/** IP → sockets opened to it, most used first (httprunner's IPCountMap). */
export function ipDistribution(r: HttpLoadResult): [string, number][] {
  const totals = new Map<string, number>();
  for (const c of r.connections) for (const [k, v] of c.addresses) totals.set(k, (totals.get(k) ?? 0) + v);
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/** "All done 20 calls (plus 0 warmup) 38.917 ms avg, 31.2 qps". */
export function allDoneLine(r: HttpLoadResult): string {
  const c = r.duration.counter;
  return `All done ${c.count} calls (plus ${r.warmup} warmup) ${goF(1000 * c.avg(), 3)} ms avg, ${goF(r.actualQps, 1)} qps\n`;
}
