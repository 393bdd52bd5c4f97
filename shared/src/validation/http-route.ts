// One HTTP route of a VirtualService: its shape (route, redirect, direct response or
// delegate), actions and policies (virtualservice.go validateHTTPRoute,
// validateHTTPRouteConflict, validateAuthorityRewrite; validation.go validateHTTPRedirect,
// validateHTTPDirectResponse, validateHTTPMirrors, validateHTTPRewrite).
import type { HTTPDirectResponse, HTTPMatchRequest, HTTPRedirect, HTTPRewrite, HTTPRoute } from '../kinds/index.js';
import { checkHeaderOperations, isAuthorityHeader } from './headers.js';
import { checkHTTPMatch, checkRegex } from './http-match.js';
import { checkCors, checkFault, checkOneOf, checkRetry, validateHTTPStatus } from './http-policies.js';
import { at, child, type Report } from './report.js';
import { byteLength, checkDuration, validatePort } from './values.js';
import { checkDestination, checkHTTPRouteDestinations } from './vs-refs.js';

const KB = 1024;
const MB = 1024 * KB;

const hasRoutes = (http: HTTPRoute) => (http.route?.length ?? 0) > 0;

/** validateHTTPRouteConflict: exactly one of route, redirect, directResponse (or delegate on a root route). */
function checkShape(report: Report, field: string, http: HTTPRoute, delegateVS: boolean): void {
  const forbid = (name: string, detail: string) => report.forbidden(child(field, name), detail);
  if (!delegateVS && http.delegate !== undefined) {
    // A root route: only the delegate may say where traffic goes.
    const root = http.name ? `root HTTP route ${http.name}` : 'root HTTP route';
    if (http.redirect !== undefined) forbid('redirect', `${root} must not specify redirect`);
    if (hasRoutes(http)) forbid('route', `${root} must not specify route`);
    return;
  }
  if (delegateVS && http.delegate !== undefined) forbid('delegate', 'delegate HTTP route cannot contain delegate');
  const action = http.redirect !== undefined ? 'redirect' : http.directResponse !== undefined ? 'directResponse' : undefined;
  if (action === undefined) {
    if (!hasRoutes(http)) report.required(child(field, 'route'), 'HTTP route, redirect or direct_response is required');
  } else {
    if (hasRoutes(http)) forbid('route', `HTTP route cannot contain both route and ${action}`);
    if (http.fault !== undefined) forbid('fault', `HTTP route cannot contain both fault and ${action}`);
    if (http.rewrite !== undefined) forbid('rewrite', `HTTP route rule cannot contain both rewrite and ${action}`);
    if (action === 'redirect' && http.directResponse !== undefined) forbid('directResponse', 'HTTP route rule cannot contain both direct_response and redirect');
  }
  if (http.mirror !== undefined && (http.mirrors?.length ?? 0) > 0) forbid('mirrors', 'HTTP route cannot contain both mirror and mirrors');
}

/** validateHTTPRedirect */
function checkRedirect(report: Report, field: string, redirect: HTTPRedirect | undefined, matches: readonly HTTPMatchRequest[]): void {
  if (redirect === undefined) return;
  checkOneOf(report, field, redirect, ['port', 'derivePort']);
  if (redirect.uri && redirect.prefixRewrite) report.forbidden(child(field, 'prefixRewrite'), 'redirect may only specify one of uri or prefix_rewrite');
  if (redirect.prefixRewrite) {
    matches.forEach((match, j) => {
      if (match.uri !== undefined && match.uri.prefix === undefined) {
        report.invalid(child(field, 'prefixRewrite'), redirect.prefixRewrite, `redirect prefix_rewrite requires all URI matches to use prefix match type (match[${j}] does not)`);
      }
    });
  }
  const hasPort = redirect.port !== undefined || redirect.derivePort !== undefined;
  if (!redirect.uri && !redirect.prefixRewrite && !redirect.authority && !hasPort && !redirect.scheme) {
    report.required(field, 'redirect must specify URI, authority, scheme, or port');
  }
  const code = redirect.redirectCode ?? 0;
  if (code !== 0 && (code < 300 || code > 399)) report.invalid(child(field, 'redirectCode'), code, `${code} is not a valid redirect code, must be 3xx`);
  if (redirect.scheme && redirect.scheme !== 'http' && redirect.scheme !== 'https') report.notSupported(child(field, 'scheme'), redirect.scheme, ['http', 'https']);
  if ((redirect.port ?? 0) > 0) report.check(child(field, 'port'), redirect.port, validatePort(redirect.port ?? 0));
}

/** Decoded size of a base64 (std or URL, padded or not) body. */
const base64Size = (text: string) => Math.floor((text.replace(/[=\s]/g, '').length * 3) / 4);

/** validateHTTPDirectResponse: status 200..600; a body over 100KB warns, over 1MB is refused. */
function checkDirectResponse(report: Report, field: string, direct: HTTPDirectResponse | undefined): void {
  if (direct === undefined) return;
  const body = direct.body;
  if (body !== undefined) {
    checkOneOf(report, child(field, 'body'), body, ['string', 'bytes']);
    const size = body.string !== undefined ? byteLength(body.string) : body.bytes !== undefined ? base64Size(body.bytes) : 0;
    const path = child(field, body.string !== undefined ? 'body.string' : 'body.bytes');
    if (size > MB) report.tooLong(path, `may not be more than 1MB (${size} bytes): large direct_responses may impact control plane performance`);
    else if (size > 100 * KB) report.warn(path, 'large direct_responses may impact control plane performance');
  }
  report.check(child(field, 'status'), direct.status, validateHTTPStatus(direct.status ?? 0));
}

/** validateHTTPRewrite and validateURIRegexRewrite */
function checkRewrite(report: Report, field: string, rewrite: HTTPRewrite | undefined): void {
  if (rewrite === undefined) return;
  const regex = rewrite.uriRegexRewrite;
  if (rewrite.uri && regex !== undefined) report.forbidden(child(field, 'uriRegexRewrite'), 'rewrite may only contain one of URI or UriRegexRewrite');
  if (!rewrite.uri && regex === undefined && !rewrite.authority) {
    report.required(field, 'rewrite must specify at least one of URI, UriRegexRewrite, or authority');
  }
  if (regex === undefined) return;
  const path = child(field, 'uriRegexRewrite');
  if (!regex.match) report.required(child(path, 'match'), 'UriRegexRewrite requires both Rewrite and Match fields to be specified');
  else checkRegex(report, child(path, 'match'), regex.match);
  if (!regex.rewrite) report.required(child(path, 'rewrite'), 'UriRegexRewrite requires both Rewrite and Match fields to be specified');
}

/** validateAuthorityRewrite: the authority may be rewritten in one place only. */
function checkAuthorityRewrite(report: Report, field: string, http: HTTPRoute): void {
  let current = http.rewrite?.authority ?? '';
  for (const op of ['set', 'add'] as const) {
    for (const [name, value] of Object.entries(http.headers?.request?.[op] ?? {})) {
      if (!isAuthorityHeader(name)) continue;
      if (current !== '') {
        report.forbidden(at(child(field, `headers.request.${op}`), name), `authority header cannot be set multiple times: have ${JSON.stringify(current)}, attempting to set ${JSON.stringify(value)}`);
      }
      current = value;
    }
  }
}

/** mirrorPercentage, the deprecated mirrorPercent / mirror_percent, and mirrors[] (validateHTTPMirrors). */
function checkMirrors(report: Report, field: string, http: HTTPRoute): void {
  for (const name of ['mirrorPercent', 'mirror_percent'] as const) {
    const value = http[name];
    if (value === undefined) continue;
    if (value > 100) report.invalid(child(field, name), value, `${name} must have a max value of 100`);
    report.warn(child(field, name), `using deprecated setting "${name}", use "mirrorPercentage" instead`);
  }
  const checkPercent = (path: string, value: number | undefined) => {
    const v = value ?? 0;
    if (v > 100) report.invalid(path, v, 'mirror percentage must have a max value of 100');
    if (v < 0) report.invalid(path, v, 'mirror percentage must have a min value of 0');
  };
  if (http.mirrorPercentage !== undefined) checkPercent(child(field, 'mirrorPercentage.value'), http.mirrorPercentage.value);
  checkDestination(report, child(field, 'mirror'), http.mirror);
  http.mirrors?.forEach((mirror, i) => {
    const path = at(child(field, 'mirrors'), i);
    if (mirror.destination === undefined) report.required(child(path, 'destination'), 'destination is required for mirrors');
    checkDestination(report, child(path, 'destination'), mirror.destination);
    if (mirror.percentage !== undefined) checkPercent(child(path, 'percentage.value'), mirror.percentage.value);
  });
}

/** validateHTTPRoute: `delegateVS` when the VirtualService has no hosts (it is a delegate). */
export function checkHTTPRoute(report: Report, field: string, http: HTTPRoute, delegateVS: boolean): void {
  checkShape(report, field, http, delegateVS);
  http.match?.forEach((match, j) => {
    checkHTTPMatch(report, at(child(field, 'match'), j), match);
  });
  checkHeaderOperations(report, child(field, 'headers'), http.headers);
  checkCors(report, child(field, 'corsPolicy'), http.corsPolicy);
  checkFault(report, child(field, 'fault'), http.fault);
  checkMirrors(report, field, http);
  checkRedirect(report, child(field, 'redirect'), http.redirect, http.match ?? []);
  checkDirectResponse(report, child(field, 'directResponse'), http.directResponse);
  checkRetry(report, child(field, 'retries'), http.retries);
  checkRewrite(report, child(field, 'rewrite'), http.rewrite);
  checkAuthorityRewrite(report, field, http);
  checkHTTPRouteDestinations(report, child(field, 'route'), http.route);
  checkDuration(report, child(field, 'timeout'), http.timeout);
}
