// An HTTP load run (fortio/fortio fhttp/httprunner.go RunHTTPTest): one client per thread, a
// parallel warmup call each unless -n, the periodic run, then codes, sizes and sockets totalled.
import { codeIsOK, HttpConnection, type RequestSpec } from './client.js';
import { type Counter, FortioHistogram, LatencyHistogram } from './histogram.js';
import type { Logger } from './log.js';
import { type Aborter, type Clock, type PeriodicResult, runPeriodic, type Sleep } from './periodic.js';
import type { RunPlan } from './scheduler.js';

export interface HttpLoadOptions {
  spec: RequestSpec;
  plan: RunPlan;
  uniform: boolean;
  jitter: boolean;
  noCatchUp: boolean;
  coCorrect: boolean;
  allowInitialErrors: boolean;
}

export interface HttpLoadDeps {
  clock: Clock;
  sleep: Sleep;
  random: () => number;
  log: Logger;
  aborter: Aborter;
  /** Wall clock at the start, for the JSON StartTime. */
  now: () => Date;
  /** Each measured call's code (not the warmup's), for `-progress`. */
  onCall?: (code: number) => void;
}

export interface ConnectionReport {
  sockets: number;
  addresses: Map<string, number>;
  connect: Counter;
}

export interface HttpLoadResult extends PeriodicResult {
  plan: RunPlan;
  startTime: Date;
  warmup: number;
  /** Status code → count; -1 for socket errors. */
  retCodes: Map<number, number>;
  /** Header plus body bytes per call (fortio divider 100). */
  sizes: FortioHistogram;
  /** Header bytes per call (fortio divider 5). */
  headerSizes: FortioHistogram;
  connections: ConnectionReport[];
  /** Every connection's connect time (JSON ConnectionStats). */
  connectStats: LatencyHistogram;
  interrupted: boolean;
}

/** A run that could not start: fortio prints "Aborting because of <message>". */
export class LoadAbort extends Error {}

export async function runHttpLoad(o: HttpLoadOptions, d: HttpLoadDeps): Promise<HttpLoadResult> {
  const { plan } = o;
  const connectStats = new LatencyHistogram();
  const conns = Array.from(
    { length: plan.numThreads },
    (_, i) => new HttpConnection(o.spec, i, d.clock, d.log, connectStats),
  );
  try {
    const warmup = plan.useExactly ? 0 : conns.length;
    if (warmup > 0) {
      const codes = await Promise.all(conns.map((c) => c.fetch()));
      const bad = codes.findIndex((code) => !codeIsOK(code));
      if (!o.allowInitialErrors && bad >= 0) {
        throw new LoadAbort(`error ${codes[bad]} for ${o.spec.url.href} (${conns[bad]!.size} bytes)`);
      }
    }
    const retCodes = new Map<number, number>();
    const sizes = new FortioHistogram(0, 100);
    const headerSizes = new FortioHistogram(0, 5);
    const runners = conns.map((c) => async (): Promise<boolean> => {
      const code = await c.fetch();
      retCodes.set(code, (retCodes.get(code) ?? 0) + 1);
      d.onCall?.(code);
      sizes.record(c.size);
      headerSizes.record(c.headerSize);
      return codeIsOK(code);
    });
    const startTime = d.now();
    const periodic = await runPeriodic(o, runners, d);
    const interrupted = d.aborter.aborted;
    return {
      ...periodic,
      plan,
      startTime,
      warmup,
      retCodes,
      sizes,
      headerSizes,
      connections: conns.map((c) => ({ sockets: c.sockets, addresses: c.addresses, connect: c.connect })),
      connectStats,
      interrupted,
    };
  } finally {
    for (const c of conns) c.close();
  }
}
