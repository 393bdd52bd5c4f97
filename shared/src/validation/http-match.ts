// HTTPMatchRequest and StringMatch rules (virtualservice.go validateHTTPRouteMatchRequest,
// validation.go validateStringMatch, validateStringMatchRegexp).
import type { HTTPMatchRequest, StringMatch } from '../kinds/index.js';
import { validateMatchHeaderName } from './headers.js';
import { validateRegex } from './regex.js';
import { at, child, type Report } from './report.js';
import { checkLabels, isDNS1123Label, validatePort } from './values.js';
import { checkGatewayNames } from './vs-refs.js';

const MATCH_TYPES = ['exact', 'prefix', 'regex'] as const;

/** A regex field: non-empty, then validateStringRegexp (length cap, RE2). */
export function checkRegex(report: Report, field: string, re: string): void {
  if (re === '') report.invalid(field, re, 'regex string match should not be empty');
  else report.check(field, re, validateRegex(re));
}

/** The StringMatch oneof: at most one of exact, prefix, regex (an empty match means "present"). */
function checkOneMatchType(report: Report, field: string, sm: StringMatch): void {
  const set = MATCH_TYPES.filter((k) => sm[k] !== undefined);
  for (const extra of set.slice(1)) {
    report.forbidden(child(field, extra), `only one of exact, prefix or regex may be set (${set[0]} is set)`);
  }
}

/**
 * validateStringMatch (and, with `emptyPrefix`, validateStringMatchRegexp for `uri`):
 * a prefix may not be empty except for the uri; a regex must compile under RE2.
 */
export function checkStringMatch(report: Report, field: string, sm: StringMatch | undefined, emptyPrefix = false): void {
  if (sm === undefined) return;
  checkOneMatchType(report, field, sm);
  if (sm.prefix === '' && !emptyPrefix) report.invalid(child(field, 'prefix'), '', 'prefix string match should not be empty');
  if (sm.regex !== undefined) checkRegex(report, child(field, 'regex'), sm.regex);
}

/** validateHTTPRouteMatchRequest for one match. */
export function checkHTTPMatch(report: Report, field: string, match: HTTPMatchRequest): void {
  const headers = child(field, 'headers');
  for (const [name, sm] of Object.entries(match.headers ?? {})) {
    report.check(headers, name, validateMatchHeaderName(name));
    checkStringMatch(report, at(headers, name), sm);
  }
  const without = child(field, 'withoutHeaders');
  for (const [name, sm] of Object.entries(match.withoutHeaders ?? {})) {
    report.check(without, name, validateMatchHeaderName(name));
    // `*` is no RE2 regex: Istio turns it into a presence match.
    if (sm.regex !== '*') checkStringMatch(report, at(without, name), sm);
  }
  // Envoy allows an empty prefix for the path only.
  checkStringMatch(report, child(field, 'uri'), match.uri, true);
  checkStringMatch(report, child(field, 'scheme'), match.scheme);
  checkStringMatch(report, child(field, 'method'), match.method);
  checkStringMatch(report, child(field, 'authority'), match.authority);
  const query = child(field, 'queryParams');
  for (const [name, sm] of Object.entries(match.queryParams ?? {})) checkStringMatch(report, at(query, name), sm);

  if (match.port) report.check(child(field, 'port'), match.port, validatePort(match.port));
  checkLabels(report, child(field, 'sourceLabels'), match.sourceLabels);
  checkGatewayNames(report, child(field, 'gateways'), match.gateways);
  if (match.sourceNamespace && !isDNS1123Label(match.sourceNamespace)) {
    report.invalid(child(field, 'sourceNamespace'), match.sourceNamespace, 'sourceNamespace must be a DNS-1123 label');
  }
}
