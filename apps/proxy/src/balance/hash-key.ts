// The consistent-hash key of a request, from ConsistentHashLB: header, cookie (generated with a
// Set-Cookie when absent and ttl is set), source IP or query parameter (envoy
// source/common/http/hash_policy.cc; Istio docs DestinationRule ConsistentHashLB).
import { parseDuration } from '@rudder/shared/values';
import type { ConsistentHashLB, Random } from './endpoint.js';
import { random64, toHex64, xxHash64 } from './xxhash64.js';

type HeaderValue = string | readonly string[] | undefined;

/** What the hash policy may read from a request. Header names are lower case (as Node gives them). */
export interface HashRequestView {
  headers: Readonly<Record<string, HeaderValue>>;
  query?: URLSearchParams | Readonly<Record<string, HeaderValue>>;
  sourceIp?: string;
  /** Parsed cookies; when absent they are read from the `cookie` header. */
  cookies?: Readonly<Record<string, string>>;
  /**
   * The downstream connection's remote and local addresses concatenated. When given, a generated
   * cookie is Envoy's hex xxHash64 of it (the same cookie for every request on a connection);
   * otherwise it is drawn from the injected random source.
   */
  connection?: string;
}

export interface HashKey {
  /** The value to hash; undefined when the request has none (the balancer then picks at random). */
  key?: string;
  /** A `Set-Cookie` value the response must carry (cookie generated for this request). */
  setCookie?: string;
}

/** Cookie value as Envoy's Utility::parseCookieValue reads it: the first match, surrounding quotes removed. */
export function cookieValue(view: HashRequestView, name: string): string | undefined {
  const unquote = (v: string) => (v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v);
  if (view.cookies) {
    const value = view.cookies[name];
    return value === undefined ? undefined : unquote(value);
  }
  const header = view.headers.cookie;
  for (const line of typeof header === 'string' ? [header] : (header ?? [])) {
    for (const part of line.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === name) return unquote(part.slice(eq + 1).trim());
    }
  }
  return undefined;
}

/** Envoy's Utility::makeSetCookieValue: name="value"; Max-Age=…; Path=…; attributes; HttpOnly. */
export function setCookieText(
  name: string,
  value: string,
  options: { maxAgeSeconds?: number; path?: string; attributes?: readonly { name: string; value?: string }[] },
): string {
  let text = `${name}="${value}"`;
  if (options.maxAgeSeconds) text += `; Max-Age=${options.maxAgeSeconds}`;
  if (options.path) text += `; Path=${options.path}`;
  for (const attribute of options.attributes ?? []) text += attribute.value ? `; ${attribute.name}=${attribute.value}` : `; ${attribute.name}`;
  return `${text}; HttpOnly`;
}

function headerKey(value: HeaderValue): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  // Several values hash the same whatever their order (Envoy sorts them before hashing).
  return value.length === 0 ? undefined : [...value].sort().join('\n');
}

function queryKey(query: HashRequestView['query'], name: string): string | undefined {
  if (!query) return undefined;
  if (query instanceof URLSearchParams) return query.get(name) ?? undefined;
  const value = query[name];
  return typeof value === 'string' ? value : value?.[0];
}

/** Compile a ConsistentHashLB into the function that reads a request's hash key. */
export function createHashKey(policy: ConsistentHashLB, deps: { random: Random }): (view: HashRequestView) => HashKey {
  if (policy.httpHeaderName !== undefined) {
    const name = policy.httpHeaderName.toLowerCase();
    return (view) => ({ key: headerKey(view.headers[name]) });
  }
  if (policy.httpCookie) {
    const { name, path, ttl, attributes } = policy.httpCookie;
    // Envoy keeps whole seconds of the ttl; 0 (or under a second) makes a session cookie.
    const ttlMs = ttl === undefined ? undefined : parseDuration(ttl);
    const maxAgeSeconds = ttlMs === undefined ? undefined : Math.floor(ttlMs / 1000);
    return (view) => {
      const existing = cookieValue(view, name);
      if (existing) return { key: existing };
      if (maxAgeSeconds === undefined) return {};
      const value = toHex64(view.connection !== undefined ? xxHash64(view.connection) : random64(deps.random));
      return { key: value, setCookie: setCookieText(name, value, { maxAgeSeconds, path, attributes }) };
    };
  }
  if (policy.useSourceIp) return (view) => ({ key: view.sourceIp });
  if (policy.httpQueryParameterName !== undefined) {
    const name = policy.httpQueryParameterName;
    return (view) => ({ key: queryKey(view.query, name) });
  }
  return () => ({});
}
