// Go's fmt verbs that fortio's output uses (%g, %.Ng, %.Nf, time.Duration.String), so numbers
// print digit for digit as fortio prints them (Go strconv/ftoa.go formatDigits, time/time.go String).

/** Significant digits without trailing zeros; value = 0.d × 10^dp. Zero is { d: '', dp: 0 }. */
interface Decimal {
  d: string;
  dp: number;
}

function parseExponential(s: string): Decimal {
  const e = s.indexOf('e');
  const digits = (s[0]! + s.slice(2, e)).replace(/0+$/, '');
  return digits === '' ? { d: '', dp: 0 } : { d: digits, dp: Number(s.slice(e + 1)) + 1 };
}

/** The double's decimal expansion (100 significant digits: exact for any tie that matters). */
function exact(x: number): Decimal {
  return x === 0 ? { d: '', dp: 0 } : parseExponential(x.toExponential(99));
}

/** The shortest digits that read back as the same double (Go's precision -1). */
function shortest(x: number): Decimal {
  return x === 0 ? { d: '', dp: 0 } : parseExponential(x.toExponential());
}

/** Keep nd digits, rounding half to even on an exact tie as Go's decimal.Round does. */
function round(dec: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= dec.d.length) return dec;
  const next = dec.d.charCodeAt(nd) - 48;
  const up =
    next > 5 ||
    (next === 5 && (nd + 1 < dec.d.length || (nd > 0 && (dec.d.charCodeAt(nd - 1) - 48) % 2 === 1)));
  if (!up) {
    const d = dec.d.slice(0, nd).replace(/0+$/, '');
    return d === '' ? { d: '', dp: 0 } : { d, dp: dec.dp };
  }
  let i = nd - 1;
  while (i >= 0 && dec.d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: dec.dp + 1 };
  return { d: dec.d.slice(0, i) + String.fromCharCode(dec.d.charCodeAt(i) + 1), dp: dec.dp };
}

function digitAt(dec: Decimal, i: number): string {
  return i >= 0 && i < dec.d.length ? dec.d[i]! : '0';
}

function fmtE(dec: Decimal, prec: number): string {
  let s = digitAt(dec, 0);
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(dec, i);
  }
  const exp = dec.d === '' ? 0 : dec.dp - 1;
  const abs = Math.abs(exp);
  return `${s}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

function fmtF(dec: Decimal, prec: number): string {
  let s = '';
  if (dec.dp > 0) for (let i = 0; i < dec.dp; i++) s += digitAt(dec, i);
  else s = '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) s += digitAt(dec, dec.dp + i);
  }
  return s;
}

function special(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return '+Inf';
  if (x === Number.NEGATIVE_INFINITY) return '-Inf';
  return undefined;
}

/** Go's %g (prec undefined) and %.<prec>g. */
export function goG(x: number, prec?: number): string {
  const sp = special(x);
  if (sp !== undefined) return sp;
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const ax = Math.abs(x);
  const isShortest = prec === undefined;
  let p = isShortest ? 0 : Math.max(prec, 1);
  const dec = isShortest ? shortest(ax) : round(exact(ax), p);
  const nd = dec.d.length;
  if (isShortest) p = nd;
  let eprec = p;
  if (eprec > nd && nd >= dec.dp) eprec = nd;
  if (isShortest) eprec = 6;
  const exp = dec.dp - 1;
  if (exp < -4 || exp >= eprec) return sign + fmtE(dec, Math.min(p, nd) - 1);
  if (p > dec.dp) p = nd;
  return sign + fmtF(dec, Math.max(p - dec.dp, 0));
}

/** Go's %.<prec>f. */
export function goF(x: number, prec: number): string {
  const sp = special(x);
  if (sp !== undefined) return sp;
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const ex = exact(Math.abs(x));
  return sign + fmtF(round(ex, ex.dp + prec), prec);
}

/** Go's %<width>d: right-aligned integer. */
export function goD(n: number, width: number): string {
  return String(n).padStart(width, ' ');
}

function fraction(v: number, digits: number): string {
  const unit = 10 ** digits;
  const whole = Math.floor(v / unit);
  const frac = String(v % unit)
    .padStart(digits, '0')
    .replace(/0+$/, '');
  return frac === '' ? String(whole) : `${whole}.${frac}`;
}

/** time.Duration.String() for a whole number of nanoseconds: 624.901397ms, 5s, 1m30s, 1.5µs. */
export function goDuration(ns: number): string {
  const n = Math.round(ns);
  if (n === 0) return '0s';
  const sign = n < 0 ? '-' : '';
  const u = Math.abs(n);
  if (u < 1000) return `${sign}${u}ns`;
  if (u < 1e6) return `${sign}${fraction(u, 3)}µs`;
  if (u < 1e9) return `${sign}${fraction(u, 6)}ms`;
  const totalSeconds = Math.floor(u / 1e9);
  const seconds = fraction((totalSeconds % 60) * 1e9 + (u % 1e9), 9);
  const minutes = Math.floor(totalSeconds / 60) % 60;
  const hours = Math.floor(totalSeconds / 3600);
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
  d: 86400e9,
  w: 7 * 86400e9,
};

/**
 * time.ParseDuration ("1m30s", "500ms", "0") plus fortio.org/duration's d and w units.
 * Returns nanoseconds, or undefined when the text is not a duration.
 */
export function parseGoDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '0' || s === '+0' || s === '-0') return 0;
  const m = /^([+-]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h|d|w))+)$/.exec(s);
  if (!m) return undefined;
  let total = 0;
  for (const part of m[2]!.matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h|d|w)/g)) {
    total += Number(part[1]) * UNIT_NS[part[2]!]!;
  }
  return Math.round(m[1] === '-' ? -total : total);
}
