// Host names and addresses as Istio validates them (agent/validation.go ValidateFQDN,
// ValidateWildcardDomain, ValidateDNS1123Labels; Go's netip.ParseAddr/ParsePrefix;
// pkg/config/host Name.Matches/SubsetOf). Each check returns Istio's reason, or undefined.
import { byteLength, isDNS1123Label } from './values.js';

const IPV4_FIELD = /^(?:0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function isIPv4(s: string): boolean {
  const fields = s.split('.');
  return fields.length === 4 && fields.every((f) => IPV4_FIELD.test(f) && Number(f) <= 255);
}

function isIPv6(input: string, allowZone: boolean): boolean {
  let s = input;
  const zone = s.indexOf('%');
  if (zone >= 0) {
    if (!allowZone || zone === s.length - 1) return false;
    s = s.slice(0, zone);
  }
  const tailStart = s.lastIndexOf(':') + 1;
  let extra = 0;
  if (s.slice(tailStart).includes('.')) {
    if (!isIPv4(s.slice(tailStart))) return false;
    s = `${s.slice(0, tailStart)}0`;
    extra = 1;
  }
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const all = halves.flatMap(groups);
  if (!all.every((g) => HEX_GROUP.test(g))) return false;
  const count = all.length + extra;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** netip.ParseAddr: dotted IPv4 (no leading zeros) or IPv6, with an optional IPv6 zone. */
export function isIPAddress(s: string): boolean {
  if (s.includes(':')) return isIPv6(s, true);
  return isIPv4(s);
}

/** netip.ParsePrefix: `addr/bits`, no zone, bits without leading zeros and within the family. */
export function isIPPrefix(s: string): boolean {
  const slash = s.lastIndexOf('/');
  if (slash < 0) return false;
  const addr = s.slice(0, slash);
  const bits = s.slice(slash + 1);
  if (!/^(?:0|[1-9]\d{0,2})$/.test(bits)) return false;
  if (addr.includes(':')) return isIPv6(addr, false) && Number(bits) <= 128;
  return isIPv4(addr) && Number(bits) <= 32;
}

/** ValidateIPAddress */
export const validateIPAddress = (addr: string): string | undefined => (isIPAddress(addr) ? undefined : `${addr} is not a valid IP`);

/** ValidateIPSubnet: `a.b.c.d/xx`, `2001:1::1/64`, or a plain address. */
export function validateIPSubnet(subnet: string): string | undefined {
  if (subnet.split('/').length === 2) return isIPPrefix(subnet) ? undefined : `${subnet} is not a valid CIDR block`;
  return validateIPAddress(subnet);
}

/** CheckDNS1123Preconditions */
function checkPreconditions(name: string): string | undefined {
  if (byteLength(name) > 255) return `domain name ${JSON.stringify(name)} too long (max 255)`;
  if (name.length === 0) return 'empty domain name not allowed';
  return undefined;
}

/** strconv.Atoi succeeds: optional sign, digits, within int64. */
function isGoInt(s: string): boolean {
  if (!/^[+-]?\d+$/.test(s)) return false;
  const n = BigInt(s);
  return n <= 9223372036854775807n && n >= -9223372036854775808n;
}

/** ValidateDNS1123Labels: every label a DNS-1123 label (a trailing dot is allowed), the TLD not all digits. */
export function validateDNS1123Labels(domain: string): string | undefined {
  const parts = domain.split('.');
  const tld = parts[parts.length - 1] ?? '';
  if (isGoInt(tld)) return `domain name ${JSON.stringify(domain)} invalid (top level domain ${JSON.stringify(tld)} cannot be all-numeric)`;
  for (const [i, label] of parts.entries()) {
    if (i === parts.length - 1 && label === '') return undefined;
    if (!isDNS1123Label(label)) return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(label)} invalid)`;
  }
  return undefined;
}

/** ValidateFQDN */
export const validateFQDN = (fqdn: string): string | undefined => checkPreconditions(fqdn) ?? validateDNS1123Labels(fqdn);

/** labels.IsWildcardDNS1123Label: `*`, `*foo`, `*-foo`, or a plain label. */
const WILDCARD_LABEL = /^(?:\*|(?:\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;
const isWildcardLabel = (label: string) => label.length <= 63 && WILDCARD_LABEL.test(label);

/** ValidateWildcardDomain: a wildcard only in the first label. */
export function validateWildcardDomain(domain: string): string | undefined {
  const pre = checkPreconditions(domain);
  if (pre) return pre;
  const dot = domain.indexOf('.');
  const first = dot < 0 ? domain : domain.slice(0, dot);
  if (!isWildcardLabel(first)) return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(first)} invalid)`;
  return dot < 0 ? undefined : validateDNS1123Labels(domain.slice(dot + 1));
}

/** ValidateWildcardDomainForVirtualServiceBoundToGateway: also `outbound_.<PORT>_._.<HOSTNAME>` SNI names. */
export function validateGatewayBoundDomain(sni: boolean, domain: string): string | undefined {
  const pre = checkPreconditions(domain);
  if (pre) return pre;
  if (!sni || !domain.startsWith('outbound_')) return validateWildcardDomain(domain);
  const parts = domain.split('_');
  if (parts.length < 4) return `domain name ${domain} invalid, should follow 'outbound_.<PORT>_._.<HOSTNAME>' format`;
  const trim = (s: string) => s.replace(/^\.+|\.+$/g, '');
  const port = trim(parts[1] ?? '');
  const hostname = trim(parts[3] ?? '');
  if (!/[0-9]/.test(port)) return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(port)} invalid)`;
  if (!/[a-zA-Z]/.test(hostname)) return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(hostname)} invalid)`;
  return undefined;
}

/** ValidatePartialWildCard: `*` or `*.suffix` only. */
export function validatePartialWildcard(host: string): string | undefined {
  return host.includes('*') && host.length !== 1 && !host.startsWith('*.') ? `partial wildcard ${JSON.stringify(host)} not allowed` : undefined;
}

/** validateSidecarOrGatewayHostnamePart (gateway form): FQDN or IP, no short names, no partial wildcards. */
function validateGatewayHostPart(hostname: string): string[] {
  const errors: string[] = [];
  if (hostname !== '*' && !hostname.includes('.')) errors.push('short names (non FQDN) are not allowed');
  const err = validateWildcardDomain(hostname);
  if (err && !isIPAddress(hostname)) errors.push(err);
  const partial = validatePartialWildcard(hostname);
  if (partial) errors.push(partial);
  return errors;
}

/** ValidateNamespaceSlashWildcardHostname (isGateway): `[ns/]host` with ns `*`, `.` or a DNS-1123 label. */
export function validateGatewayHost(hostname: string): string[] {
  const slash = hostname.indexOf('/');
  if (slash < 0) return validateGatewayHostPart(hostname);
  const ns = hostname.slice(0, slash);
  const host = hostname.slice(slash + 1);
  const errors: string[] = [];
  if (ns === '' || host === '') errors.push('config namespace and dnsName in host entry cannot be empty');
  if (ns !== '*' && ns !== '.' && !isDNS1123Label(ns)) errors.push(`invalid namespace value ${JSON.stringify(ns)} in gateway`);
  return [...errors, ...validateGatewayHostPart(host)];
}

/** ValidateUnixAddress: an absolute file path or an abstract socket (`@name`). */
export function validateUnixAddress(addr: string): string | undefined {
  if (addr === '') return 'unix address must not be empty';
  if (addr.startsWith('@')) return undefined;
  return addr.startsWith('/') && !addr.endsWith('/') ? undefined : `${addr} is not an absolute path to a file`;
}

const isWild = (h: string) => h.startsWith('*');

/** host.Name.SubsetOf: `n` is covered by `o`. */
export function hostSubsetOf(n: string, o: string): boolean {
  if (isWild(n)) return isWild(o) && n.length >= o.length && n.slice(1).endsWith(o.slice(1));
  return isWild(o) ? n.endsWith(o.slice(1)) : n === o;
}

/** host.Name.IsWildCarded */
export const isWildcarded = isWild;

interface TrieNode {
  next: Map<string, TrieNode>;
  /** First wildcard host whose suffix (reversed) ends here. */
  wild?: number;
  /** First exact host that ends here. */
  exact?: number;
  /** First host of any kind at or below this node. */
  any?: number;
}

const newNode = (): TrieNode => ({ next: new Map() });
const first = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));

/**
 * For each host, the first earlier host it overlaps (host.Name.Matches), or undefined.
 * Istio compares every pair; a trie of reversed names gives the same answers in
 * linear time: `*.foo.com` overlaps whatever ends in `.foo.com`, and the reverse.
 */
export function firstOverlaps(hosts: readonly string[]): (number | undefined)[] {
  const root = newNode();
  return hosts.map((host, index) => {
    const key = [...(isWild(host) ? host.slice(1) : host)].reverse();
    let node = root;
    let found = node.wild;
    const path = [node];
    for (const ch of key) {
      let next = node.next.get(ch);
      if (!next) {
        next = newNode();
        node.next.set(ch, next);
      }
      node = next;
      path.push(node);
      found = first(found, node.wild);
    }
    found = first(found, isWild(host) ? node.any : node.exact);
    if (isWild(host)) node.wild ??= index;
    else node.exact ??= index;
    for (const n of path) n.any ??= index;
    return found;
  });
}
