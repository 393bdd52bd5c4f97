// Load runs (/rudder/v1/loads): what the dashboard asks the server to run with `rudder load`,
// the live progress it streams, and the stored result — fortio's JSON (fortio/fortio
// periodic/periodic.go RunnerResults, fhttp/httprunner.go HTTPRunnerResults). Browser-safe types.

/** POST /rudder/v1/loads. Either `calls` (fortio -n) or `duration` (-t, Istio-style "10s"). */
export interface LoadRequest {
  url: string;
  /** fortio -c. */
  connections?: number;
  /** fortio -qps; 0 for as fast as possible. */
  qps?: number;
  calls?: number;
  duration?: string;
  /** Extra request headers (fortio -H), such as `end-user: tester`. */
  headers?: Record<string, string>;
}

/** The caps the server enforces; a request past one is refused naming the field. */
export const LOAD_LIMITS = { maxConnections: 64, maxDurationSeconds: 60, maxCalls: 100_000, maxQps: 10_000 } as const;

export type LoadState = 'running' | 'done' | 'stopped' | 'failed';

/** One line of the progress stream (`rudder load -progress`). */
export interface LoadProgress {
  calls: number;
  elapsedSeconds: number;
  qps: number;
  codes: Record<string, number>;
}

/** The figures a list of runs shows, taken from the result when the run ends. */
export interface LoadSummary {
  calls: number;
  actualQps: number;
  /** Milliseconds. */
  avgMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  codes: Record<string, number>;
  durationSeconds: number;
}

export interface LoadRun {
  id: string;
  /** The user who started it (token or session name; every dashboard session is `dashboard`). */
  owner: string;
  /**
   * In answers while it runs: true when the caller started it (the same API token or
   * dashboard session), whose one running load it is; absent once it has ended.
   */
  mine?: boolean;
  state: LoadState;
  request: Required<Pick<LoadRequest, 'url' | 'connections' | 'qps'>> & Pick<LoadRequest, 'calls' | 'duration' | 'headers'>;
  startedAt: string;
  finishedAt?: string;
  summary?: LoadSummary;
  /** Why it failed (the CLI's "Aborting because of …" line, or how it ended). */
  error?: string;
  /** The last progress line while it runs. */
  progress?: LoadProgress;
}

/** fortio's stats.Bucket: [Start, End] with the cumulative Percent and this bucket's Count. */
export interface FortioBucket {
  Start: number;
  End: number;
  Percent: number;
  Count: number;
}

export interface FortioPercentile {
  Percentile: number;
  Value: number;
}

/** fortio's stats.HistogramData, field for field (Percentiles omitted when none were asked for). */
export interface FortioHistogramData {
  Count: number;
  Min: number;
  Max: number;
  Sum: number;
  Avg: number;
  StdDev: number;
  Data: FortioBucket[];
  Percentiles?: FortioPercentile[];
}

/**
 * fortio's JSON result (fhttp.HTTPRunnerResults), as `rudder load -json` writes it and the
 * server stores it: field names and order as Go marshals them, so fortio's tools read it too.
 */
export interface FortioResult {
  RunType: 'HTTP';
  Labels: string;
  StartTime: string;
  RequestedQPS: string;
  RequestedDuration: string;
  ActualQPS: number;
  /** Nanoseconds, as Go marshals a time.Duration. */
  ActualDuration: number;
  NumThreads: number;
  Version: string;
  DurationHistogram: FortioHistogramData;
  ErrorsDurationHistogram: FortioHistogramData;
  Exactly: number;
  Jitter: boolean;
  Uniform: boolean;
  NoCatchUp: boolean;
  /** Rudder's extension: DurationHistogram is coordinated-omission corrected. */
  CoCorrected: boolean;
  RunID: number;
  AccessLoggerInfo: string;
  ID: string;
  RetCodes: Record<string, number>;
  IPCountMap: Record<string, number>;
  URL: string;
  Sizes: FortioHistogramData;
  HeaderSizes: FortioHistogramData;
  Sockets: number[];
  SocketCount: number;
  ConnectionStats: FortioHistogramData;
  AbortOn: number;
  [option: string]: unknown;
}

/** GET /rudder/v1/loads/{id}: the run and, once it ended, fortio's JSON. */
export interface LoadRunDetail extends LoadRun {
  result?: FortioResult;
}

/** One NDJSON line of GET /rudder/v1/loads/{id}/progress. */
export type LoadEvent = { type: 'progress'; progress: LoadProgress } | { type: 'end'; run: LoadRun };
