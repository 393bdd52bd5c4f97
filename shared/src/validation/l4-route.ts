// TCP and TLS routes of a VirtualService (validation.go validateTCPRoute, validateTCPMatch,
// validateTLSRoute, validateTLSMatch, validateSniHost).
import type { L4MatchAttributes, TCPRoute, TLSMatchAttributes, TLSRoute, VirtualServiceSpec } from '../kinds/index.js';
import { hostSubsetOf, isIPAddress, validateGatewayBoundDomain, validateIPSubnet, validateWildcardDomain } from './hosts.js';
import { at, child, type Report } from './report.js';
import { checkLabels, validatePort } from './values.js';
import { checkGatewayNames, checkRouteDestinations } from './vs-refs.js';

/** isGateway: true unless `mesh` is named (so also when no gateways are given). */
const namesNoMesh = (vs: VirtualServiceSpec) => !(vs.gateways ?? []).includes('mesh');

/** The match fields TCP and TLS share. */
function checkL4Match(report: Report, field: string, match: L4MatchAttributes | TLSMatchAttributes): void {
  match.destinationSubnets?.forEach((subnet, i) => {
    report.check(at(child(field, 'destinationSubnets'), i), subnet, validateIPSubnet(subnet));
  });
  if (match.port) report.check(child(field, 'port'), match.port, validatePort(match.port));
  checkLabels(report, child(field, 'sourceLabels'), match.sourceLabels);
  checkGatewayNames(report, child(field, 'gateways'), match.gateways);
}

/** validateSniHost: a (wildcard) domain covered by one of the VirtualService's hosts; an IP only warns. */
function checkSniHost(report: Report, field: string, sni: string, vs: VirtualServiceSpec): void {
  const error = namesNoMesh(vs) ? validateGatewayBoundDomain(true, sni) : validateWildcardDomain(sni);
  if (error !== undefined) {
    if (isIPAddress(sni)) report.warn(field, `using an IP address (${JSON.stringify(sni)}) goes against SNI spec and most clients do not support this`);
    else report.invalid(field, sni, error);
    return;
  }
  const hosts = vs.hosts ?? [];
  if (!hosts.some((h) => hostSubsetOf(sni, h))) {
    report.invalid(field, sni, `SNI host is not a compatible subset of any of the virtual service hosts: [${hosts.join(', ')}]`);
  }
}

/** validateTLSRoute and validateTLSMatch */
export function checkTLSRoute(report: Report, field: string, tls: TLSRoute, vs: VirtualServiceSpec): void {
  const matches = tls.match ?? [];
  if (matches.length === 0) report.required(child(field, 'match'), 'TLS route must have at least one match condition');
  matches.forEach((match, j) => {
    const path = at(child(field, 'match'), j);
    const sniHosts = match.sniHosts ?? [];
    if (sniHosts.length === 0) report.required(child(path, 'sniHosts'), 'TLS match must have at least one SNI host');
    sniHosts.forEach((sni, k) => {
      checkSniHost(report, at(child(path, 'sniHosts'), k), sni, vs);
    });
    checkL4Match(report, path, match);
  });
  if ((tls.route?.length ?? 0) === 0) report.required(child(field, 'route'), 'TLS route is required');
  checkRouteDestinations(report, child(field, 'route'), tls.route);
}

/** validateTCPRoute and validateTCPMatch */
export function checkTCPRoute(report: Report, field: string, tcp: TCPRoute): void {
  tcp.match?.forEach((match, j) => {
    checkL4Match(report, at(child(field, 'match'), j), match);
  });
  if ((tcp.route?.length ?? 0) === 0) report.required(child(field, 'route'), 'TCP route is required');
  checkRouteDestinations(report, child(field, 'route'), tcp.route);
}
