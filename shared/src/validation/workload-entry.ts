// WorkloadEntry rules, shared with ServiceEntry STATIC endpoints (validation.go
// ValidateWorkloadEntry, validateWorkloadEntry).
import type { WorkloadEntrySpec } from '../kinds/index.js';
import { isIPAddress, validateFQDN, validateUnixAddress } from './hosts.js';
import { at, child, type Report } from './report.js';
import { checkLabels, validatePort, validatePortName } from './values.js';

const UNIX_PREFIX = 'unix://';

/** Port map entries: names that are service ports (when known) and DNS-1123 labels, numbers 1-65535. */
export function checkEndpointPorts(report: Report, field: string, ports: Record<string, number> | undefined, servicePorts: ReadonlySet<string> | undefined): void {
  for (const [name, port] of Object.entries(ports ?? {})) {
    if (servicePorts && !servicePorts.has(name)) report.invalid(at(field, name), port, `endpoint port ${name} is not defined by the service entry`);
    report.check(field, name, validatePortName(name));
    report.check(at(field, name), port, validatePort(port));
  }
}

/**
 * validateWorkloadEntry: an IP, a Unix socket (no ports), or, when `allowFQDN`, a DNS name;
 * no address only with a network. `servicePorts` are the ServiceEntry's port names.
 */
export function checkWorkloadEntry(report: Report, field: string, we: WorkloadEntrySpec, servicePorts: ReadonlySet<string> | undefined, allowFQDN: boolean): void {
  const address = we.address ?? '';
  const addressField = child(field, 'address');
  if (address === '') {
    if (!we.network) {
      report.required(addressField, 'address is required');
      return;
    }
    report.warn(addressField, `address is unset with network ${JSON.stringify(we.network)}`);
  }
  const unix = address.startsWith(UNIX_PREFIX);
  if (unix) {
    report.check(addressField, address, validateUnixAddress(address.slice(UNIX_PREFIX.length)));
    if (Object.keys(we.ports ?? {}).length > 0) report.forbidden(child(field, 'ports'), `unix endpoint ${address} must not include ports`);
  } else if (address !== '' && !isIPAddress(address)) {
    if (!allowFQDN) report.invalid(addressField, address, 'endpoint address is not a valid IP address');
    else if (validateFQDN(address) !== undefined) report.invalid(addressField, address, 'endpoint address is not a valid FQDN or an IP address');
  }
  checkEndpointPorts(report, child(field, 'ports'), we.ports, servicePorts);
  checkLabels(report, child(field, 'labels'), we.labels);
  if (unix && servicePorts && servicePorts.size !== 1) report.invalid(addressField, address, 'exactly 1 service port required for unix endpoints');
}

/** ValidateWorkloadEntry: any address form, ports not checked against a service. */
export function validateWorkloadEntry(report: Report, we: WorkloadEntrySpec): void {
  checkWorkloadEntry(report, 'spec', we, undefined, true);
}
