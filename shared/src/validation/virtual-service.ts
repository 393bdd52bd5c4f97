// VirtualService semantic rules (validation.go ValidateVirtualService): hosts, gateways,
// delegates, JWT-claim matches, then each http/tls/tcp route and the unreachable-rule warnings.
import type { StringMatch, VirtualServiceSpec } from '../kinds/index.js';
import { isJwtClaimRoute } from './headers.js';
import { firstOverlaps, isIPAddress, validateGatewayBoundDomain, validateWildcardDomain } from './hosts.js';
import { checkHTTPRoute } from './http-route.js';
import { checkTCPRoute, checkTLSRoute } from './l4-route.js';
import { at, child, type Report } from './report.js';
import { warnUnreachable } from './unreachable.js';
import { checkExportTo } from './values.js';
import { checkGatewayNames } from './vs-refs.js';

const SPEC = 'spec';

/** isSniHost: some TLS match names SNI hosts. */
const hasSniHosts = (vs: VirtualServiceSpec) => (vs.tls ?? []).some((tls) => (tls.match ?? []).some((m) => (m.sniHosts?.length ?? 0) > 0));

/** A delegate (no hosts) may not name gateways nor carry tls/tcp routes. */
function checkDelegate(report: Report, vs: VirtualServiceSpec): void {
  if ((vs.gateways?.length ?? 0) > 0) report.forbidden(child(SPEC, 'gateways'), 'delegate virtual service must have no gateways specified');
  if ((vs.tls?.length ?? 0) > 0) report.forbidden(child(SPEC, 'tls'), 'delegate virtual service must have no tls route specified');
  if ((vs.tcp?.length ?? 0) > 0) report.forbidden(child(SPEC, 'tcp'), 'delegate virtual service must have no tcp route specified');
}

/** JWT claim routing (`@request.auth.claims.*` header keys) is only for VirtualServices bound to gateways only. */
function checkJwtClaims(report: Report, vs: VirtualServiceSpec): void {
  vs.http?.forEach((http, i) => {
    http.match?.forEach((match, j) => {
      for (const map of ['headers', 'withoutHeaders'] as const) {
        for (const key of Object.keys(match[map] ?? ({} as Record<string, StringMatch>))) {
          if (!isJwtClaimRoute(key)) continue;
          report.invalid(child(at(child(at(child(SPEC, 'http'), i), 'match'), j), map), key, `JWT claim based routing (key: ${key}) is only supported for gateway, found no gateways: [${(vs.gateways ?? []).join(' ')}]`);
        }
      }
    });
  });
}

/** Each host a (wildcard) domain or an IP; `*` not for the mesh; no two hosts overlapping. */
function checkHosts(report: Report, vs: VirtualServiceSpec, appliesToGateway: boolean, appliesToMesh: boolean): void {
  const hosts = vs.hosts ?? [];
  const field = child(SPEC, 'hosts');
  const sni = hasSniHosts(vs);
  let allValid = true;
  hosts.forEach((host, i) => {
    const error = appliesToGateway ? validateGatewayBoundDomain(sni, host) : validateWildcardDomain(host);
    if (error !== undefined) {
      if (isIPAddress(host)) return;
      report.invalid(at(field, i), host, error);
      allValid = false;
    } else if (appliesToMesh && host === '*') {
      report.invalid(at(field, i), host, 'wildcard host * is not allowed for virtual services bound to the mesh gateway');
      allValid = false;
    }
  });
  if (!allValid) return;
  firstOverlaps(hosts).forEach((earlier, i) => {
    if (earlier !== undefined) report.duplicate(at(field, i), hosts[i], `duplicate hosts in virtual service: ${hosts[earlier]} & ${hosts[i]}`);
  });
}

/** ValidateVirtualService */
export function validateVirtualService(report: Report, namespace: string, vs: VirtualServiceSpec): void {
  const delegate = (vs.hosts?.length ?? 0) === 0;
  if (delegate) checkDelegate(report, vs);
  const gateways = vs.gateways ?? [];
  const appliesToGateway = gateways.length > 0 && !gateways.includes('mesh');
  const appliesToMesh = !appliesToGateway;
  checkGatewayNames(report, child(SPEC, 'gateways'), gateways);
  if (!appliesToGateway) checkJwtClaims(report, vs);
  checkHosts(report, vs, appliesToGateway, appliesToMesh);

  if (!vs.http?.length && !vs.tcp?.length && !vs.tls?.length) report.required(child(SPEC, 'http'), 'http, tcp or tls must be provided in virtual service');
  vs.http?.forEach((http, i) => {
    checkHTTPRoute(report, at(child(SPEC, 'http'), i), http, delegate);
  });
  vs.tls?.forEach((tls, i) => {
    checkTLSRoute(report, at(child(SPEC, 'tls'), i), tls, vs);
  });
  vs.tcp?.forEach((tcp, i) => {
    checkTCPRoute(report, at(child(SPEC, 'tcp'), i), tcp);
  });
  checkExportTo(report, child(SPEC, 'exportTo'), namespace, vs.exportTo, {});
  warnUnreachable(report, vs);
}
