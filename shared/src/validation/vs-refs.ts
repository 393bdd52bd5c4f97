// What a VirtualService points at: destinations (host, subset, port), weighted route
// lists and gateway names (validation.go validateDestination, validateHTTPRouteDestinations,
// validateRouteDestinations, validateGatewayNames).
import type { Destination, HTTPRouteDestination, RouteDestination } from '../kinds/index.js';
import { checkHeaderOperations } from './headers.js';
import { validateFQDN, validateWildcardDomain } from './hosts.js';
import { at, child, type Report } from './report.js';
import { isDNS1123Label, validatePort } from './values.js';

/** validateSubsetName: a non-empty DNS-1123 label. */
export function checkSubsetName(report: Report, field: string, name: string | undefined): void {
  if (name === undefined || name === '') report.required(field, 'subset name cannot be empty');
  else if (!isDNS1123Label(name)) report.invalid(field, name, 'subset name must be a DNS-1123 label');
}

/** validateDestination: host a (wildcard) domain but not `*`; subset a DNS-1123 label; port 1-65535. */
export function checkDestination(report: Report, field: string, destination: Destination | undefined): void {
  if (destination === undefined) return;
  const hostField = child(field, 'host');
  const host = destination.host;
  if (host === undefined || host === '') report.required(hostField, 'destination host is required');
  else if (host === '*') report.invalid(hostField, host, 'invalid destination host *');
  else report.check(hostField, host, validateWildcardDomain(host));
  if (destination.subset) checkSubsetName(report, child(field, 'subset'), destination.subset);
  // validatePortSelector
  if (destination.port !== undefined) {
    const number = destination.port.number ?? 0;
    report.check(child(field, 'port.number'), number, validatePort(number));
  }
}

/** Go sums weights in an int32, which wraps. */
const addInt32 = (a: number, b: number) => (a + b) | 0;

/** validateWeight and the total: weights are non-negative; with several destinations the total must not be 0. No sum-to-100 rule (dropped in Istio 1.15). */
function checkWeights(report: Report, field: string, weights: readonly { weight?: number | undefined }[]): void {
  let total = 0;
  weights.forEach((d, i) => {
    const weight = d.weight ?? 0;
    if (weight < 0) report.invalid(child(at(field, i), 'weight'), weight, 'weight must be non-negative');
    total = addInt32(total, weight);
  });
  if (weights.length > 1 && total === 0) {
    report.invalid(field, weights.map((d) => d.weight ?? 0), 'total destination weight = 0: at least one destination needs a positive weight');
  }
}

/** validateHTTPRouteDestinations: destination required, per-destination header operations, weights. */
export function checkHTTPRouteDestinations(report: Report, field: string, routes: readonly HTTPRouteDestination[] | undefined): void {
  if (!routes) return;
  routes.forEach((route, i) => {
    const item = at(field, i);
    if (route.destination === undefined) report.required(child(item, 'destination'), 'destination is required');
    checkHeaderOperations(report, child(item, 'headers'), route.headers);
    checkDestination(report, child(item, 'destination'), route.destination);
  });
  checkWeights(report, field, routes);
}

/** validateRouteDestinations (TCP and TLS routes). */
export function checkRouteDestinations(report: Report, field: string, routes: readonly RouteDestination[] | undefined): void {
  if (!routes) return;
  routes.forEach((route, i) => {
    const item = at(field, i);
    if (route.destination === undefined) report.required(child(item, 'destination'), 'destination is required');
    checkDestination(report, child(item, 'destination'), route.destination);
  });
  checkWeights(report, field, routes);
}

/**
 * validateGatewayNames: `<namespace>/<name>` with both parts DNS-1123 labels, or a bare
 * name in the resource's namespace; the legacy `name.namespace` form gets a warning.
 * (Istio stops at the first bare name; every entry is checked here.)
 */
export function checkGatewayNames(report: Report, field: string, names: readonly string[] | undefined): void {
  names?.forEach((name, i) => {
    const item = at(field, i);
    const slash = name.indexOf('/');
    if (slash < 0) {
      if (name.includes('.')) {
        const [gw, ns] = name.split('.');
        report.warn(item, `using legacy gatewayName format ${JSON.stringify(name)}; prefer the <namespace>/<name> format: "${ns}/${gw}"`);
      }
      report.check(item, name, validateFQDN(name));
      return;
    }
    const ns = name.slice(0, slash);
    const gw = name.slice(slash + 1);
    if (ns === '' || gw === '') report.invalid(item, name, 'config namespace and gateway name cannot be empty');
    if (!isDNS1123Label(ns)) report.invalid(item, name, `invalid value for namespace: ${JSON.stringify(ns)}`);
    if (!isDNS1123Label(gw)) report.invalid(item, name, `invalid value for gateway name: ${JSON.stringify(gw)}`);
  });
}
