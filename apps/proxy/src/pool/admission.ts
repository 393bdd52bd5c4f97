// Circuit breaking for one destination: Envoy's connection-pool admission with Istio's limits
// (envoy source/common/conn_pool/conn_pool_base.cc newStreamImpl, attachStreamToClient,
// tryCreateNewConnection; docs arch_overview/upstream/circuit_breaking; istio/istio
// pilot/pkg/networking/core/cluster_traffic_policy.go applyConnectionPool).
//
// Limits are per destination (host|port|subset), summed over its endpoints. Istio raises every
// Envoy default (1024 connections, 1024 pending, 1024 requests, 3 retries) to 2^32−1, and a
// setting of 0 means "the default". A new request to an endpoint (HTTP/1.1: one request per
// connection at a time):
//   1. an idle connection to it exists → max_requests (http2MaxRequests, HTTP/1.1 too) decides:
//      'now' (take it), or 'overflow';
//   2. otherwise it waits: http1MaxPendingRequests decides 'queue' or 'overflow'. A queued request
//      asks openConnection(); under tcp.maxConnections — or when the endpoint has no connection at
//      all — one is opened, else it waits for a busy one to free up (Envoy's upstream_cx_overflow,
//      not an error). When a connection becomes ready, connectionReady() attaches the next queued
//      request, subject to max_requests again.
// A queued request given a new connection stays pending while that connection is being set
// up (Envoy attaches a stream only once its connection is ready): dispatch() hands it the
// connection, connectedFor() attaches it when the socket is up (subject to max_requests), and
// connectFailedFor() undoes both when it never came up. So the istio.io circuit-breaking task
// (maxConnections 1, http1MaxPendingRequests 1, maxRequestsPerConnection 1) overflows at two
// clients as it does in Envoy: a request arriving while another waits for its connection.
// 'overflow' is a local reply: 503, `x-envoy-overloaded: true`, flag UO, body "upstream connect
// error or disconnect/reset before headers. reset reason: overflow" — never retried, never fed to
// outlier detection. The caller keeps the queue (one FIFO per endpoint) and the sockets; this
// module only counts and decides.
import type { DestinationRuleSpec } from '@rudder/shared/kinds';

type TrafficPolicy = NonNullable<DestinationRuleSpec['trafficPolicy']>;
export type ConnectionPoolSettings = NonNullable<TrafficPolicy['connectionPool']>;

/** math.MaxUint32: Istio's value for every circuit-breaker threshold it does not get. */
export const ISTIO_DEFAULT_LIMIT = 2 ** 32 - 1;

export interface PoolLimits {
  maxConnections: number;
  maxPendingRequests: number;
  maxRequests: number;
  maxRetries: number;
  /** Requests per connection before it closes; 0 = unlimited (1 turns keep-alive off). */
  maxRequestsPerConnection: number;
}

export function poolLimits(settings: ConnectionPoolSettings | undefined): PoolLimits {
  const limit = (value: number | undefined) => (value !== undefined && value > 0 ? value : ISTIO_DEFAULT_LIMIT);
  return {
    maxConnections: limit(settings?.tcp?.maxConnections),
    maxPendingRequests: limit(settings?.http?.http1MaxPendingRequests),
    maxRequests: limit(settings?.http?.http2MaxRequests),
    maxRetries: limit(settings?.http?.maxRetries),
    maxRequestsPerConnection: Math.max(0, settings?.http?.maxRequestsPerConnection ?? 0),
  };
}

export type AdmitDecision = 'now' | 'queue' | 'overflow';
/** For a connection that became ready: give it to the next queued request, refuse every queued one, or park it. */
export type ReadyDecision = 'attach' | 'overflow' | 'idle';

export interface AdmissionState {
  limits: PoolLimits;
  activeRequests: number;
  pendingRequests: number;
  activeRetries: number;
  connections: { total: number; connecting: number; idle: number; busy: number };
  /** Envoy's upstream_rq_pending_overflow (pending), active-request overflow, upstream_cx_overflow, upstream_rq_retry_overflow. */
  overflows: { requests: number; pending: number; connections: number; retries: number };
}

export interface Admission {
  readonly limits: PoolLimits;
  /** A new request to `host`: on 'now' it holds an active slot on an idle connection; on 'queue' a pending slot. */
  admit(host: string): AdmitDecision;
  /** For a queued request: may a connection to `host` be opened? true counts it as connecting. */
  openConnection(host: string): boolean;
  /** A connection to `host` finished connecting. */
  connected(host: string): ReadyDecision;
  /** The active request on `host` finished; `reuse` keeps its connection (keep-alive), else it closes. */
  releaseRequest(host: string, reuse: boolean): ReadyDecision | 'closed';
  /** An idle connection closed, or a connect attempt failed. */
  connectionClosed(host: string, was: 'idle' | 'connecting'): void;
  /** A queued request gave up (client gone, timeout, its connect failed). */
  cancelPending(host: string): void;
  /** openConnection() said yes for a queued request: it rides that connection, still pending until it is up. */
  dispatch(host: string): void;
  /** The dispatched request's connection is up: 'attach' it, or 'overflow' over max_requests (its connection is dropped). */
  connectedFor(host: string): 'attach' | 'overflow';
  /** The dispatched request ended before its connection came up (connect failure, timeout, client gone). */
  connectFailedFor(host: string): void;
  /** Endpoints with queued requests and no connection on the way for them: try openConnection again. */
  waitingHosts(): readonly string[];
  /** A retry about to be scheduled; false = over maxRetries (skip it, keep the original failure). */
  tryAcquireRetry(): boolean;
  /** The retry's attempt has its result (or the request ended). */
  releaseRetry(): void;
  /** Count a request sent on `connection`; true when it is the last maxRequestsPerConnection allows (send `Connection: close`). */
  lastRequestOnConnection(connection: object): boolean;
  state(): AdmissionState;
}

interface HostPool {
  connecting: number;
  idle: number;
  busy: number;
  /** Queued requests waiting for a connection. */
  pending: number;
  /** Requests given a connection still being set up (counted in the destination's pending). */
  dispatched: number;
}

const NONE_WAITING: string[] = [];

export function createAdmission(settings: ConnectionPoolSettings | undefined): Admission {
  const limits = poolLimits(settings);
  const hosts = new Map<string, HostPool>();
  const served = new WeakMap<object, number>();
  let active = 0;
  let pending = 0;
  let connections = 0;
  let retries = 0;
  const overflows = { requests: 0, pending: 0, connections: 0, retries: 0 };

  const pool = (host: string): HostPool => {
    let p = hosts.get(host);
    if (!p) {
      p = { connecting: 0, idle: 0, busy: 0, pending: 0, dispatched: 0 };
      hosts.set(host, p);
    }
    return p;
  };
  const forget = (host: string, p: HostPool) => {
    if (p.connecting + p.idle + p.busy + p.pending + p.dispatched === 0) hosts.delete(host);
  };

  // onUpstreamReady → attachStreamToClient: max_requests is checked when a queued request gets a
  // connection; over it, Envoy fails every queued request with Overflow and the connection stays ready.
  const ready = (p: HostPool): ReadyDecision => {
    if (p.pending === 0) {
      p.idle++;
      return 'idle';
    }
    if (active >= limits.maxRequests) {
      overflows.requests += p.pending;
      pending -= p.pending;
      p.pending = 0;
      p.idle++;
      return 'overflow';
    }
    p.pending--;
    pending--;
    p.busy++;
    active++;
    return 'attach';
  };

  return {
    limits,
    admit(host) {
      const p = pool(host);
      if (p.idle > 0) {
        if (active >= limits.maxRequests) {
          overflows.requests++;
          return 'overflow';
        }
        p.idle--;
        p.busy++;
        active++;
        return 'now';
      }
      if (pending >= limits.maxPendingRequests) {
        overflows.pending++;
        forget(host, p);
        return 'overflow';
      }
      p.pending++;
      pending++;
      return 'queue';
    },
    openConnection(host) {
      const p = pool(host);
      const hasNone = p.connecting + p.idle + p.busy === 0;
      if (connections >= limits.maxConnections && !hasNone) {
        overflows.connections++;
        return false;
      }
      p.connecting++;
      connections++;
      return true;
    },
    connected(host) {
      const p = pool(host);
      if (p.connecting > 0) p.connecting--;
      else connections++; // a connection nobody announced: count it anyway
      return ready(p);
    },
    releaseRequest(host, reuse) {
      const p = pool(host);
      if (p.busy === 0) return reuse ? 'idle' : 'closed'; // nothing was active here: nothing to release
      p.busy--;
      active--;
      if (reuse) return ready(p);
      connections--;
      forget(host, p);
      return 'closed';
    },
    connectionClosed(host, was) {
      const p = hosts.get(host);
      if (!p || p[was] === 0) return;
      p[was]--;
      connections--;
      forget(host, p);
    },
    cancelPending(host) {
      const p = hosts.get(host);
      if (!p || p.pending === 0) return;
      p.pending--;
      pending--;
      forget(host, p);
    },
    dispatch(host) {
      const p = pool(host);
      if (p.pending === 0) return;
      p.pending--;
      p.dispatched++;
    },
    connectedFor(host) {
      const p = pool(host);
      if (p.connecting > 0) p.connecting--;
      if (p.dispatched > 0) {
        p.dispatched--;
        pending--;
      }
      if (active >= limits.maxRequests) {
        overflows.requests++;
        connections--;
        forget(host, p);
        return 'overflow';
      }
      p.busy++;
      active++;
      return 'attach';
    },
    connectFailedFor(host) {
      const p = hosts.get(host);
      if (!p || p.dispatched === 0) return;
      p.dispatched--;
      pending--;
      if (p.connecting > 0) {
        p.connecting--;
        connections--;
      }
      forget(host, p);
    },
    waitingHosts() {
      // Asked after every finished request: with nothing queued (nearly always) it allocates nothing.
      if (pending === 0) return NONE_WAITING;
      const waiting: string[] = [];
      // Connections being set up belong to the requests dispatched on them, not to the queue.
      for (const [host, p] of hosts) if (p.pending > p.connecting - p.dispatched) waiting.push(host);
      return waiting;
    },
    tryAcquireRetry() {
      if (retries >= limits.maxRetries) {
        overflows.retries++;
        return false;
      }
      retries++;
      return true;
    },
    releaseRetry() {
      if (retries > 0) retries--;
    },
    lastRequestOnConnection(connection) {
      const count = (served.get(connection) ?? 0) + 1;
      served.set(connection, count);
      return limits.maxRequestsPerConnection > 0 && count >= limits.maxRequestsPerConnection;
    },
    state() {
      let connecting = 0;
      let idle = 0;
      let busy = 0;
      for (const p of hosts.values()) {
        connecting += p.connecting;
        idle += p.idle;
        busy += p.busy;
      }
      return {
        limits,
        activeRequests: active,
        pendingRequests: pending,
        activeRetries: retries,
        connections: { total: connections, connecting, idle, busy },
        overflows: { ...overflows },
      };
    },
  };
}
