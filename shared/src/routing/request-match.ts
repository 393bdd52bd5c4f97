// One HTTPMatchRequest against one request (istio-semantics.md §2.3): every condition ANDed,
// as Envoy evaluates the RouteMatch Istio generates — path without the query string, pseudo
// headers for method/authority/scheme, header and query-parameter matchers — plus the
// selectors Istio applies per proxy (port, sourceLabels, sourceNamespace; route.go sourceMatchHTTP).
import { labelsMatchEntries } from './resources.js';
import { matchHeader, matchValue } from './string-match.js';
import type { CompiledMatch } from './types.js';

/** The request fields matching reads, prepared once per request. */
export interface RequestView {
  readonly path: string;
  readonly query: string | undefined;
  readonly fullPath: string;
  readonly method: string;
  readonly scheme: string;
  readonly authority: string;
  readonly port: number;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly namespace: string | undefined;
  /** First value per parameter, parsed on first use (only when a match has queryParams). */
  params?: Map<string, string>;
}

/** Header value as Envoy sees it: repeated headers joined with `,`; pseudo headers and `host` from the request line. */
export function headerValue(view: RequestView, name: string): string | undefined {
  switch (name) {
    case ':method':
      return view.method;
    case ':authority':
    case 'host':
      return view.authority;
    case ':scheme':
      return view.scheme;
    case ':path':
      return view.fullPath;
  }
  const value = view.headers[name];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.join(',');
}

/** `@request.auth.claims…` keys route on JWT claims (gateways only): Rudder validates no JWTs, so they never hold. */
export const isClaim = (name: string) => name.startsWith('@request.auth.claims');

/** Percent-decoded (Envoy parseAndDecodeQueryString: `%XX` only, `+` kept), first value wins; `?a` gives `a=""`. */
export function parseQuery(query: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!query) return out;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    if (!out.has(key)) out.set(key, eq < 0 ? '' : decode(pair.slice(eq + 1)));
  }
  return out;
}

function decode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The per-proxy selectors Istio applies while building a proxy's routes (route.go
 * translateRoute/sourceMatchHTTP): `port` (skipped at a gateway, where match ports were compared
 * with the server port when the table was built), then sourceLabels and sourceNamespace unless
 * the match names gateways. A match failing them does not exist for this client.
 */
export function selectorsHold(m: CompiledMatch, view: RequestView, checkPort: boolean): boolean {
  if (checkPort && m.port !== undefined && m.port !== view.port) return false;
  if (m.gateways.length > 0) return true;
  if (m.sourceLabels.length > 0 && !labelsMatchEntries(m.sourceLabels, view.labels)) return false;
  return m.sourceNamespace === undefined || m.sourceNamespace === view.namespace;
}

/** The request conditions of one match, all ANDed (Envoy RouteMatch). */
export function conditionsHold(m: CompiledMatch, view: RequestView): boolean {
  if (m.uri !== undefined && !matchValue(m.uri, view.path, m.ignoreUriCase)) return false;
  if (m.scheme !== undefined && !matchValue(m.scheme, view.scheme)) return false;
  if (m.method !== undefined && !matchValue(m.method, view.method)) return false;
  if (m.authority !== undefined && !matchValue(m.authority, view.authority)) return false;
  for (const [name, sm] of m.headers) {
    if (isClaim(name) || !matchHeader(sm, headerValue(view, name), false)) return false;
  }
  for (const [name, sm] of m.withoutHeaders) {
    if (!isClaim(name) && !matchHeader(sm, headerValue(view, name), true)) return false;
  }
  if (m.queryParams.length > 0) {
    view.params ??= parseQuery(view.query);
    for (const [name, sm] of m.queryParams) {
      const value = view.params.get(name);
      if (value === undefined || !matchValue(sm, value)) return false;
    }
  }
  return true;
}
