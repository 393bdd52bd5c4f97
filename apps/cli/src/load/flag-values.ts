// Value parsers for the `rudder load` flags, with Go flag's error wording in mind (fortio/fortio
// cli/fortio_main.go flags; stats/stats.go ParsePercentiles): each returns why a value is invalid.
import { parseGoDuration } from './go-format.js';
import type { LoadOptions } from './options.js';

/** The options before the URL is checked. */
export type Draft = Omit<LoadOptions, 'url' | 'assumedHttpFor'>;

export interface Flag {
  bool?: true;
  arg?: string;
  help: string;
  /** Applies the value; returns why it is invalid. */
  set(o: Draft, v: string): string | undefined;
}

export function int(min: number, apply: (o: Draft, n: number) => void): Flag['set'] {
  return (o, v) => {
    if (!/^[+-]?\d+$/.test(v.trim()) || Number(v) < min) return `must be an integer >= ${min}`;
    apply(o, Number(v));
    return undefined;
  };
}

export function duration(apply: (o: Draft, ns: number) => void, positive = false): Flag['set'] {
  return (o, v) => {
    const ns = parseGoDuration(v);
    if (ns === undefined) return 'must be a duration such as 10s, 500ms, 1m30s';
    if (ns < 0 || (positive && ns === 0)) return `must be ${positive ? 'positive' : '0 or more'}`;
    apply(o, ns);
    return undefined;
  };
}

export function text(apply: (o: Draft, v: string) => void, nonEmpty?: string): Flag['set'] {
  return (o, v) => {
    if (nonEmpty !== undefined && v === '') return nonEmpty;
    apply(o, v);
    return undefined;
  };
}

export function bool(apply: (o: Draft, b: boolean) => void): Flag['set'] {
  return (o, v) => {
    const b = { '1': true, t: true, true: true, '0': false, f: false, false: false }[v.toLowerCase()];
    if (b === undefined) return 'must be true or false';
    apply(o, b);
    return undefined;
  };
}

/** ParsePercentiles: a comma-separated list of numbers, not empty. */
export function parsePercentiles(v: string): number[] | string {
  const list = v.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (list.length === 0) return "list can't be empty";
  const bad = list.find((p) => !(Number(p) > 0 && Number(p) <= 100));
  return bad === undefined ? list.map(Number) : `"${bad}" is not a percentile in ]0, 100]`;
}

