// Value checks Istio's validator shares across kinds (istio/istio pkg/config/validation
// and agent/validation.go): durations, percentages, ports, labels, selectors, exportTo,
// protocols. Each returns Istio's reason as text, or reports at the path it is given.
import { parseDuration } from '../values/index.js';
import { at, type Report } from './report.js';

const encoder = new TextEncoder();
/** Go's len() of a string: its UTF-8 byte count. */
export const byteLength = (s: string): number => encoder.encode(s).length;

const UNIT_NS: Record<string, bigint> = { ns: 1n, us: 1000n, µs: 1000n, μs: 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };
const PART = /(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/gy;

/** Exact nanoseconds of a Go duration (time.ParseDuration truncates below 1ns), for the precision rule. */
export function durationNanos(text: string): bigint | undefined {
  if (parseDuration(text) === undefined) return undefined;
  if (text === '0') return 0n;
  const negative = text.startsWith('-');
  const body = /^[+-]/.test(text) ? text.slice(1) : text;
  let total = 0n;
  for (const m of body.matchAll(PART)) {
    const unit = UNIT_NS[m[3] as string] as bigint;
    const frac = m[2] ?? '';
    total += BigInt(m[1] || '0') * unit + (BigInt(frac || '0') * unit) / 10n ** BigInt(frac.length);
  }
  return negative ? -total : total;
}

const MS = 1_000_000n;

/** ValidateDuration (agent/validation.go): at least 1ms, whole milliseconds. */
export function validateDuration(text: string): string | undefined {
  const ms = parseDuration(text);
  const ns = durationNanos(text);
  if (ms === undefined || ns === undefined) return 'not a valid duration (e.g. 10s, 100ms, 1.5s, 1m)';
  if (ns < MS) return 'duration must be greater than 1ms';
  if (ns % MS !== 0n) return 'only durations to ms precision are supported';
  return undefined;
}

/** Reports a duration field when present and invalid. */
export function checkDuration(report: Report, field: string, value: string | undefined): void {
  if (value !== undefined) report.check(field, value, validateDuration(value));
}

/** tcp.idleTimeout: Istio skips the check when the value truncates to 0ms ("0s" disables the timeout). */
export function checkIdleTimeout(report: Report, field: string, value: string | undefined): void {
  if (value === undefined) return;
  const ns = durationNanos(value);
  if (ns !== undefined && ns / MS === 0n) return;
  report.check(field, value, validateDuration(value));
}

/** ValidatePort (agent/validation.go) */
export function validatePort(port: number): string | undefined {
  return port >= 1 && port <= 65535 ? undefined : `port number ${port} must be in the range 1..65535`;
}

/** ValidatePercent: integer percentages (maxEjectionPercent, minHealthPercent). */
export function validatePercent(value: number): string | undefined {
  return value >= 0 && value <= 100 ? undefined : `percentage ${value} is not in range 0..100`;
}

/** validatePercentage: fault percentages resolve to parts per million, so 0 or [0.0001, 100]. */
export function validatePercentage(value: number): string | undefined {
  return value < 0 || value > 100 || (value > 0 && value < 0.0001)
    ? `percentage ${value} is neither 0.0, nor in range [0.0001, 100.0]`
    : undefined;
}

// pkg/config/labels/instance.go
const DNS1123_LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const QUALIFIED_NAME = '(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const TAG_KEY = new RegExp(`^((?:[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)*/)?(${QUALIFIED_NAME})$`);
const LABEL_VALUE = new RegExp(`^(${QUALIFIED_NAME})?$`);

/** labels.IsDNS1123Label: Istio's label check allows upper case, unlike Kubernetes'. */
export const isDNS1123Label = (value: string): boolean => value.length <= 63 && DNS1123_LABEL.test(value);

/** validateTagKey (labels/instance.go) */
function validateTagKey(key: string): string | undefined {
  const m = TAG_KEY.exec(key);
  if (!m) return 'invalid label key';
  if (m[1] && m[1].length - 1 > 253) return 'invalid label key (DNS prefix is too long)';
  if ((m[2] ?? '').length > 63) return 'invalid label key (name is too long)';
  return undefined;
}

/** labels.Instance.Validate: keys are qualified names, values Kubernetes label values. */
export function checkLabels(report: Report, field: string, labels: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    report.check(field, key, validateTagKey(key));
    if (!LABEL_VALUE.test(value)) report.invalid(at(field, key), value, 'invalid label value');
  }
}

/** validateWorkloadSelector / ValidateAlphaWorkloadSelector: no empty keys, no wildcards; no labels is a warning. */
export function checkSelectorLabels(report: Report, field: string, labels: Record<string, string> | undefined, warning: string): void {
  const entries = Object.entries(labels ?? {});
  for (const [key, value] of entries) {
    if (key === '') report.invalid(field, `${key}=${value}`, 'empty key is not supported in selector');
    if (key.includes('*') || value.includes('*')) report.invalid(at(field, key), `${key}=${value}`, 'wildcard is not supported in selector');
  }
  if (entries.length === 0) report.warn(field, warning);
}

/** ValidatePortName: a DNS-1123 label. */
export const validatePortName = (name: string): string | undefined => (isDNS1123Label(name) ? undefined : 'invalid port name');

/** validateExportTo: no duplicates (`.` counts as the own namespace), `*` alone, `~` alone and only on ServiceEntry. */
export function checkExportTo(report: Report, field: string, namespace: string, exportTo: string[] | undefined, kind: { serviceEntry?: boolean; withSelector?: boolean }): void {
  if (!exportTo || exportTo.length === 0) return;
  const seen = new Set<string>();
  exportTo.forEach((entry, i) => {
    const key = entry === '.' ? namespace : entry;
    if (seen.has(key)) {
      report.duplicate(at(field, i), entry, key === entry ? 'duplicate entries in exportTo' : `duplicate entries in exportTo: . and current namespace ${namespace}`);
    } else if (kind.serviceEntry && entry === '~') {
      seen.add(key);
    } else if (key === '~') {
      report.invalid(at(field, i), entry, 'exportTo ~ (none) is not allowed for Istio configuration objects');
    } else if (key !== '*' && !isDNS1123Label(key)) {
      report.invalid(at(field, i), entry, 'only ., *, or a valid DNS 1123 label is allowed as exportTo entry');
    } else {
      seen.add(key);
    }
  });
  if (kind.withSelector && seen.size > 0) {
    if (!seen.has(namespace)) report.invalid(field, exportTo, 'destination rule with workload selector cannot have exportTo beyond current namespace');
    else if (seen.size > 1) report.invalid(field, exportTo, 'destination rule with workload selector cannot have multiple entries in exportTo');
  }
  if (seen.has('*') && exportTo.length > 1) report.invalid(field, exportTo, 'cannot have both public (*) and non-public exportTo values for a resource');
  if (seen.has('~') && exportTo.length > 1) report.invalid(field, exportTo, 'cannot export service entry to no one (~) and someone');
}

/** protocol.Parse (pkg/config/protocol): case-insensitive; undefined for unsupported names. */
const PROTOCOLS: Record<string, string> = {
  tcp: 'TCP', udp: 'UDP', grpc: 'GRPC', 'grpc-web': 'GRPC-Web', http: 'HTTP', http_proxy: 'HTTP_PROXY',
  http2: 'HTTP2', https: 'HTTPS', tls: 'TLS', mongo: 'Mongo', redis: 'Redis', mysql: 'MySQL',
};
export const parseProtocol = (name: string): string | undefined => PROTOCOLS[name.toLowerCase()];
export const isHTTPProtocol = (p: string | undefined): boolean => p !== undefined && ['HTTP', 'HTTP2', 'HTTP_PROXY', 'GRPC', 'GRPC-Web'].includes(p);
export const isTLSProtocol = (p: string | undefined): boolean => p === 'HTTPS' || p === 'TLS';
export const isTCPProtocol = (p: string | undefined): boolean => p !== undefined && ['TCP', 'HTTPS', 'TLS', 'Mongo', 'Redis', 'MySQL'].includes(p);
