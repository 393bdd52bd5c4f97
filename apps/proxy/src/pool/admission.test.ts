import { describe, expect, it } from 'vitest';
import { createAdmission, ISTIO_DEFAULT_LIMIT, poolLimits } from './admission.js';

describe('pool limits (istio cluster_traffic_policy.go getDefaultCircuitBreakerThresholds, applyConnectionPool)', () => {
  it('every threshold defaults to 2^32−1, Istio\'s override of Envoy\'s 1024/1024/1024/3', () => {
    expect(poolLimits(undefined)).toEqual({
      maxConnections: ISTIO_DEFAULT_LIMIT,
      maxPendingRequests: ISTIO_DEFAULT_LIMIT,
      maxRequests: ISTIO_DEFAULT_LIMIT,
      maxRetries: ISTIO_DEFAULT_LIMIT,
      maxRequestsPerConnection: 0,
    });
    expect(ISTIO_DEFAULT_LIMIT).toBe(4294967295);
  });

  it('maps tcp.maxConnections, http1MaxPendingRequests, http2MaxRequests, maxRetries; 0 means the default', () => {
    const limits = poolLimits({
      tcp: { maxConnections: 1 },
      http: { http1MaxPendingRequests: 2, http2MaxRequests: 3, maxRetries: 0, maxRequestsPerConnection: 1 },
    });
    expect(limits).toEqual({ maxConnections: 1, maxPendingRequests: 2, maxRequests: 3, maxRetries: ISTIO_DEFAULT_LIMIT, maxRequestsPerConnection: 1 });
  });
});

describe('admission (envoy conn_pool_base.cc newStreamImpl / attachStreamToClient; docs arch_overview/upstream/circuit_breaking)', () => {
  it('unlimited by default: requests queue for a new connection and attach when it connects', () => {
    const pool = createAdmission(undefined);
    expect(pool.admit('a')).toBe('queue');
    expect(pool.openConnection('a')).toBe(true);
    expect(pool.connected('a')).toBe('attach');
    expect(pool.state()).toMatchObject({ activeRequests: 1, pendingRequests: 0, connections: { total: 1, busy: 1 } });
  });

  it('an idle keep-alive connection is taken at once', () => {
    const pool = createAdmission(undefined);
    pool.admit('a');
    pool.openConnection('a');
    pool.connected('a');
    expect(pool.releaseRequest('a', true)).toBe('idle');
    expect(pool.admit('a')).toBe('now');
    expect(pool.state().connections).toEqual({ total: 1, connecting: 0, idle: 0, busy: 1 });
  });

  it('Istio circuit-breaking task (maxConnections 1, http1MaxPendingRequests 1): a second concurrent request overflows', () => {
    const pool = createAdmission({ tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 1, maxRequestsPerConnection: 1 } });
    expect(pool.admit('a')).toBe('queue'); // pending while its connection opens, as in Envoy
    expect(pool.openConnection('a')).toBe(true);
    expect(pool.admit('a')).toBe('overflow');
    expect(pool.state().overflows.pending).toBe(1);
  });

  it('tutorial 6.13 (http2MaxRequests 1): with one request active, the next one overflows when its connection is ready', () => {
    const pool = createAdmission({ tcp: { maxConnections: 2 }, http: { http2MaxRequests: 1, maxRequestsPerConnection: 1 } });
    pool.admit('a');
    pool.openConnection('a');
    expect(pool.connected('a')).toBe('attach');
    expect(pool.admit('b')).toBe('queue');
    expect(pool.openConnection('b')).toBe(true);
    expect(pool.connected('b')).toBe('overflow'); // the queued request gets 503 UO; the connection parks idle
    expect(pool.state()).toMatchObject({ activeRequests: 1, pendingRequests: 0, overflows: { requests: 1 } });
    expect(pool.admit('b')).toBe('overflow'); // idle connection, but still over max_requests
    expect(pool.releaseRequest('a', false)).toBe('closed');
    expect(pool.admit('b')).toBe('now');
  });

  it('at maxConnections a queued request waits for a busy connection to free up (upstream_cx_overflow, not an error)', () => {
    const pool = createAdmission({ tcp: { maxConnections: 1 } });
    pool.admit('a');
    pool.openConnection('a');
    pool.connected('a');
    expect(pool.admit('a')).toBe('queue');
    expect(pool.openConnection('a')).toBe(false);
    expect(pool.waitingHosts()).toEqual(['a']);
    expect(pool.releaseRequest('a', true)).toBe('attach'); // the freed connection goes to the queued request
    expect(pool.state()).toMatchObject({ activeRequests: 1, pendingRequests: 0, overflows: { connections: 1 } });
  });

  it('an endpoint with no connection may always open one, even at the destination\'s limit', () => {
    const pool = createAdmission({ tcp: { maxConnections: 1 } });
    pool.admit('a');
    pool.openConnection('a');
    expect(pool.admit('b')).toBe('queue');
    expect(pool.openConnection('b')).toBe(true);
    expect(pool.state().connections.total).toBe(2);
  });

  it('a queued request that gives up frees its pending slot; a failed connect frees its connection', () => {
    const pool = createAdmission({ http: { http1MaxPendingRequests: 1 } });
    pool.admit('a');
    pool.openConnection('a');
    pool.connectionClosed('a', 'connecting');
    pool.cancelPending('a');
    expect(pool.state()).toMatchObject({ pendingRequests: 0, connections: { total: 0 } });
    expect(pool.admit('a')).toBe('queue');
  });

  it('an idle connection closing (keep-alive timeout) is forgotten', () => {
    const pool = createAdmission(undefined);
    pool.admit('a');
    pool.openConnection('a');
    pool.connected('a');
    pool.releaseRequest('a', true);
    pool.connectionClosed('a', 'idle');
    expect(pool.state().connections).toEqual({ total: 0, connecting: 0, idle: 0, busy: 0 });
    expect(pool.admit('a')).toBe('queue');
  });

  it('maxRetries: a retry over the limit is skipped (upstream_rq_retry_overflow) until one finishes', () => {
    const pool = createAdmission({ http: { maxRetries: 1 } });
    expect(pool.tryAcquireRetry()).toBe(true);
    expect(pool.tryAcquireRetry()).toBe(false);
    pool.releaseRetry();
    expect(pool.tryAcquireRetry()).toBe(true);
    expect(pool.state()).toMatchObject({ activeRetries: 1, overflows: { retries: 1 } });
  });

  it('maxRequestsPerConnection: the Nth request on a connection is its last; 0 never is', () => {
    const limited = createAdmission({ http: { maxRequestsPerConnection: 2 } });
    const socket = {};
    expect([limited.lastRequestOnConnection(socket), limited.lastRequestOnConnection(socket)]).toEqual([false, true]);
    expect(limited.lastRequestOnConnection({})).toBe(false);
    const once = createAdmission({ http: { maxRequestsPerConnection: 1 } });
    expect(once.lastRequestOnConnection({})).toBe(true);
    const unlimited = createAdmission(undefined);
    const s = {};
    for (let i = 0; i < 100; i++) expect(unlimited.lastRequestOnConnection(s)).toBe(false);
  });

  it('a queued request dispatched onto a connection being set up stays pending until it is up (Envoy attaches streams on ready connections only)', () => {
    const pool = createAdmission({ tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 1, maxRequestsPerConnection: 1 } });
    expect(pool.admit('a')).toBe('queue');
    expect(pool.openConnection('a')).toBe(true);
    pool.dispatch('a');
    expect(pool.state()).toMatchObject({ activeRequests: 0, pendingRequests: 1, connections: { total: 1, connecting: 1 } });
    // Nothing waits in the queue any more, so no second connection is asked for it.
    expect(pool.waitingHosts()).toEqual([]);
    expect(pool.admit('a')).toBe('overflow'); // upstream_rq_pending_overflow, as in the istio.io task
    expect(pool.connectedFor('a')).toBe('attach');
    expect(pool.state()).toMatchObject({ activeRequests: 1, pendingRequests: 0, connections: { total: 1, connecting: 0, busy: 1 } });
    expect(pool.admit('a')).toBe('queue'); // now the pending slot is free again
  });

  it('a dispatched request whose connection never comes up gives back its pending slot and the connection', () => {
    const pool = createAdmission({ tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 1 } });
    pool.admit('a');
    pool.openConnection('a');
    pool.dispatch('a');
    pool.connectFailedFor('a');
    expect(pool.state()).toMatchObject({ activeRequests: 0, pendingRequests: 0, connections: { total: 0, connecting: 0 } });
    expect(pool.admit('a')).toBe('queue');
    expect(pool.openConnection('a')).toBe(true);
  });

  it('a dispatched request whose connection comes up past http2MaxRequests overflows; the connection is dropped', () => {
    const pool = createAdmission({ tcp: { maxConnections: 2 }, http: { http2MaxRequests: 1 } });
    pool.admit('a');
    pool.openConnection('a');
    pool.dispatch('a');
    expect(pool.connectedFor('a')).toBe('attach');
    pool.admit('b');
    pool.openConnection('b');
    pool.dispatch('b');
    expect(pool.connectedFor('b')).toBe('overflow');
    expect(pool.state()).toMatchObject({ activeRequests: 1, pendingRequests: 0, connections: { total: 1 }, overflows: { requests: 1 } });
  });

  it('two clients in parallel against maxConnections 1 / pending 1 / requests-per-connection 1 get a mix of admitted and overflowed', () => {
    const pool = createAdmission({ tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 1, maxRequestsPerConnection: 1 } });
    const outcomes: string[] = [];
    for (let round = 0; round < 5; round++) {
      const first = pool.admit('a');
      const second = pool.admit('a');
      outcomes.push(first, second);
      if (first === 'queue') {
        pool.openConnection('a');
        pool.connected('a');
        pool.releaseRequest('a', false); // requests-per-connection 1: the connection closes
      }
    }
    expect(outcomes.filter((o) => o === 'overflow')).toHaveLength(5);
    expect(pool.state()).toMatchObject({ activeRequests: 0, pendingRequests: 0, connections: { total: 0 } });
  });
});
