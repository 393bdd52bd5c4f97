// Host names as Istio forms and matches them (istio-semantics.md §2.1): a short name is
// qualified with the resource's own namespace; `*.example.com` matches any name ending
// in `.example.com`; `*` matches everything.
import { CLUSTER_DOMAIN } from '../protocol/registry.js';

/**
 * Fully qualifies a host written in a resource of `namespace`: `reviews` →
 * `reviews.<namespace>.svc.cluster.local`. Names with a dot, wildcards and IPs stay as written.
 */
export function qualifyHost(host: string, namespace: string): string {
  if (host === '*' || host.startsWith('*.') || host.includes('.') || host.includes(':')) return host;
  return `${host}.${namespace}.${CLUSTER_DOMAIN}`;
}

/** Whether `pattern` (possibly a wildcard) covers the concrete `host`. Case-insensitive, as DNS. */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === '*') return true;
  if (p.startsWith('*.')) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
  if (p.startsWith('*')) return h.endsWith(p.slice(1));
  return p === h;
}

/** The name a caller in `namespace` can use for `host` (Kubernetes DNS search path: name, name.ns, name.ns.svc). */
export function hostAliases(host: string): string[] {
  const suffix = `.${CLUSTER_DOMAIN}`;
  if (!host.endsWith(suffix)) return [host];
  const short = host.slice(0, -suffix.length); // name.ns
  const name = short.split('.')[0] ?? short;
  return [host, `${short}.svc`, short, name];
}
