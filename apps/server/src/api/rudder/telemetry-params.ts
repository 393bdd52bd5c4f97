// Query parameters of the telemetry APIs: a time window as Kiali and Prometheus take it —
// `since`/`until` (RFC 3339, or epoch seconds or milliseconds) or a `duration` (Istio's
// `10m`, `90s`, or plain seconds) ending at `until` or now — and a `step`. Bad values are
// 400 BadRequest with the parameter named.
import { RudderError } from '@rudder/shared/errors';
import { parseDuration } from '@rudder/shared/values';

export type Query = Record<string, string | undefined>;

export function parseTime(name: string, text: string): number {
  const n = Number(text);
  if (text.trim() !== '' && Number.isFinite(n)) return n < 1e11 ? n * 1000 : n;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new RudderError('BadRequest', `${name}: ${JSON.stringify(text)} is not a time (RFC 3339, or epoch seconds or milliseconds)`);
  return ms;
}

export function parseSeconds(name: string, text: string): number {
  const n = Number(text);
  const ms = text.trim() !== '' && Number.isFinite(n) ? n * 1000 : parseDuration(text);
  if (ms === undefined || ms <= 0) throw new RudderError('BadRequest', `${name}: ${JSON.stringify(text)} is not a positive duration (such as 60s, 10m or 1h)`);
  return ms / 1000;
}

/** [from, to) in epoch ms; the default is the last minute (Kiali's default graph duration). */
export function parseWindow(q: Query, now: number, defaultSeconds = 60): { fromMs: number; toMs: number } {
  const toMs = q.until ? parseTime('until', q.until) : now;
  const fromMs = q.since ? parseTime('since', q.since) : toMs - (q.duration ? parseSeconds('duration', q.duration) : defaultSeconds) * 1000;
  if (!(fromMs < toMs)) throw new RudderError('BadRequest', 'the window is empty: since must be before until');
  if (toMs - fromMs > 24 * 3600_000) throw new RudderError('BadRequest', 'the window is longer than the 24 h the server keeps');
  return { fromMs, toMs };
}

export function parseBool(name: string, text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  if (text === 'true' || text === '1' || text === '') return true;
  if (text === 'false' || text === '0') return false;
  throw new RudderError('BadRequest', `${name}: ${JSON.stringify(text)} is not true or false`);
}

export function oneOf<T extends string>(name: string, text: string | undefined, allowed: readonly T[]): T | undefined {
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text)) throw new RudderError('BadRequest', `${name}: ${JSON.stringify(text)} is not one of ${allowed.join(', ')}`);
  return text as T;
}

export function parseCount(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new RudderError('BadRequest', `${name}: ${JSON.stringify(text)} is not a whole number`);
  return n;
}
