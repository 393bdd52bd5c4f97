// Host names as Istio forms and matches them (istio-semantics.md §2.1, §4): a short name is
// qualified with the resource's own namespace; `*.example.com` matches any name ending
// in `.example.com`; `*` matches everything. Set operations follow istio/istio
// pkg/config/host (Name.SubsetOf, Names.Intersection, NamesForNamespace).
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

/**
 * Whether every name `a` covers is covered by `b` (istio pkg/config/host Name.SubsetOf):
 * `a.foo.com ⊆ *.foo.com`, `*.bar.foo.com ⊆ *.foo.com`, anything ⊆ `*`.
 */
export function hostSubsetOf(a: string, b: string): boolean {
  if (a === b) return true;
  if (!b.startsWith('*')) return false;
  const suffix = b.slice(1);
  return a.startsWith('*') ? a.slice(1).endsWith(suffix) : a.endsWith(suffix);
}

/** The names covered by both lists, each pair contributing its narrower side (Names.Intersection). */
export function hostIntersection(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  for (const x of a) {
    for (const y of b) {
      const narrower = hostSubsetOf(x, y) ? x : hostSubsetOf(y, x) ? y : undefined;
      if (narrower !== undefined && !out.includes(narrower)) out.push(narrower);
    }
  }
  return out;
}

/**
 * Gateway server hosts (`[ns/]host`) usable by a VirtualService in `namespace`
 * (NamesForNamespace): no prefix and `*` mean every namespace, `.` the Gateway's own.
 */
export function serverHostsForNamespace(hosts: readonly string[], namespace: string, gatewayNamespace: string): string[] {
  const out: string[] = [];
  for (const entry of hosts) {
    const slash = entry.indexOf('/');
    if (slash < 0) {
      out.push(entry.toLowerCase());
      continue;
    }
    const ns = entry.slice(0, slash);
    const resolved = ns === '.' ? gatewayNamespace : ns;
    if (resolved === '*' || resolved === namespace) out.push(entry.slice(slash + 1).toLowerCase());
  }
  return out;
}

/**
 * `ns/name` for a gateway reference written in a resource of `namespace` (istio
 * resolveGatewayName): a short name is in that namespace, `./name` too, and the legacy
 * `name.ns[.svc.cluster.local]` form becomes `ns/name`. `mesh` stays `mesh`.
 */
export function resolveGatewayName(name: string, namespace: string): string {
  if (name === 'mesh') return name;
  const slash = name.indexOf('/');
  if (slash >= 0) return name.slice(0, slash) === '.' ? `${namespace}/${name.slice(slash + 1)}` : name;
  const dot = name.indexOf('.');
  if (dot < 0) return `${namespace}/${name}`;
  const rest = name.slice(dot + 1);
  const next = rest.indexOf('.');
  return `${next < 0 ? rest : rest.slice(0, next)}/${name.slice(0, dot)}`;
}

/** An authority (`reviews:9080`, `[::1]:80`, `Example.COM.`) split into a lower-case host and its port. */
export function splitAuthority(authority: string): { hostname: string; port?: number } {
  let host = authority.trim();
  let port: number | undefined;
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    const tail = end >= 0 ? host.slice(end + 1) : '';
    if (tail.startsWith(':')) port = toPort(tail.slice(1));
    host = end >= 0 ? host.slice(0, end + 1) : host;
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && host.indexOf(':') === colon) {
      port = toPort(host.slice(colon + 1));
      host = host.slice(0, colon);
    }
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  return port === undefined ? { hostname: host.toLowerCase() } : { hostname: host.toLowerCase(), port };
}

function toPort(text: string): number | undefined {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : undefined;
}

/**
 * The fully qualified names a sidecar in `namespace` reaches with `hostname`, first the
 * name as written: Istio gives each service's virtual host the domains `name` (same
 * namespace only), `name.ns`, `name.ns.svc` and the FQDN (route.generateVirtualHostDomains).
 */
export function sidecarHostCandidates(hostname: string, namespace: string): string[] {
  if (hostname.endsWith(`.${CLUSTER_DOMAIN}`) || hostname.includes(':')) return [hostname];
  const dots = hostname.split('.').length - 1;
  if (dots === 0) return [hostname, `${hostname}.${namespace}.${CLUSTER_DOMAIN}`];
  if (hostname.endsWith('.svc') && dots === 2) return [hostname, `${hostname}.cluster.local`];
  if (dots === 1) return [hostname, `${hostname}.${CLUSTER_DOMAIN}`];
  return [hostname];
}

/** Wildcards ordered as Envoy picks virtual hosts: the longest (most specific) suffix first, `*` last. */
export function byWildcardSpecificity(a: string, b: string): number {
  if (a === '*') return b === '*' ? 0 : 1;
  if (b === '*') return -1;
  return b.length - a.length;
}
