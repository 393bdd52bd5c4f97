// ServiceEntry semantic rules (validation.go ValidateServiceEntry; IP auto-allocation as
// serviceentry.ShouldV2AutoAllocateIPFromConfig decides it with Istio's default settings).
import type { ServiceEntrySpec } from '../kinds/index.js';
import { isIPAddress, isWildcarded, validateFQDN, validateIPSubnet, validatePartialWildcard, validateWildcardDomain } from './hosts.js';
import { at, child, type Report } from './report.js';
import { checkExportTo, checkLabels, checkSelectorLabels, isHTTPProtocol, isTCPProtocol, isTLSProtocol, parseProtocol, validatePort, validatePortName } from './values.js';
import { checkEndpointPorts, checkWorkloadEntry } from './workload-entry.js';

type Labels = Record<string, string> | undefined;

/** ShouldV2AutoAllocateIP (PILOT_ENABLE_IP_AUTOALLOCATE defaults to true): not for NONE, opt-out label, or own addresses. */
function autoAllocates(se: ServiceEntrySpec, labels: Labels): boolean {
  if ((se.resolution ?? 'NONE') === 'NONE') return false;
  if (labels?.['networking.istio.io/enable-autoallocate-ip']?.toLowerCase() === 'false') return false;
  return (se.addresses?.length ?? 0) === 0;
}

/** hosts: not `*`; (wildcard) domains; partial wildcards warn unless DYNAMIC_DNS. */
function checkHosts(report: Report, se: ServiceEntrySpec): void {
  if (se.hosts.length === 0) report.required('spec.hosts', 'service entry must have at least one host');
  se.hosts.forEach((host, i) => {
    const path = at('spec.hosts', i);
    if (host === '*') {
      report.invalid(path, host, 'invalid host *');
      return;
    }
    report.check(path, host, validateWildcardDomain(host));
    const partial = validatePartialWildcard(host);
    if (partial && se.resolution !== 'DYNAMIC_DNS') report.warn(path, partial);
  });
}

/** ports: unique names and numbers, valid names, protocols and numbers; a TCP port wants an address. */
function checkPorts(report: Report, se: ServiceEntrySpec, labels: Labels): Set<string> {
  const names = new Set<string>();
  const numbers = new Set<number>();
  const noAddress = (se.addresses?.length ?? 0) === 0 && !autoAllocates(se, labels);
  se.ports?.forEach((port, i) => {
    const path = at('spec.ports', i);
    if (names.has(port.name)) report.duplicate(child(path, 'name'), port.name, 'service entry port name already defined');
    if (numbers.has(port.number)) report.duplicate(child(path, 'number'), port.number, 'service entry port already defined');
    names.add(port.name);
    numbers.add(port.number);
    if (port.targetPort) report.check(child(path, 'targetPort'), port.targetPort, validatePort(port.targetPort));
    if (noAddress && (!port.protocol || port.protocol === 'TCP')) {
      report.warn(path, 'addresses are required for ports serving TCP (or unset) protocol when IP Autoallocation is not enabled');
    }
    report.check(child(path, 'name'), port.name, validatePortName(port.name));
    if (port.protocol && parseProtocol(port.protocol) === undefined) report.invalid(child(path, 'protocol'), port.protocol, 'unsupported protocol');
    report.check(child(path, 'number'), port.number, validatePort(port.number));
  });
  return names;
}

/** DNS and DNS_ROUND_ROBIN: FQDN hosts without endpoints; endpoints are IPs or FQDNs. */
function checkDNS(report: Report, se: ServiceEntrySpec, servicePorts: Set<string>): void {
  const endpoints = se.endpoints ?? [];
  if (endpoints.length === 0) {
    const bad = se.hosts.findIndex((h) => validateFQDN(h) !== undefined);
    if (bad >= 0) {
      const host = se.hosts[bad] ?? '';
      report.invalid(at('spec.hosts', bad), host, `hosts must be FQDN or contain only prefix wildcards if no endpoints are provided for resolution mode ${se.resolution}, ${validateFQDN(host)}`);
    }
  }
  if (se.resolution === 'DNS_ROUND_ROBIN' && endpoints.length > 1) report.invalid('spec.endpoints', endpoints.length, `there must only be 0 or 1 endpoint for resolution mode ${se.resolution}`);
  endpoints.forEach((ep, i) => {
    const path = at('spec.endpoints', i);
    const address = ep.address ?? '';
    if (!isIPAddress(address) && validateFQDN(address) !== undefined) report.invalid(child(path, 'address'), address, 'endpoint address is not a valid FQDN or an IP address');
    checkLabels(report, child(path, 'labels'), ep.labels);
    checkEndpointPorts(report, child(path, 'ports'), ep.ports, servicePorts);
  });
  const tcp = (se.addresses?.length ?? 0) > 0 ? se.ports?.findIndex((p) => isTCPProtocol(parseProtocol(p.protocol ?? ''))) ?? -1 : -1;
  if (tcp >= 0 && se.hosts.length > 1) {
    report.warn(at('spec.ports', tcp), 'service entry can not have more than one host specified simultaneously with address and tcp port');
  }
}

/** DYNAMIC_DNS: wildcard hosts only, no addresses or endpoints, HTTP/TLS/GRPC/HTTP2 ports, no waypoint for MESH_INTERNAL. */
function checkDynamicDNS(report: Report, se: ServiceEntrySpec, labels: Labels): void {
  const mode = 'DYNAMIC_DNS';
  se.hosts.forEach((host, i) => {
    if (!isWildcarded(host)) report.invalid(at('spec.hosts', i), host, `host must be wildcarded for resolution mode ${mode}`);
  });
  if ((se.addresses?.length ?? 0) > 0) report.forbidden('spec.addresses', `addresses cannot be set for resolution type ${mode}: HTTP route domains are only generated from the hosts`);
  if ((se.endpoints?.length ?? 0) > 0) report.forbidden('spec.endpoints', `endpoints cannot be set for resolution type ${mode}: the destination IP address comes from the hosts`);
  se.ports?.forEach((port, i) => {
    const p = parseProtocol(port.protocol ?? '');
    if (p !== 'HTTP' && p !== 'TLS' && p !== 'GRPC' && p !== 'HTTP2') {
      report.invalid(child(at('spec.ports', i), 'protocol'), port.protocol ?? '', `only HTTP, TLS, GRPC, and HTTP2 protocols are supported for resolution type ${mode}`);
    }
  });
  const waypoint = labels?.['istio.io/use-waypoint'];
  if (se.location === 'MESH_INTERNAL' && waypoint && waypoint.toLowerCase() !== 'none') {
    report.forbidden('spec.location', `location MESH_INTERNAL with resolution type ${mode} is not supported when using waypoints`);
  }
}

/** ValidateServiceEntry; `labels` are the resource's own (IP auto-allocation opt-out, waypoint). */
export function validateServiceEntry(report: Report, namespace: string, se: ServiceEntrySpec, labels: Labels): void {
  const endpoints = se.endpoints ?? [];
  if (se.workloadSelector !== undefined) {
    const warning = 'service entry: workload selector specified without labels, will be applied to all services in namespace';
    checkSelectorLabels(report, 'spec.workloadSelector.labels', se.workloadSelector.labels, warning);
    if (endpoints.length > 0) report.forbidden('spec.endpoints', 'only one of WorkloadSelector or Endpoints is allowed in Service Entry');
  }
  checkHosts(report, se);
  let cidr = false;
  se.addresses?.forEach((address, i) => {
    cidr ||= address.includes('/');
    report.check(at('spec.addresses', i), address, validateIPSubnet(address));
  });
  const resolution = se.resolution ?? 'NONE';
  if (cidr && resolution !== 'NONE' && resolution !== 'STATIC') report.invalid('spec.resolution', resolution, 'CIDR addresses are allowed only for NONE/STATIC resolution types');
  const servicePorts = checkPorts(report, se, labels);

  if (resolution === 'NONE') {
    if (endpoints.length > 0) report.forbidden('spec.endpoints', 'no endpoints should be provided for resolution type none');
    if (se.workloadSelector !== undefined) report.warn('spec.workloadSelector', 'workloadSelector should not be set when resolution mode is NONE');
  } else if (resolution === 'STATIC') {
    endpoints.forEach((ep, i) => {
      checkWorkloadEntry(report, at('spec.endpoints', i), ep, servicePorts, false);
    });
  } else if (resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN') {
    checkDNS(report, se, servicePorts);
  } else {
    checkDynamicDNS(report, se, labels);
  }
  // Several hosts on a plain TCP port cannot be told apart, unless the hosts are ignored (NONE).
  if (resolution !== 'NONE' && se.hosts.length > 1) {
    const bad = se.ports?.findIndex((p) => {
      const protocol = parseProtocol(p.protocol ?? '');
      return !isHTTPProtocol(protocol) && !isTLSProtocol(protocol);
    });
    if (bad !== undefined && bad >= 0) report.invalid(child(at('spec.ports', bad), 'protocol'), se.ports?.[bad]?.protocol ?? '', 'multiple hosts provided with non-HTTP, non-TLS ports');
  }
  checkExportTo(report, 'spec.exportTo', namespace, se.exportTo, { serviceEntry: true });
}
