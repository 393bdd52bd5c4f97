// fortio's JSON result, field names and order as Go marshals fhttp.HTTPRunnerResults (fortio/fortio
// periodic/periodic.go RunnerResults, fhttp/httprunner.go HTTPRunnerResults, fhttp/http_client.go
// HTTPOptions), so fortio's tools and our dashboard read the same document.
import type { FortioResult } from '@rudder/shared/protocol';
import type { HttpLoadResult } from './http-runner.js';
import { VERSION } from './report.js';

export type { FortioResult };

export interface JsonOptions {
  url: string;
  labels: string;
  percentiles: readonly number[];
  jitter: boolean;
  uniform: boolean;
  noCatchUp: boolean;
  coCorrect: boolean;
  timeoutNs: number;
  contentType: string;
  payload: Buffer | undefined;
  method: string;
  insecure: boolean;
}


/** Go's RFC 3339 with nanoseconds in the local zone: 2022-03-19T15:34:23.279389-07:00. */
export function goTime(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const off = -d.getTimezoneOffset();
  const zone = off === 0 ? 'Z' : `${off < 0 ? '-' : '+'}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
  const ms = d.getMilliseconds() === 0 ? '' : `.${p(d.getMilliseconds(), 3).replace(/0+$/, '')}`;
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}${ms}${zone}`;
}

/** RunnerOptions.GenID: YYYY-MM-DD-HHmmSS plus the labels' alphanumerics, at most 96 bytes. */
export function runId(d: Date, labels: string): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const base = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
  const alnum = labels.replace(/[^a-zA-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return (alnum === '' ? base : `${base}_${alnum}`).slice(0, 96);
}

export function toFortioJson(r: HttpLoadResult, o: JsonOptions): FortioResult {
  const retCodes: Record<string, number> = {};
  for (const [code, n] of [...r.retCodes].sort((a, b) => a[0] - b[0])) retCodes[String(code)] = n;
  const ipCounts: Record<string, number> = {};
  for (const c of r.connections) for (const [k, v] of c.addresses) ipCounts[k] = (ipCounts[k] ?? 0) + v;
  const sockets = r.connections.map((c) => c.sockets);
  let requestedDuration = r.plan.requestedDuration;
  if (r.plan.useExactly && r.duration.counter.count !== r.plan.exactly) {
    requestedDuration += `, interrupted after ${r.duration.counter.count}`;
  }
  return {
    RunType: 'HTTP',
    Labels: o.labels,
    StartTime: goTime(r.startTime),
    RequestedQPS: r.plan.requestedQps,
    RequestedDuration: requestedDuration,
    ActualQPS: r.actualQps,
    ActualDuration: Math.round(r.elapsedNs),
    NumThreads: r.plan.numThreads,
    Version: VERSION,
    DurationHistogram: r.duration.export(o.percentiles),
    ErrorsDurationHistogram: r.errors.export(o.percentiles),
    Exactly: r.plan.exactly,
    Jitter: o.jitter,
    Uniform: o.uniform,
    NoCatchUp: o.noCatchUp,
    CoCorrected: o.coCorrect,
    RunID: 0,
    AccessLoggerInfo: '',
    ID: runId(r.startTime, o.labels),
    RetCodes: retCodes,
    IPCountMap: ipCounts,
    Insecure: o.insecure,
    MTLS: false,
    CACert: '',
    Cert: '',
    Key: '',
    UnixDomainSocket: '',
    URL: o.url,
    NumConnections: 1,
    Compression: false,
    DisableFastClient: false,
    HTTP10: false,
    H2: false,
    DisableKeepAlive: false,
    AllowHalfClose: false,
    FollowRedirects: false,
    Resolve: '',
    HTTPReqTimeOut: o.timeoutNs,
    UserCredentials: '',
    ContentType: o.contentType,
    // Go marshals []byte as base64, nil as null
    Payload: o.payload ? o.payload.toString('base64') : null,
    MethodOverride: o.method === 'GET' || o.method === 'POST' ? '' : o.method,
    LogErrors: false,
    SequentialWarmup: false,
    ConnReuseRange: [0, 0],
    NoResolveEachConn: false,
    Offset: 0,
    Resolution: 0.001,
    Sizes: r.sizes.export(),
    HeaderSizes: r.headerSizes.export(),
    Sockets: sockets,
    SocketCount: sockets.reduce((a, b) => a + b, 0),
    ConnectionStats: r.connectStats.export(o.percentiles),
    AbortOn: 0,
  };
}
