// Durations as Istio writes them. Istio's CRDs check durations with CEL's duration(),
// which follows Go's time.ParseDuration grammar: a sequence of decimal numbers, each
// with a unit (ns, us, µs, ms, s, m, h), such as "10s", "1.5s", "100ms", "1h30m".
// protobuf JSON's "<seconds>s" form ("0.025s") is a special case of it.

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** Milliseconds in a duration string, or undefined when it is not one. "0" alone is zero, as in Go. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest.length === 0) return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < rest.length) {
    const at = PART.lastIndex;
    const m = PART.exec(rest);
    if (!m || m.index !== at) return undefined;
    total += Number(m[1]) * (UNIT_MS[m[2] as string] as number);
  }
  return sign * total;
}

/** The shortest Istio-style spelling of a duration in milliseconds ("1.5s", "100ms", "3m"). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000) return `${ms / 1000}s`;
  return `${ms}ms`;
}
