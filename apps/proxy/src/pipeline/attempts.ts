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
const policies = new WeakMap<object, RetryPolicy | null>();

/** Istio's default retry policy applies when a route sets none (route/retry/retry.go). */
function retryPolicyOf(ctx: RequestContext, consistentHash: boolean): RetryPolicy | undefined {
  const spec = ctx.rule?.spec;
  const key = (spec ?? ctx.table) as object;
  let policy = policies.get(key);
  if (policy === undefined) {
    policy = compileRetryPolicy(spec?.retries as HTTPRetry | undefined, { consistentHash }) ?? null;
    policies.set(key, policy);
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
  const timeout = new AbortController();
  const timer = target.timeoutMs ? setTimeout(() => timeout.abort(), target.timeoutMs) : undefined;
  const signal = AbortSignal.any([clientSignal, timeout.signal]);
  const backoff = createBackoff({ random: deps.random, ...(policy ? { baseMs: policy.backoffBaseMs, maxMs: policy.backoffMaxMs } : {}) });
  const tried = new Set<string>();
  const connectTimeoutMs = connectTimeout(target.resolved);
  const maxRequestsPerConnection = target.resolved?.policy?.connectionPool?.http?.maxRequestsPerConnection ?? 0;
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
        if (timeout.signal.aborted) return localReply(504, 'UT', 'upstream request timeout');
        return clientSignal.aborted ? undefined : localReply(503, 'UO');
      }
      if ('endpoint' in chosen) ctx.endpoint = chosen.endpoint;
      ctx.attempts = attempt;
      state?.balancer.onStart(key);
      const started = deps.now();
      let outcome: AttemptOutcome;
      try {
        outcome = await deps.forwarder.attempt(ctx.req, ctx.res, {
          address: endpoint.address,
          port: endpoint.port,
          path: ctx.path,
          method: ctx.method,
          headers: upstreamHeaders(ctx, attempt, target.timeoutMs),
          body: ctx.body as NonNullable<RequestContext['body']>,
          connectTimeoutMs,
          ...(policy?.perTryTimeoutMs ? { perTryTimeoutMs: policy.perTryTimeoutMs } : {}),
          maxRequestsPerConnection,
        }, signal);
      } finally {
        state?.balancer.onEnd(key);
      }
      const result = await settle(ctx, deps, { outcome, attempt, key, started, policy, target, state, backoff, signal, timeout: timeout.signal, clientSignal });
      if (result !== 'retry') return result;
    }
  } finally {
    if (timer) clearTimeout(timer);
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
  signal: AbortSignal;
  timeout: AbortSignal;
  clientSignal: AbortSignal;
}

/** What one attempt's outcome means: the answer, a local reply, or another try. */
async function settle(ctx: RequestContext, deps: AttemptDeps, s: SettleInput): Promise<StageResult | 'retry'> {
  const { outcome, policy, state } = s;
  const response = outcome.kind === 'response' ? outcome.response : undefined;
  const status = response?.statusCode;
  const reuse = outcome.kind === 'response';
  if (outcome.kind !== 'aborted') {
    s.target.onOutcome?.(s.key, response ? { status: status ?? 0 } : { localOrigin: true });
  }
  const canRetry = () =>
    policy !== undefined &&
    s.attempt <= policy.attempts &&
    ctx.body?.replayable === true &&
    !s.signal.aborted &&
    (state ? state.admission.tryAcquireRetry() : true);
  const retriable = policy?.shouldRetry(
    response
      ? { status: status ?? 0, headers: response.headers }
      : { connectFailure: outcome.kind === 'connect-failure', reset: outcome.kind === 'reset', perTryTimeout: outcome.kind === 'per-try-timeout' },
  );
  if (outcome.kind !== 'aborted' && retriable && canRetry()) {
    response?.resume();
    state?.queue.release(s.key, reuse);
    try {
      await deps.sleep(s.backoff.next(), s.signal);
    } finally {
      if (state) state.admission.releaseRetry();
    }
    if (!s.signal.aborted) return 'retry';
  } else {
    state?.queue.release(s.key, reuse && !s.timeout.aborted);
  }
  if (response && !s.signal.aborted) {
    ctx.upstreamMs = deps.now() - s.started;
    if (s.attempt > 1 && retriable) ctx.flags.add('URX');
    await sendUpstreamResponse(ctx, response);
    return undefined;
  }
  response?.resume();
  if (s.timeout.aborted) return localReply(504, 'UT', 'upstream request timeout');
  if (s.clientSignal.aborted) return undefined;
  if (s.attempt > 1) ctx.flags.add('URX');
  if (outcome.kind === 'connect-failure') return localReply(503, 'UF');
  if (outcome.kind === 'per-try-timeout') return localReply(504, 'UT', 'upstream request timeout');
  return localReply(503, 'UC');
}

function upstreamHeaders(ctx: RequestContext, attempt: number, timeoutMs: number | undefined): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { ...ctx.headers, 'x-envoy-attempt-count': String(attempt) };
  if (timeoutMs) headers['x-envoy-expected-rq-timeout-ms'] = String(timeoutMs);
  return headers;
}

function connectTimeout(resolved: ResolvedDestination | undefined): number {
  const text = resolved?.policy?.connectionPool?.tcp?.connectTimeout;
  const ms = text ? parseDuration(text) : undefined;
  return ms !== undefined && ms > 0 ? ms : DEFAULT_CONNECT_TIMEOUT_MS;
}
