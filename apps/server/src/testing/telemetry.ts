// Test helpers for telemetry: build TelemetryBatches from plain request lists (as a proxy's
// aggregator would fold them), send them over a real /ws/telemetry socket, and open /ws/live.
import { bucketIndex, type EdgeAggregate, type EdgeKey, HISTOGRAM_SIZE, type Span, type TelemetryBatch, type WorkloadIdentity } from '@rudder/shared/protocol';
import WebSocket from 'ws';

export const peer = (workload: string, namespace = 'default'): WorkloadIdentity => {
  if (workload === 'unknown') return { workload, namespace: 'unknown', app: 'unknown', version: 'unknown' };
  if (workload === 'istio-ingressgateway') return { workload, namespace: 'istio-system', app: workload, version: 'unknown' };
  const [app = workload, version = 'unknown'] = workload.split('-');
  return { workload, namespace, app, version };
};

export interface Req {
  reporter?: 'source' | 'destination';
  from: string;
  to?: string;
  service: string;
  code?: number;
  flags?: string;
  ms?: number;
  mirrored?: boolean;
  requestBytes?: number;
  responseBytes?: number;
}

/** Folds requests into per-edge aggregates exactly as the proxy does. */
export function aggregate(requests: readonly Req[]): EdgeAggregate[] {
  const edges = new Map<string, EdgeAggregate>();
  const hist = () => ({ counts: new Array<number>(HISTOGRAM_SIZE).fill(0), sum: 0 });
  const observe = (h: EdgeAggregate['duration'], v: number) => {
    h.counts[bucketIndex(v)] = (h.counts[bucketIndex(v)] as number) + 1;
    h.sum += v;
  };
  for (const r of requests) {
    const key: EdgeKey = {
      reporter: r.reporter ?? 'source',
      source: peer(r.from),
      destination: peer(r.to ?? 'unknown'),
      destinationService: r.service === 'unknown' ? 'unknown' : `${r.service}.default.svc.cluster.local`,
      destinationServiceName: r.service,
      destinationServiceNamespace: r.service === 'unknown' ? 'unknown' : 'default',
      responseCode: r.code ?? 200,
      responseFlags: r.flags ?? '-',
      mirrored: r.mirrored ?? false,
    };
    const id = JSON.stringify(key);
    let e = edges.get(id);
    if (!e) {
      e = { ...key, requests: 0, duration: hist(), requestBytes: hist(), responseBytes: hist() };
      edges.set(id, e);
    }
    e.requests++;
    observe(e.duration, r.ms ?? 5);
    observe(e.requestBytes, r.requestBytes ?? 0);
    observe(e.responseBytes, r.responseBytes ?? 100);
  }
  return [...edges.values()];
}

let seq = 0;
export function batch(requests: readonly Req[], extra: Partial<TelemetryBatch> = {}, end = Date.now()): TelemetryBatch {
  return {
    type: 'batch',
    proxy: 'test-proxy',
    seq: ++seq,
    start: end - 1000,
    end,
    edges: aggregate(requests),
    spans: [] as Span[],
    destinations: [],
    logs: [],
    dropped: { batches: 0, records: 0, spans: 0, logLines: 0 },
    ...extra,
  };
}

/** Opens a WebSocket; `onMessage` is attached before the upgrade completes, so no early frame is missed. */
export async function openSocket(url: string, path: string, token?: string, onMessage?: (text: string) => void): Promise<WebSocket> {
  const ws = new WebSocket(url.replace(/^http/, 'ws') + path, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  if (onMessage) ws.on('message', (data) => onMessage(data.toString()));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade answered ${res.statusCode}`)));
  });
  return ws;
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
