// Checks a POST /rudder/v1/loads body against the caps (every problem with its field, as the
// API reports validation) and turns it into `rudder load` arguments (fortio's flags).
import { type FieldProblem, RudderError } from '@rudder/shared/errors';
import { LOAD_LIMITS, type LoadRun } from '@rudder/shared/protocol';
import { parseDuration } from '@rudder/shared/values';

export type NormalizedLoad = LoadRun['request'];

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function invalid(field: string, value: unknown, why: string): FieldProblem {
  return { field, reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value)}: ${why}` };
}

function checkUrl(url: unknown, problems: FieldProblem[]): string {
  if (typeof url !== 'string' || url.trim() === '') {
    problems.push({ field: 'url', reason: 'FieldValueRequired', message: 'Required value: the URL to load, such as http://127.0.0.1:8080/productpage' });
    return '';
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url.trim() : `http://${url.trim()}`;
  try {
    const u = new URL(withScheme);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') problems.push(invalid('url', url, 'only http:// and https:// can be loaded'));
  } catch {
    problems.push(invalid('url', url, 'not a URL'));
  }
  return withScheme;
}

function checkInt(field: string, v: unknown, min: number, max: number, problems: FieldProblem[]): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    problems.push(invalid(field, v, `must be an integer from ${min} to ${max}`));
    return undefined;
  }
  return v;
}

function checkHeaders(headers: unknown, problems: FieldProblem[]): Record<string, string> | undefined {
  if (headers === undefined || headers === null) return undefined;
  if (typeof headers !== 'object' || Array.isArray(headers)) {
    problems.push(invalid('headers', headers, 'must be an object of header name to value'));
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) problems.push(invalid(`headers[${name}]`, name, 'not an HTTP header name'));
    else if (typeof value !== 'string' || /[\r\n]/.test(value)) problems.push(invalid(`headers[${name}]`, value, 'must be a one-line string'));
    else out[name] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The request with its defaults (4 connections, 8 qps, 5s: fortio's), or a 422 naming each bad field. */
export function normalizeLoad(body: Record<string, unknown>): NormalizedLoad {
  const problems: FieldProblem[] = [];
  const url = checkUrl(body.url, problems);
  const connections = checkInt('connections', body.connections, 1, LOAD_LIMITS.maxConnections, problems) ?? 4;
  let qps = 8;
  if (body.qps !== undefined) {
    if (typeof body.qps !== 'number' || !Number.isFinite(body.qps) || body.qps < 0 || body.qps > LOAD_LIMITS.maxQps) {
      problems.push(invalid('qps', body.qps, `must be a number from 0 (as fast as possible) to ${LOAD_LIMITS.maxQps}`));
    } else qps = body.qps;
  }
  const calls = checkInt('calls', body.calls, 1, LOAD_LIMITS.maxCalls, problems);
  let duration: string | undefined;
  if (body.duration !== undefined && body.duration !== '') {
    const ms = typeof body.duration === 'string' ? parseDuration(body.duration) : undefined;
    if (ms === undefined || ms <= 0 || ms > LOAD_LIMITS.maxDurationSeconds * 1000) {
      problems.push(invalid('duration', body.duration, `must be a duration from 1ms to ${LOAD_LIMITS.maxDurationSeconds}s, such as 10s`));
    } else duration = body.duration as string;
  }
  if (calls !== undefined && duration !== undefined) {
    problems.push({ field: 'duration', reason: 'FieldValueForbidden', message: 'Forbidden: give calls or duration, not both' });
  }
  const headers = checkHeaders(body.headers, problems);
  if (problems.length > 0) {
    throw new RudderError('Invalid', `load run is invalid: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems, { kind: 'LoadRun' });
  }
  return { url, connections, qps, ...(calls !== undefined ? { calls } : { duration: duration ?? '5s' }), ...(headers ? { headers } : {}) };
}

/** `rudder load` arguments: fortio's flags, JSON on stdout and progress lines on stderr. */
export function loadArgs(r: NormalizedLoad): string[] {
  const args = ['load', '-json', '-', '-progress', '-loglevel', 'Warning', '-c', String(r.connections), '-qps', String(r.qps)];
  // The dashboard shows every code, so a first call answering 503 must not abort the run.
  args.push('-allow-initial-errors');
  if (r.calls !== undefined) args.push('-n', String(r.calls));
  else args.push('-t', r.duration ?? '5s');
  for (const [name, value] of Object.entries(r.headers ?? {})) args.push('-H', `${name}: ${value}`);
  args.push('--', r.url);
  return args;
}
