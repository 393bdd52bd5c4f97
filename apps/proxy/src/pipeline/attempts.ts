// The attempt loop (Envoy's router): pick an endpoint (another one on a retry when any
// remains), pass pool admission, forward, and decide on a retry by the route's policy
// with jittered back-off; the route timeout bounds the whole sequence (504 UT).
// https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/router_filter
import type { OutgoingHttpHeaders } from 'node:http';
import type { ResolvedDestination } from '@rudder/shared/routing';
import type { HTTPRetry } from '@rudder/shared/kinds';
import { createHashKey } from '../balance/index.js';
import type { BalancedEndpoint, DestinationState } from '../destination/state.js';
import { createBackoff } from './backoff.js';
import { localReply, type RequestContext, type StageResult } from './context.js';
import type { AttemptOutcome, Forwarder } from './forward.js';
import { sendUpstreamResponse } from './respond.js';
import { compileRetryPolicy, type RetryPolicy } from './retry-policy.js';
import { splitQuery } from './rewrite.js';
import { parseDuration } from '@rudder/shared/values';

export interface Endpointish {
  address: string;
  port: number;
}

interface AttemptDeps {
  random: () => number;
  now: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  forwarder: Forwarder;
}

export interface AttemptTarget {
  state?: DestinationState;
  resolved?: ResolvedDestination;
  timeoutMs?: number;
  endpoints: () => readonly (BalancedEndpoint | Endpointish)[];
  onOutcome?: (key: string, outcome: { status?: number; localOrigin?: boolean; local?: boolean }) => void;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const hashers = new WeakMap<object, ReturnType<typeof createHashKey>>();

/** One hash-key function per consistentHash policy object (compiled once per table). */
function hasherFor(policy: Parameters<typeof createHashKey>[0], random: () => number) {
  let hasher = hashers.get(policy);
  if (!hasher) {
    hasher = createHashKey(policy, { random });
    hashers.set(policy, hasher);
  }
  return hasher;
}
/** Compiled per rule (or per table for default routes), apart for consistent-hash destinations. */
const policies = { plain: new WeakMap<object, RetryPolicy | null>(), hashed: new WeakMap<object, RetryPolicy | null>() };

/** Istio's default retry policy applies when a route sets none (route/retry/retry.go). */
function retryPolicyOf(ctx: RequestContext, consistentHash: boolean): RetryPolicy | undefined {
  const spec = ctx.rule?.spec;
  const key = (spec ?? ctx.table) as object;
  const cache = consistentHash ? policies.hashed : policies.plain;
  let policy = cache.get(key);
  if (policy === undefined) {
    policy = compileRetryPolicy(spec?.retries as HTTPRetry | undefined, { consistentHash }) ?? null;
    cache.set(key, policy);
  }
  return policy ?? undefined;
}

export async function sendAttempts(ctx: RequestContext, deps: AttemptDeps, clientSignal: AbortSignal, target: AttemptTarget): Promise<StageResult> {
  const { state } = target;
  const lb = target.resolved?.policy?.loadBalancer;
  // Passthrough (no destination) has no retry policy; routes and default routes get Istio's.
  const policy = target.resolved ? retryPolicyOf(ctx, Boolean(lb?.consistentHash)) : undefined;
  const hash = lb?.consistentHash
    ? hasherFor(lb.consistentHash, deps.random)({ headers: ctx.headers, query: new URLSearchParams(splitQuery(ctx.path)[1]), sourceIp: ctx.req.socket.remoteAddress ?? '' })
    : undefined;
  if (hash?.setCookie) ctx.responseHeaderOps.push({ add: { 'set-cookie': hash.setCookie } });
  // Istio's routes have no timeout by default: then the client's signal alone, nothing allocated.
  const timeout = target.timeoutMs ? new AbortController() : undefined;
  const timer = timeout ? setTimeout(() => timeout.abort(), target.timeoutMs) : undefined;
  const signal = timeout ? AbortSignal.any([clientSignal, timeout.signal]) : clientSignal;
  const backoff = createBackoff({ random: deps.random, ...(policy ? { baseMs: policy.backoffBaseMs, maxMs: policy.backoffMaxMs } : {}) });
  const tried = new Set<string>();
  const { connectTimeoutMs, maxRequestsPerConnection, sockets } = connectionSettings(target.resolved);
  const expectedMs = expectedTimeout(target.timeoutMs, policy?.perTryTimeoutMs);
  const retrySlot = { held: false };
  try {
    for (let attempt = 1; ; attempt++) {
      const all = target.endpoints();
      const healthy = state?.outlier ? state.outlier.healthyHosts(all as BalancedEndpoint[]) : all;
      if (healthy.length === 0) return localReply(503, 'UH');
      const chosen = state
        ? state.balancer.pick(healthy as BalancedEndpoint[], hash ? { hashKey: hash.key } : {}, policy?.retryIgnorePreviousHosts !== false ? tried : undefined)
        : (healthy[0] as Endpointish);
      if (!chosen) return localReply(503, 'UH');
      const endpoint = 'endpoint' in chosen ? chosen.endpoint : chosen;
      const key = `${endpoint.address}:${endpoint.port}`;
      tried.add(key);
      if (state && (await state.queue.acquire(key, signal)) === 'overflow') {
        if (timeout?.signal.aborted) return localReply(504, 'UT', 'upstream request timeout');
        return clientSignal.aborted ? undefined : localReply(503, 'UO');
      }
      if ('endpoint' in chosen) ctx.endpoint = chosen.endpoint;
      ctx.attempts = attempt;
      state?.balancer.onStart(key);
      const started = deps.now();
      // The balancer's active count and the pool slot are released in settle(), when the
      // response has been relayed: Envoy counts a request active until its stream completes.
      const outcome: AttemptOutcome = await deps.forwarder.attempt(ctx.req, ctx.res, {
          address: endpoint.address,
          port: endpoint.port,
          path: ctx.path,
          method: ctx.method,
          headers: upstreamHeaders(ctx, attempt, expectedMs),
          body: ctx.body as NonNullable<RequestContext['body']>,
          connectTimeoutMs,
          ...(policy?.perTryTimeoutMs ? { perTryTimeoutMs: policy.perTryTimeoutMs } : {}),
          maxRequestsPerConnection,
          ...sockets,
        }, signal);
      const result = await settle(ctx, deps, { outcome, attempt, key, started, policy, target, state, backoff, closes: maxRequestsPerConnection === 1, retrySlot, signal, timeout: timeout?.signal, clientSignal });
      if (result !== 'retry') return result;
    }
  } finally {
    if (timer) clearTimeout(timer);
    if (retrySlot.held) state?.admission.releaseRetry();
  }
}

interface SettleInput {
  outcome: AttemptOutcome;
  attempt: number;
  key: string;
  started: number;
  policy: RetryPolicy | undefined;
  target: AttemptTarget;
  state: DestinationState | undefined;
  backoff: ReturnType<typeof createBackoff>;
  /** maxRequestsPerConnection 1: the connection closes after each request, never reused. */
  closes: boolean;
  /** Whether this request holds one of the destination's maxRetries slots (Envoy's retries() resource). */
  retrySlot: { held: boolean };
  signal: AbortSignal;
  /** The route timeout's signal, when the route has a timeout. */
  timeout: AbortSignal | undefined;
  clientSignal: AbortSignal;
}

/**
 * What one attempt's outcome means: the answer, a local reply, or another try. As Envoy's
 * RetryStateImpl::shouldRetry: out of attempts → URX; the destination's maxRetries in use →
 * no retry and UO; otherwise a retry slot is held until the retry's own outcome is known.
 */
async function settle(ctx: RequestContext, deps: AttemptDeps, s: SettleInput): Promise<StageResult | 'retry'> {
  const { outcome, policy, state } = s;
  if (s.retrySlot.held) {
    s.retrySlot.held = false;
    state?.admission.releaseRetry();
  }
  const response = outcome.kind === 'response' ? outcome.response : undefined;
  const status = response?.statusCode;
  const reuse = outcome.kind === 'response' && !s.closes;
  if (outcome.kind !== 'aborted') {
    s.target.onOutcome?.(s.key, response ? { status: status ?? 0 } : { localOrigin: true });
  }
  const retriable =
    outcome.kind !== 'aborted' &&
    policy?.shouldRetry(
      response
        ? { status: status ?? 0, headers: response.headers }
        : { connectFailure: outcome.kind === 'connect-failure', reset: outcome.kind === 'reset', perTryTimeout: outcome.kind === 'per-try-timeout' },
    ) === true;
  let retry = false;
  if (retriable && policy && ctx.body?.replayable === true && !s.signal.aborted) {
    if (s.attempt > policy.attempts) ctx.flags.add('URX');
    else if (state && !state.admission.tryAcquireRetry()) ctx.flags.add('UO');
    else retry = true;
  }
  if (retry) {
    s.retrySlot.held = state !== undefined;
    response?.resume();
    release(state, s.key, reuse);
    await deps.sleep(s.backoff.next(), s.signal);
    if (!s.signal.aborted) return 'retry';
  } else if (!response || s.signal.aborted) {
    release(state, s.key, reuse && !s.timeout?.aborted);
  }
  if (response && !s.signal.aborted) {
    ctx.upstreamMs = deps.now() - s.started;
    // Released once the body is through (LEAST_REQUEST and the pool count it until then).
    await sendUpstreamResponse(ctx, response).finally(() => release(state, s.key, reuse && !s.timeout?.aborted));
    return undefined;
  }
  response?.resume();
  if (s.timeout?.aborted) return localReply(504, 'UT', 'upstream request timeout');
  if (s.clientSignal.aborted) return undefined;
  if (outcome.kind === 'connect-failure') return localReply(503, 'UF');
  if (outcome.kind === 'per-try-timeout') return localReply(504, 'UT', 'upstream request timeout');
  return localReply(503, 'UC');
}

/** The attempt is over for the balancer's active count and the pool (`reused`: its connection stays open). */
function release(state: DestinationState | undefined, key: string, reused: boolean) {
  state?.balancer.onEnd(key);
  state?.queue.release(key, reused);
}

/** Envoy's FilterUtility::finalTimeout: the per-try timeout when set and below the route timeout, else the route timeout. */
function expectedTimeout(timeoutMs: number | undefined, perTryMs: number | undefined): number | undefined {
  return perTryMs && (!timeoutMs || perTryMs < timeoutMs) ? perTryMs : timeoutMs;
}

function upstreamHeaders(ctx: RequestContext, attempt: number, expectedMs: number | undefined): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { ...ctx.headers, 'x-envoy-attempt-count': String(attempt) };
  if (expectedMs) headers['x-envoy-expected-rq-timeout-ms'] = String(expectedMs);
  return headers;
}

interface ConnectionSettings {
  connectTimeoutMs: number;
  maxRequestsPerConnection: number;
  /** connectionPool.http.idleTimeout and tcp.tcpKeepalive.time, when the DestinationRule sets them. */
  sockets: { idleTimeoutMs?: number; tcpKeepaliveMs?: number };
}

const DEFAULT_CONNECTION_SETTINGS: ConnectionSettings = { connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS, maxRequestsPerConnection: 0, sockets: {} };
/** Read once per compiled connectionPool (it lives as long as its route table), not per request. */
const connectionSettingsCache = new WeakMap<object, ConnectionSettings>();

function connectionSettings(resolved: ResolvedDestination | undefined): ConnectionSettings {
  const pool = resolved?.policy?.connectionPool;
  if (!pool) return DEFAULT_CONNECTION_SETTINGS;
  let settings = connectionSettingsCache.get(pool);
  if (!settings) {
    const ms = (text: string | undefined) => (text ? parseDuration(text) : undefined);
    const connect = ms(pool.tcp?.connectTimeout);
    const idle = ms(pool.http?.idleTimeout);
    const keepalive = ms(pool.tcp?.tcpKeepalive?.time);
    settings = {
      connectTimeoutMs: connect !== undefined && connect > 0 ? connect : DEFAULT_CONNECT_TIMEOUT_MS,
      maxRequestsPerConnection: pool.http?.maxRequestsPerConnection ?? 0,
      sockets: { ...(idle ? { idleTimeoutMs: idle } : {}), ...(keepalive ? { tcpKeepaliveMs: keepalive } : {}) },
    };
    connectionSettingsCache.set(pool, settings);
  }
  return settings;
}
