// /ws/telemetry and /ws/live wire types (DESIGN.md data flow 3-4): per-edge aggregates with
// Istio's standard-metric dimensions and Envoy's default histogram buckets
// (istio-semantics.md §7), spans, live endpoint state and access-log lines from proxies;
// graph frames (kiali-graph.md §1-§5) to the dashboard. Browser-safe: types and constants.

export const TELEMETRY_PATH = '/ws/telemetry';
export const LIVE_PATH = '/ws/live';

/**
 * Envoy's default histogram bounds, which Istio uses for istio_request_duration_milliseconds
 * (ms) and istio_request_bytes / istio_response_bytes (bytes). A histogram holds one count per
 * bound plus one for +Inf (non-cumulative), so `counts.length === HISTOGRAM_BOUNDS.length + 1`.
 */
export const HISTOGRAM_BOUNDS: readonly number[] = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
];
export const HISTOGRAM_SIZE = HISTOGRAM_BOUNDS.length + 1;

/** The bucket a value falls in: the first bound ≥ value (Prometheus `le`), else +Inf. */
export function bucketIndex(value: number): number {
  let i = 0;
  while (i < HISTOGRAM_BOUNDS.length && value > (HISTOGRAM_BOUNDS[i] as number)) i++;
  return i;
}

export interface Histogram {
  /** Non-cumulative counts, HISTOGRAM_SIZE long (the last is +Inf). */
  counts: number[];
  sum: number;
}

/** One side of an edge, as Istio's peer metadata names it; `unknown` for each unknown field. */
export interface WorkloadIdentity {
  workload: string;
  namespace: string;
  app: string;
  version: string;
}

export type Reporter = 'source' | 'destination';

/** The dimensions of one aggregate: Istio's metric labels, plus whether the request was a mirror copy. */
export interface EdgeKey {
  reporter: Reporter;
  source: WorkloadIdentity;
  destination: WorkloadIdentity;
  /** FQDN (`reviews.default.svc.cluster.local`), or `unknown`. */
  destinationService: string;
  destinationServiceName: string;
  destinationServiceNamespace: string;
  /** HTTP status; 0 when nothing was sent. */
  responseCode: number;
  /** Envoy's flags joined with commas, `-` when none. */
  responseFlags: string;
  /** A shadow copy sent by request mirroring (never counted as a request of the original edge). */
  mirrored: boolean;
}

export interface EdgeAggregate extends EdgeKey {
  requests: number;
  duration: Histogram;
  requestBytes: Histogram;
  responseBytes: Histogram;
}

export type SpanKind = 'CLIENT' | 'SERVER';

/** One span per request per proxy listener (Envoy's tracing: gateway and outbound CLIENT, inbound SERVER). */
export interface Span {
  traceId: string;
  id: string;
  parentId?: string;
  /** Envoy's operation name: `<destination host>:<port>/*`. */
  name: string;
  kind: SpanKind;
  /** Epoch milliseconds (fractional). */
  start: number;
  durationMs: number;
  reporter: Reporter;
  /** The proxy's own workload (`productpage-v1`); the Zipkin service is `<app>.<namespace>`. */
  local: WorkloadIdentity;
  source: WorkloadIdentity;
  destination: WorkloadIdentity;
  destinationService: string;
  instance?: string;
  method: string;
  url: string;
  responseCode: number;
  responseFlags: string;
  requestId: string;
  upstreamCluster?: string;
  error: boolean;
}

/** A trace in the traces API's list: its root operation, when, how long, how many spans and errors. */
export interface TraceSummary {
  traceId: string;
  root: string;
  start: number;
  durationMs: number;
  spans: number;
  services: string[];
  errors: number;
}

/** A span in a trace's tree, with the service it ran in. */
export type SpanNode = Span & { service: string; children: SpanNode[] };

/** GET /rudder/v1/traces/{id}: the summary and the span tree. */
export interface TraceDetail {
  summary: TraceSummary;
  roots: SpanNode[];
}

/** One endpoint of a destination as one calling proxy sees it (outlier detection, balancer). */
export interface EndpointView {
  address: string;
  port: number;
  /** Instance (pod) name and workload from the registry. */
  name?: string;
  workload?: string;
  healthy: boolean;
  ejected: boolean;
  ejectedUntil?: number;
  ejections: number;
  active: number;
}

/** Connection-pool use of one destination, with overflows since the previous report. */
export interface PoolView {
  activeRequests: number;
  pendingRequests: number;
  connections: number;
  maxConnections: number;
  maxPendingRequests: number;
  maxRequests: number;
  /** Cumulative UO overflows (requests + pending) and those in the last interval. */
  overflows: number;
  overflowsInInterval: number;
}

/** Live state of one destination (host|port|subset|policy) in one calling proxy. */
export interface DestinationView {
  caller: WorkloadIdentity;
  instance?: string;
  cluster: string;
  host: string;
  subset?: string;
  endpoints: EndpointView[];
  pool: PoolView;
}

/** New access-log lines (Istio's JSON format, one object per line) of one proxy instance. */
export interface LogLines {
  workload: WorkloadIdentity;
  instance?: string;
  lines: string[];
}

export interface TelemetryDrops {
  /** Batches dropped (oldest first) while the server was away or slow. */
  batches: number;
  /** Records not aggregated because the per-interval edge limit was reached. */
  records: number;
  spans: number;
  logLines: number;
}

/** One flush of one proxy process: the interval [start, end) in epoch ms. */
export interface TelemetryBatch {
  type: 'batch';
  proxy: string;
  seq: number;
  start: number;
  end: number;
  edges: EdgeAggregate[];
  spans: Span[];
  destinations: DestinationView[];
  logs: LogLines[];
  /** Cumulative drop counters of the sending proxy. */
  dropped: TelemetryDrops;
}

export type TelemetryServerMessage = { type: 'error'; message: string };

// ---- the graph (kiali-graph.md) ----

export type GraphType = 'workload' | 'app' | 'versionedApp' | 'service';
export type HealthStatus = 'Healthy' | 'Degraded' | 'Failure' | 'NotReady' | 'NA';
export type NodeType = 'workload' | 'app' | 'service' | 'unknown';

export interface HttpRates {
  /** Requests in the window, and per second. */
  requests: number;
  http: number;
  http3xx: number;
  http4xx: number;
  http5xx: number;
  httpNoResponse: number;
}

export interface VsFeatures {
  name: string;
  namespace: string;
  faultInjection: boolean;
  mirroring: boolean;
  requestRouting: boolean;
  requestTimeout: boolean;
  trafficShifting: boolean;
  retries: boolean;
}

export interface NodeBadges {
  virtualService?: VsFeatures;
  circuitBreaker?: { destinationRule: string; connectionPool: boolean; outlierDetection: boolean };
  /** Live: endpoints of this node ejected by some caller's outlier detection. */
  ejectedEndpoints?: number;
  /** Live: connection-pool overflows (UO) in the last interval at some caller. */
  poolOverflows?: number;
}

export interface GraphNode {
  id: string;
  nodeType: NodeType;
  cluster: string;
  namespace: string;
  workload?: string;
  app?: string;
  version?: string;
  service?: string;
  isRoot?: boolean;
  isGateway?: boolean;
  isMirrorTarget?: boolean;
  /** A service node for a ServiceEntry host (Kiali's isServiceEntry; drawn as a plate). */
  isServiceEntry?: { name: string; namespace: string; location: 'MESH_EXTERNAL' | 'MESH_INTERNAL'; hosts: string[] };
  httpIn: HttpRates;
  httpOut: HttpRates;
  healthStatus: HealthStatus;
  badges: NodeBadges;
}

export interface ResponseDetail {
  /** Share of the edge's requests with this code, in %. */
  percent: number;
  flags: Record<string, number>;
  hosts: Record<string, number>;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  protocol: 'http';
  /** A mirror (shadow) copy edge; excluded from split percentages. */
  isMirror: boolean;
  rates: HttpRates;
  /** (NoResponse + 4xx + 5xx) / all × 100, one decimal. */
  httpPercentErr: number;
  /** Share of the source's (non-mirrored) outbound requests, one decimal; absent on mirror edges. */
  httpPercentReq?: number;
  /** p95 latency in ms (absent when not measured, as on edges into service nodes). */
  responseTime?: number;
  /** Request bytes per second. */
  throughput: number;
  responses: Record<string, ResponseDetail>;
  healthStatus: HealthStatus;
}

export interface Graph {
  timestamp: number;
  /** Window in seconds. */
  duration: number;
  graphType: GraphType;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** /ws/live frames: a full graph, or a patch against the previous frame this client got. */
export type LiveFrame =
  | { type: 'graph'; seq: number; graph: Graph }
  | {
      type: 'patch';
      seq: number;
      timestamp: number;
      upsertNodes: GraphNode[];
      removeNodes: string[];
      upsertEdges: GraphEdge[];
      removeEdges: string[];
    }
  | { type: 'error'; message: string };

/** /rudder/v1/metrics: what to chart (a workload, app, service or edge) and one step's numbers. */
export interface MetricsSelector {
  workload?: string;
  app?: string;
  version?: string;
  namespace?: string;
  /** Name (`reviews`) or FQDN of the destination service. */
  service?: string;
  /** Edge ends (workload names). */
  source?: string;
  destination?: string;
  /** Which side `workload`/`app`/`version`/`namespace` name (default inbound: the destination). */
  direction?: 'inbound' | 'outbound';
  /** `graph` (default): source-reported, plus destination-reported for unknown callers. */
  reporter?: 'source' | 'destination' | 'graph';
  mirrored?: 'exclude' | 'include' | 'only';
}

export interface MetricsPoint {
  /** Step start, epoch ms. */
  t: number;
  requests: number;
  rps: number;
  errors5xx: number;
  errorsNon2xx: number;
  /** Shares of requests in %. */
  errorRate5xx: number;
  errorRateNon2xx: number;
  p50?: number;
  p95?: number;
  p99?: number;
  /** Bytes per second. */
  requestThroughput: number;
  responseThroughput: number;
}

/** The answer of /rudder/v1/metrics: one point per step, and the whole window's total. */
export interface MetricsResult {
  from: number;
  until: number;
  stepSeconds: number;
  total: MetricsPoint;
  points: MetricsPoint[];
}
