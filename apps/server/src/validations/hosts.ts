// Kiali's host and gateway-name handling for its checks (kiali/kiali kubernetes/host.go:
// GetHost, ParseHost, ParseTwoPartHost, HostWithinWildcardHost, ParseGatewayAsHost;
// kubernetes/filters.go FilterByHost) and Kubernetes' set-based label selector.
import { CLUSTER_DOMAIN } from '@rudder/shared/protocol';

export type Labels = Record<string, string>;

export interface Host {
  service: string;
  namespace: string;
  cluster: string;
  /** Service, namespace and cluster are known (a short name or an FQDN); false for ServiceEntry-like hosts. */
  complete: boolean;
}

/** ParseHost: `name` is qualified with `namespace`; a Kubernetes FQDN is split; anything else is kept whole. */
export function parseHost(name: string, namespace: string): Host {
  const parts = name.split('.');
  if (parts.length === 1) return { service: name, namespace, cluster: CLUSTER_DOMAIN, complete: true };
  if (parts.length > 2 && parts.slice(2).join('.') === CLUSTER_DOMAIN) {
    return { service: parts[0] as string, namespace: parts[1] as string, cluster: CLUSTER_DOMAIN, complete: true };
  }
  return { service: name, namespace: '', cluster: '', complete: false };
}

/** GetHost: also `svc.ns` when `ns` is a known namespace, and `svc.ns.svc`. */
export function getHost(name: string, namespace: string, namespaces: ReadonlySet<string>): Host {
  const parts = name.split('.');
  if (parts.length === 2 && (parts[1] === namespace || namespaces.has(parts[1] as string))) {
    return { service: parts[0] as string, namespace: parts[1] as string, cluster: CLUSTER_DOMAIN, complete: true };
  }
  if (parts.length === 3 && parts[2] === 'svc') {
    return { service: parts[0] as string, namespace: parts[1] as string, cluster: CLUSTER_DOMAIN, complete: true };
  }
  return parseHost(name, namespace);
}

/** Host.String: the FQDN when complete, else the host as written. */
export const hostString = (h: Host): string => (h.complete ? `${h.service}.${h.namespace}.${h.cluster}` : h.service);

/** The FQDN (or external host) `name` stands for in `namespace`. */
export const fqdn = (name: string, namespace: string, namespaces: ReadonlySet<string>): string =>
  hostString(getHost(name, namespace, namespaces));

/** ParseTwoPartHost: `svc.ns` written for a non-cluster host still names a service and namespace. */
export function twoPartHost(h: Host): { service: string; namespace: string } {
  if (h.complete) return { service: h.service, namespace: h.namespace };
  const parts = h.service.split('.');
  return parts.length > 1 ? { service: parts[0] as string, namespace: parts[1] as string } : { service: h.service, namespace: h.namespace };
}

/** HostWithinWildcardHost: `*` holds everything, `*.suffix` the hosts ending in `.suffix`. */
export function withinWildcard(host: string, wildcard: string): boolean {
  if (wildcard === '*') return true;
  return wildcard.startsWith('*.') && host.endsWith(wildcard.slice(1));
}

/** destinationrules hostsOverlap: equal, `*`, or one inside the other's wildcard. */
export const hostsOverlap = (a: string, b: string): boolean => a === b || withinWildcard(a, b) || withinWildcard(b, a);

/** HasMatchingServiceEntries: a ServiceEntry host matches by suffix after its `*` (Kiali's rule), or exactly. */
export function matchesServiceEntryHost(host: string, seHost: string): boolean {
  const star = seHost.indexOf('*');
  return host === seHost || host.endsWith(star >= 0 ? seHost.slice(star + 1) : seHost);
}

/** A `gateways` entry as a `namespace/name` key: `ns/name`, the legacy `name.ns`, or `name` in the VirtualService's namespace. */
export function gatewayKey(ref: string, namespace: string): string {
  const slash = ref.indexOf('/');
  if (slash >= 0) return `${ref.slice(0, slash)}/${ref.slice(slash + 1)}`;
  const parts = ref.split('.');
  return parts.length > 1 ? `${parts[1]}/${parts[0]}` : `${namespace}/${ref}`;
}

/** The legacy `name.namespace` form (KIA1108). */
export const isOldGatewayForm = (ref: string): boolean => !ref.includes('/') && ref.includes('.');

/** labels.SelectorFromSet(selector).Matches(labels): every entry present; an empty selector matches all. */
export const matchesLabels = (selector: Labels | undefined, labels: Labels | undefined): boolean =>
  Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
