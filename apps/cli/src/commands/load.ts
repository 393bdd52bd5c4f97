// `rudder load [flags] URL`: fortio's `load` command (fortio/fortio cli/fortio_main.go fortioLoad):
// the same flags, text report and JSON, so the tutorial's fortio lines work with `npx rudder load`.
import { lookup } from 'node:dns/promises';
import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { runCurl } from '../load/curl.js';
import { LoadAbort, runHttpLoad } from '../load/http-runner.js';
import { toFortioJson } from '../load/json.js';
import { createLogger, INFO, LEVEL_NAMES } from '../load/log.js';
import { parseLoadArgs, usage } from '../load/options.js';
import { Aborter, hrtimeClock, timerSleep } from '../load/periodic.js';
import { startProgress } from '../load/progress.js';
import { allDoneLine, reportLines, runningLine, showStartingLine, startingLine } from '../load/report.js';
import { planRun } from '../load/scheduler.js';
import { buildSpec } from '../load/spec.js';

export interface LoadIo {
  stdout: { write(chunk: string | Uint8Array): unknown };
  stderr: { write(chunk: string | Uint8Array): unknown };
  /** Stops the run and prints the partial result; SIGINT (^C) does the same when not given. */
  signal?: AbortSignal;
}

/** fortio's default labels: the URL without its scheme, then the short host name. */
function defaultLabels(url: string): string {
  return `${url.replace(/^https?:\/\//i, '')} , ${hostname().split('.')[0]}`;
}

export async function runLoad(argv: string[], io: LoadIo): Promise<number> {
  const parsed = parseLoadArgs(argv);
  if ('errors' in parsed) {
    for (const e of parsed.errors) io.stderr.write(`rudder load: ${e}\n`);
    io.stderr.write("Run 'rudder load -h' for the flags.\n");
    return 2;
  }
  const o = parsed.options;
  if (o.help) {
    io.stdout.write(usage());
    return 0;
  }
  const log = createLogger((line) => io.stderr.write(line), o.logLevel);
  if (o.logLevelSet) {
    createLogger((line) => io.stderr.write(line), INFO).info(
      `Log level is now ${o.logLevel} ${LEVEL_NAMES[o.logLevel]} (was ${INFO} ${LEVEL_NAMES[INFO]})`,
    );
  }
  const spec = buildSpec(o);
  if (o.curl) {
    if (o.assumedHttpFor !== undefined) log.warn(`Assuming http:// on missing scheme for '${o.assumedHttpFor}'`);
    return runCurl(spec, io, o.curlStdoutHeaders, log);
  }
  const out = (s: string) => (o.json === '-' ? io.stderr : io.stdout).write(s);
  out(runningLine(o.qps, o.exactly, o.durationNs, o.url));
  if (o.assumedHttpFor !== undefined) log.warn(`Assuming http:// on missing scheme for '${o.assumedHttpFor}'`);
  try {
    await lookup(spec.url.hostname.replace(/^\[(.*)\]$/, '$1'));
  } catch (err) {
    out(`Aborting because of unable to resolve host '${spec.url.hostname}': ${(err as Error).message}\n`);
    return 1;
  }
  const { plan, warnings } = planRun({ qps: o.qps, threads: o.connections, exactly: o.exactly, durationNs: o.durationNs });
  for (const w of warnings) log.warn(w);
  if (o.coCorrect && !plan.useQps) log.warn('-co-correct has no effect at max qps (-qps 0): calls have no due time');
  log.info(`Starting http test for ${o.url} with ${plan.numThreads} threads at ${plan.useQps ? o.qps.toFixed(1) : '-1.0'} qps`);
  const aborter = new Aborter();
  const onSigint = () => aborter.abort();
  const onAbort = () => aborter.abort();
  if (io.signal?.aborted) aborter.abort();
  if (io.signal) io.signal.addEventListener('abort', onAbort);
  else process.once('SIGINT', onSigint);
  let result: Awaited<ReturnType<typeof runHttpLoad>>;
  const progress = o.progress ? startProgress((line) => io.stderr.write(line), () => hrtimeClock() / 1e6) : undefined;
  try {
    if (showStartingLine(plan, o.logLevel)) out(startingLine(plan));
    result = await runHttpLoad(
      { ...o, spec, plan },
      {
        clock: hrtimeClock,
        sleep: timerSleep,
        random: Math.random,
        log,
        aborter,
        now: () => new Date(),
        ...(progress ? { onCall: (code: number) => progress.record(code) } : {}),
      },
    );
  } catch (err) {
    if (!(err instanceof LoadAbort)) throw err;
    out(`Aborting because of ${err.message}\n`);
    return 1;
  } finally {
    progress?.stop();
    io.signal?.removeEventListener('abort', onAbort);
    process.removeListener('SIGINT', onSigint);
  }
  out(reportLines(result, { ...o, level: o.logLevel }));
  out(allDoneLine(result));
  if (o.json !== undefined) {
    const labels = o.labels !== '' ? o.labels : defaultLabels(o.url);
    const doc = `${JSON.stringify(toFortioJson(result, { ...o, labels, payload: spec.payload, method: spec.method }), null, 2)}\n`;
    if (o.json === '-') io.stdout.write(doc);
    else await writeFile(o.json, doc);
    out(`Successfully wrote ${Buffer.byteLength(doc)} bytes of Json data to ${o.json === '-' ? 'stdout' : o.json}\n`);
  }
  return 0;
}
