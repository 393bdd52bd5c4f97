// Stage 1, the listener's view of a request: the target host (Host header, or the
// authority of an absolute-form target as HTTP_PROXY-aware clients send it) and port,
// and the origin-form path. RFC 9112 §3.2.2: with an absolute-form target the Host
// header is ignored and replaced by the target's authority.
import type { IncomingMessage } from 'node:http';

export interface RequestTarget {
  host: string;
  port: number | undefined;
  path: string;
  /** The authority of an absolute-form target: it replaces the Host header upstream. */
  authority?: string;
}

export function requestTarget(req: IncomingMessage): RequestTarget {
  const url = req.url ?? '/';
  if (url.startsWith('http://') || url.startsWith('https://')) {
    try {
      const parsed = new URL(url);
      return {
        host: parsed.hostname.toLowerCase(),
        port: parsed.port ? Number(parsed.port) : undefined,
        path: `${parsed.pathname}${parsed.search}`,
        authority: parsed.host,
      };
    } catch {
      // fall through to the Host header
    }
  }
  const { host, port } = splitHostPort(req.headers.host ?? '');
  return { host, port, path: url.startsWith('/') ? url : `/${url}` };
}

export function splitHostPort(authority: string): { host: string; port: number | undefined } {
  const value = authority.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    const rest = value.slice(end + 1);
    return { host: value.slice(0, end + 1), port: rest.startsWith(':') ? Number(rest.slice(1)) || undefined : undefined };
  }
  const colon = value.lastIndexOf(':');
  if (colon > 0 && /^\d+$/.test(value.slice(colon + 1))) return { host: value.slice(0, colon), port: Number(value.slice(colon + 1)) };
  return { host: value, port: undefined };
}
