// `-progress`, Rudder's extension to fortio's flags: while a run goes, one JSON line a second on
// stderr with the calls so far, so the server (which spawns `rudder load -json - -progress`) can
// stream a live view to the dashboard. fortio's own output is unchanged by it.

export interface ProgressLine {
  progress: {
    calls: number;
    elapsedSeconds: number;
    /** Calls per second over the last interval. */
    qps: number;
    /** Status code → count so far; -1 for socket errors, as in RetCodes. */
    codes: Record<string, number>;
  };
}

export interface ProgressReporter {
  /** Counts one call (pass as the runner's onCall). */
  record(code: number): void;
  /** Writes the final line and stops the timer. */
  stop(): void;
}

/** Starts writing lines every intervalMs; `clockMs` is monotonic milliseconds. */
export function startProgress(write: (line: string) => void, clockMs: () => number, intervalMs = 1000): ProgressReporter {
  const started = clockMs();
  const codes = new Map<number, number>();
  let calls = 0;
  let last = { at: started, calls: 0 };
  const emit = () => {
    const at = clockMs();
    const qps = at > last.at ? ((calls - last.calls) * 1000) / (at - last.at) : 0;
    last = { at, calls };
    const line: ProgressLine = {
      progress: {
        calls,
        elapsedSeconds: Math.round(at - started) / 1000,
        qps: Math.round(qps * 10) / 10,
        codes: Object.fromEntries([...codes].sort((a, b) => a[0] - b[0]).map(([c, n]) => [String(c), n])),
      },
    };
    write(`${JSON.stringify(line)}\n`);
  };
  const timer = setInterval(emit, intervalMs);
  return {
    record(code) {
      calls++;
      codes.set(code, (codes.get(code) ?? 0) + 1);
    },
    stop() {
      clearInterval(timer);
      emit();
    },
  };
}
