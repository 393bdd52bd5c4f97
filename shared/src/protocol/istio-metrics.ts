// Istio's standard HTTP metrics in Prometheus' text format (istio-semantics.md §7), shared by
// the proxy admin's /stats/prometheus and the server's /metrics so both print exactly
// Istio's names, label set and buckets, and nothing more. Pure and browser-safe.
import { type EdgeKey, HISTOGRAM_BOUNDS, type Histogram, type WorkloadIdentity } from './telemetry.js';

/** Istio's HTTP label set, in the order Envoy's istio_stats prints it. */
export const ISTIO_LABEL_NAMES = [
  'reporter',
  'source_workload',
  'source_canonical_service',
  'source_canonical_revision',
  'source_workload_namespace',
  'source_principal',
  'source_app',
  'source_version',
  'source_cluster',
  'destination_workload',
  'destination_workload_namespace',
  'destination_principal',
  'destination_app',
  'destination_version',
  'destination_service',
  'destination_canonical_service',
  'destination_canonical_revision',
  'destination_service_name',
  'destination_service_namespace',
  'destination_cluster',
  'request_protocol',
  'response_code',
  'grpc_response_status',
  'response_flags',
  'connection_security_policy',
] as const;

/** Istio's default cluster id (a single-cluster mesh is named `Kubernetes`). */
export const ISTIO_CLUSTER = 'Kubernetes';
const UNKNOWN = 'unknown';

const escapeValue = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Canonical service: the app label, else the workload; canonical revision: the version, else `latest`. */
export function canonicalOf(peer: WorkloadIdentity): { service: string; revision: string } {
  const service = peer.app !== UNKNOWN && peer.app !== '' ? peer.app : peer.workload;
  return { service, revision: peer.version !== UNKNOWN && peer.version !== '' ? peer.version : 'latest' };
}

/** The label values of one edge, in ISTIO_LABEL_NAMES order. */
export function istioLabelValues(key: EdgeKey): string[] {
  const s = key.source;
  const d = key.destination;
  const sc = canonicalOf(s);
  const dc = canonicalOf(d);
  return [
    key.reporter,
    s.workload,
    sc.service,
    sc.revision,
    s.namespace,
    UNKNOWN,
    s.app,
    s.version,
    s.workload === UNKNOWN ? UNKNOWN : ISTIO_CLUSTER,
    d.workload,
    d.namespace,
    UNKNOWN,
    d.app,
    d.version,
    key.destinationService,
    dc.service,
    dc.revision,
    key.destinationServiceName,
    key.destinationServiceNamespace,
    d.workload === UNKNOWN ? UNKNOWN : ISTIO_CLUSTER,
    'http',
    String(key.responseCode),
    '',
    key.responseFlags,
    key.reporter === 'source' ? UNKNOWN : 'none',
  ];
}

/** `reporter="source",source_workload="…",…` (no braces), for one edge. */
export function istioLabels(key: EdgeKey): string {
  return istioLabelValues(key)
    .map((v, i) => `${ISTIO_LABEL_NAMES[i]}="${escapeValue(v)}"`)
    .join(',');
}

/** Cumulative values of one label set, as a Prometheus counter and three histograms. */
export interface CumulativeSeries {
  /** istioLabels() of the series. */
  labels: string;
  requests: number;
  duration: Histogram;
  requestBytes: Histogram;
  responseBytes: Histogram;
}

const LE = [...HISTOGRAM_BOUNDS.map(String), '+Inf'];

function histogramLines(out: string[], name: string, labels: string, h: Histogram) {
  let cumulative = 0;
  for (let i = 0; i < LE.length; i++) {
    cumulative += h.counts[i] ?? 0;
    out.push(`${name}_bucket{${labels},le="${LE[i]}"} ${cumulative}`);
  }
  out.push(`${name}_sum{${labels}} ${h.sum}`);
  out.push(`${name}_count{${labels}} ${cumulative}`);
}

/** The four HTTP metrics in the Prometheus text exposition format (version 0.0.4). */
export function formatIstioMetrics(series: Iterable<CumulativeSeries>): string {
  const list = [...series];
  const out: string[] = ['# TYPE istio_requests_total counter'];
  for (const s of list) out.push(`istio_requests_total{${s.labels}} ${s.requests}`);
  const histograms: [string, keyof Pick<CumulativeSeries, 'duration' | 'requestBytes' | 'responseBytes'>][] = [
    ['istio_request_duration_milliseconds', 'duration'],
    ['istio_request_bytes', 'requestBytes'],
    ['istio_response_bytes', 'responseBytes'],
  ];
  for (const [name, field] of histograms) {
    out.push(`# TYPE ${name} histogram`);
    for (const s of list) histogramLines(out, name, s.labels, s[field]);
  }
  return `${out.join('\n')}\n`;
}
