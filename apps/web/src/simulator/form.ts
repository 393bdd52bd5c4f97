// The simulator's form as data: read from and written to the URL query (a simulation is a
// link), and turned into the body of POST /rudder/v1/simulate with the problems a user must fix.
import type { SimulateRequest } from './types.js';

export type HeaderRow = readonly [name: string, value: string];

export interface SimForm {
  /** `gateway`, or the calling workload as `namespace/name`. */
  from: string;
  host: string;
  port: string;
  method: string;
  /** Path with its query string, as on the request line. */
  path: string;
  headers: readonly HeaderRow[];
}

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

export const EMPTY_FORM: SimForm = { from: 'gateway', host: '', port: '', method: 'GET', path: '/productpage', headers: [] };

const KEYS = ['from', 'host', 'port', 'method', 'path', 'headers'] as const;

/** Header rows as the URL holds them: one `name: value` per line, as on the wire. */
export function headerLines(rows: readonly HeaderRow[]): string {
  return rows
    .filter(([name]) => name.trim() !== '')
    .map(([name, value]) => `${name.trim()}: ${value}`)
    .join('\n');
}

export function parseHeaderLines(text: string): HeaderRow[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const colon = line.indexOf(':');
      return colon < 0 ? ([line.trim(), ''] as const) : ([line.slice(0, colon).trim(), line.slice(colon + 1).trim()] as const);
    });
}

export function formFromQuery(query: URLSearchParams): SimForm {
  return {
    from: query.get('from') || EMPTY_FORM.from,
    host: query.get('host') ?? '',
    port: query.get('port') ?? '',
    method: (query.get('method') || EMPTY_FORM.method).toUpperCase(),
    path: query.get('path') || EMPTY_FORM.path,
    headers: parseHeaderLines(query.get('headers') ?? ''),
  };
}

/** The page's query with the form in it; other parameters are kept, defaults are left out. */
export function formToQuery(form: SimForm, current: URLSearchParams = new URLSearchParams()): string {
  const q = new URLSearchParams(current);
  for (const key of KEYS) q.delete(key);
  const values: Record<(typeof KEYS)[number], string> = {
    from: form.from === EMPTY_FORM.from ? '' : form.from,
    host: form.host.trim(),
    port: form.port.trim(),
    method: form.method === EMPTY_FORM.method ? '' : form.method,
    path: form.path.trim(),
    headers: headerLines(form.headers),
  };
  for (const key of KEYS) if (values[key]) q.set(key, values[key]);
  return q.toString();
}

// RFC 9110 token characters: what a header name may hold.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The request body, or the problems to show next to the form. */
export function requestOf(form: SimForm): { request: SimulateRequest; problems: [] } | { request?: undefined; problems: string[] } {
  const problems: string[] = [];
  const host = form.host.trim();
  if (!host) problems.push('Host: enter the host the request is sent to (e.g. reviews, or any host for the gateway).');
  const portText = form.port.trim();
  const port = Number(portText);
  if (portText && (!Number.isInteger(port) || port < 1 || port > 65535)) problems.push(`Port: "${portText}" is not a port number (1-65535).`);
  const path = form.path.trim() || '/';
  if (!path.startsWith('/')) problems.push('Path: must start with "/".');
  const headers: Record<string, string> = {};
  for (const [name, value] of form.headers) {
    if (name.trim() === '') continue;
    if (!TOKEN.test(name.trim())) problems.push(`Header "${name}": not a valid header name.`);
    headers[name.trim().toLowerCase()] = value;
  }
  if (problems.length > 0) return { problems };
  const [namespace, workload] = form.from.includes('/') ? form.from.split('/', 2) : [undefined, form.from];
  return {
    problems: [],
    request: {
      from: workload || 'gateway',
      ...(namespace ? { namespace } : {}),
      host,
      ...(portText ? { port } : {}),
      method: form.method,
      path,
      headers,
    },
  };
}
