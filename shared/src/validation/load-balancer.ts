// DestinationRule load balancing (validation.go validateLoadBalancer, isPrime;
// agent/validation.go ValidateLocalityLbSetting, ValidateZoneAwareLbSetting, validateLocalities).
import type { LoadBalancerSettings, OutlierDetection } from '../kinds/traffic-policy.js';
import { checkOneOf } from './http-policies.js';
import { at, child, type Report } from './report.js';
import { checkDuration } from './values.js';

const TOPOLOGY_LABELS = ['topology.kubernetes.io/region', 'topology.kubernetes.io/zone', 'topology.istio.io/subzone'];
const MAGLEV_MAX = 5000011;

/** isPrime, as Envoy checks a Maglev table size. */
export function isPrime(x: number): boolean {
  if (x !== 0 && x < 4) return true;
  if (x % 2 === 0) return false;
  const limit = Math.floor(Math.sqrt(x));
  for (let f = 3; f <= limit; f += 2) if (x % f === 0) return false;
  return true;
}

/** validateLocalities: at most one trailing `*`, no empty parts, no locality covered by an earlier one. */
export function validateLocalities(localities: readonly string[]): string | undefined {
  const map = new Map<string, Map<string, Set<string>>>();
  for (const locality of localities) {
    const stars = locality.split('*').length - 1;
    if (stars > 1 || (stars === 1 && !locality.endsWith('*'))) return `locality ${locality} wildcard '*' number can not exceed 1 and must be in the end`;
    const overlap = `locality ${locality} overlap with previous specified ones`;
    if (map.has('*')) return overlap;
    const items = locality.split('/');
    const parts = [items[0] ?? '', items[1] ?? '', items.slice(2).join('/')].slice(0, Math.min(items.length, 3));
    if (parts.some((p) => p === '')) return `locality ${locality} must not contain empty region/zone/subzone info`;
    const [region = '', zone = '', subZone = ''] = parts;
    const zones = map.get(region);
    if (parts.length === 1) {
      if (zones) return overlap;
      map.set(region, new Map([['*', new Set(['*'])]]));
    } else if (parts.length === 2) {
      if (zones?.has('*') || zones?.has(zone)) return overlap;
      if (zones) zones.set(zone, new Set(['*']));
      else map.set(region, new Map([[zone, new Set(['*'])]]));
    } else {
      if (zones?.has('*')) return overlap;
      const subs = zones?.get(zone);
      if (subs?.has('*') || subs?.has(subZone)) return overlap;
      if (subs) subs.add(subZone);
      else if (zones) zones.set(zone, new Set([subZone]));
      else map.set(region, new Map([[zone, new Set([subZone])]]));
    }
  }
  return undefined;
}

interface Failover {
  from?: string | undefined;
  to?: string | undefined;
}

/** The failover entries of locality and zone-aware settings: distinct regions, no zones, no wildcards. */
function checkFailover(report: Report, field: string, failover: readonly Failover[] | undefined, what: string): void {
  failover?.forEach((f, i) => {
    const path = at(field, i);
    const from = f.from ?? '';
    const to = f.to ?? '';
    if (from === to) report.invalid(path, f, `${what} failover settings must specify different regions`);
    if (from.includes('/') || to.includes('/')) report.invalid(path, f, `${what} failover only specify region`);
    if (from.includes('*') || to.includes('*')) report.invalid(path, f, `${what} failover region should not contain '*' wildcard`);
  });
}

type Locality = NonNullable<LoadBalancerSettings['localityLbSetting']>;
type ZoneAware = NonNullable<LoadBalancerSettings['zoneAwareLbSetting']>;

/** ValidateLocalityLbSetting */
function checkLocality(report: Report, field: string, lb: Locality, outlier: OutlierDetection | undefined): void {
  const distribute = lb.distribute ?? [];
  const failover = lb.failover ?? [];
  if (distribute.length > 0 && failover.length > 0) {
    report.invalid(field, 'distribute, failover', "can not simultaneously specify 'distribute' and 'failover'");
    return;
  }
  const topology = failover.length > 0 ? (lb.failoverPriority ?? []).find((l) => TOPOLOGY_LABELS.includes(l)) : undefined;
  if (topology) {
    report.invalid(child(field, 'failoverPriority'), topology, `can not simultaneously set 'failover' and topology label '${topology}' in 'failover_priority'`);
    return;
  }
  for (const [i, d] of distribute.entries()) {
    const path = at(child(field, 'distribute'), i);
    const weights = Object.entries(d.to ?? {});
    const bad = weights.find(([, w]) => w <= 0 || w > 100);
    if (bad) {
      report.invalid(at(child(path, 'to'), bad[0]), bad[1], 'locality weight must be in range [1, 100]');
      return;
    }
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    if (total !== 100) {
      report.invalid(child(path, 'to'), d.to, `total locality weight ${total} != 100`);
      return;
    }
    report.check(child(path, 'to'), Object.keys(d.to ?? {}), validateLocalities(weights.map(([k]) => k)));
  }
  report.check(child(field, 'distribute'), distribute.map((d) => d.from ?? ''), validateLocalities(distribute.map((d) => d.from ?? '')));
  if ((failover.length > 0 || (lb.failoverPriority?.length ?? 0) > 0) && outlier === undefined) {
    report.warn(field, 'outlier detection policy must be provided for failover');
  }
  checkFailover(report, child(field, 'failover'), failover, 'locality lb');
}

/** ValidateZoneAwareLbSetting */
function checkZoneAware(report: Report, field: string, lb: ZoneAware, outlier: OutlierDetection | undefined): void {
  lb.failoverPriority?.forEach((label, i) => {
    if (TOPOLOGY_LABELS.includes(label)) {
      report.invalid(at(child(field, 'failoverPriority'), i), label, `'failover_priority' for zone aware lb must not use topology label '${label}'; region- and zone-level routing are handled automatically`);
    }
  });
  if (((lb.failover?.length ?? 0) > 0 || (lb.failoverPriority?.length ?? 0) > 0) && outlier === undefined) {
    report.warn(field, 'outlier detection policy must be provided for failover');
  }
  checkFailover(report, child(field, 'failover'), lb.failover, 'zone aware lb');
}

/** validateLoadBalancer */
export function checkLoadBalancer(report: Report, field: string, lb: LoadBalancerSettings | undefined, outlier: OutlierDetection | undefined): void {
  if (lb === undefined) return;
  checkOneOf(report, field, lb, ['simple', 'consistentHash']);
  const hash = lb.consistentHash;
  if (hash !== undefined) {
    const path = child(field, 'consistentHash');
    checkOneOf(report, path, hash, ['httpHeaderName', 'httpCookie', 'useSourceIp', 'httpQueryParameterName']);
    checkOneOf(report, path, hash, ['ringHash', 'maglev']);
    const cookie = hash.httpCookie;
    if (cookie !== undefined && !cookie.name) report.required(child(path, 'httpCookie.name'), 'name required for HttpCookie');
    const names = new Set<string>();
    cookie?.attributes?.forEach((attr, i) => {
      const attrPath = child(at(child(path, 'httpCookie.attributes'), i), 'name');
      if (!attr.name) report.required(attrPath, 'cookie attribute name cannot be empty');
      else if (names.has(attr.name)) report.duplicate(attrPath, attr.name, 'duplicate cookie attribute name');
      else names.add(attr.name);
    });
    if (hash.minimumRingSize) {
      report.warn(child(path, 'minimumRingSize'), "consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration instead");
      if (hash.ringHash !== undefined || hash.maglev !== undefined) {
        report.forbidden(child(path, 'minimumRingSize'), 'only one of MinimumRingSize or Maglev/Ringhash can be specified');
      }
    }
    if (hash.maglev !== undefined) {
      const size = hash.maglev.tableSize ?? 0;
      const sizePath = child(path, 'maglev.tableSize');
      if (size === 0) report.required(sizePath, 'tableSize must be set for maglev');
      if (size >= MAGLEV_MAX) report.invalid(sizePath, size, `tableSize must be less than ${MAGLEV_MAX} for maglev`);
      if (!isPrime(size)) report.invalid(sizePath, size, 'tableSize must be a prime number for maglev');
    }
  }
  if (lb.localityLbSetting !== undefined && lb.zoneAwareLbSetting !== undefined) {
    report.forbidden(child(field, 'zoneAwareLbSetting'), 'only one of localityLbSetting and zoneAwareLbSetting can be set');
  }
  if (lb.localityLbSetting !== undefined) checkLocality(report, child(field, 'localityLbSetting'), lb.localityLbSetting, outlier);
  if (lb.zoneAwareLbSetting !== undefined) checkZoneAware(report, child(field, 'zoneAwareLbSetting'), lb.zoneAwareLbSetting, outlier);
  const warm = lb.warmup;
  if (warm !== undefined) {
    const path = child(field, 'warmup');
    if (warm.duration === undefined) report.required(child(path, 'duration'), 'duration is required');
    checkDuration(report, child(path, 'duration'), warm.duration);
    if ((warm.minimumPercent ?? 0) > 100) report.invalid(child(path, 'minimumPercent'), warm.minimumPercent, 'minimumPercent value should be less than or equal to 100');
    if (warm.aggression !== undefined && warm.aggression <= 0) report.invalid(child(path, 'aggression'), warm.aggression, 'aggression should be greater than 0');
  }
}
