// The attempt loop (Envoy's router): pick an endpoint (another one on a retry when any
// remains), pass pool admission, forward, and decide on a retry by the route's policy
// with jittered back-off; the route timeout bounds the whole sequence (504 UT).
// https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/router_filter
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { ResolvedDestination } from '@rudder/shared/routing';
import type { HTTPRetry } from '@rudder/shared/kinds';
import type { Endpoint } from '@rudder/shared/protocol';
import { createHashKey, type PickRequest } from '../balance/index.js';
import type { DestinationState } from '../destination/state.js';
import { classifyOutcome } from '../outlier/detector.js';
import { type Backoff, createBackoff } from './backoff.js';
import type { Cancellation } from './cancel.js';
import { localReply, type RequestContext, type StageResult } from './context.js';
import type { AttemptOutcome, AttemptSpec, Forwarder } from './forward.js';
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
  sleep: (ms: number, cancel: Cancellation) => Promise<void>;
  forwarder: Forwarder;
}

/** Where the attempts go: a resolved destination with its state, or (passthrough) one address. */
export type AttemptTarget =
  | { state: DestinationState; resolved: ResolvedDestination; timeoutMs: number | undefined }
  | { passthrough: Endpointish };

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

/** What the loop carries from one attempt to the next; allocated once per request. */
class AttemptRun {
  attempt = 0;
  key = '';
  started = 0;
  /** Endpoints tried so far; only a retry needs it. */
  tried: Set<string> | undefined = undefined;
  backoff: Backoff | undefined = undefined;
  /** Whether this request holds one of the destination's maxRetries slots (Envoy's retries() resource). */
  retrySlot = false;
  /** The attempt's place in the pool: on a connection, still waiting for its own connection to come up, or none. */
  slot: 'busy' | 'connecting' | 'none' = 'none';
  /** For a 'connecting' admission: the socket is up; false when the pool overflowed meanwhile. */
  connected(): boolean {
    if (this.slot !== 'connecting' || !this.state) return true;
    const decision = this.state.queue.connected(this.key);
    this.slot = decision === 'attach' ? 'busy' : 'none';
    return decision === 'attach';
  }
  constructor(
    readonly state: DestinationState | undefined,
    readonly policy: RetryPolicy | undefined,
    readonly connection: ConnectionSettings,
    readonly expectedMs: number | undefined,
    readonly hashKey: PickRequest | undefined,
  ) {}
}

export async function sendAttempts(ctx: RequestContext, deps: AttemptDeps, cancel: Cancellation, target: AttemptTarget): Promise<StageResult> {
  const state = 'state' in target ? target.state : undefined;
  const resolved = 'resolved' in target ? target.resolved : undefined;
  const lb = resolved?.policy?.loadBalancer;
  // Passthrough (no destination) has no retry policy; routes and default routes get Istio's.
  const policy = resolved ? retryPolicyOf(ctx, Boolean(lb?.consistentHash)) : undefined;
  const hash = lb?.consistentHash
    ? hasherFor(lb.consistentHash, deps.random)({ headers: ctx.headers, query: new URLSearchParams(splitQuery(ctx.path)[1]), sourceIp: ctx.req.socket.remoteAddress ?? '' })
    : undefined;
  if (hash?.setCookie) ctx.responseHeaderOps.push({ add: { 'set-cookie': hash.setCookie } });
  // Istio's routes have no timeout by default: then nothing is armed.
  const timeoutMs = 'timeoutMs' in target ? target.timeoutMs : undefined;
  const timer = timeoutMs ? setTimeout(() => cancel.abort('timeout'), timeoutMs) : undefined;
  const run = new AttemptRun(state, policy, connectionSettings(resolved), expectedTimeout(timeoutMs, policy?.perTryTimeoutMs), hash ? { hashKey: hash.key } : undefined);
  try {
    for (;;) {
      const endpoint = pickEndpoint(run, target);
      if (!endpoint) return localReply(503, 'UH');
      if (state) {
        const pending = state.queue.acquire(run.key, cancel);
        const admitted = pending instanceof Promise ? await pending : pending;
        if (admitted === 'overflow') {
          if (cancel.timedOut) return localReply(504, 'UT', 'upstream request timeout');
          return cancel.aborted ? undefined : localReply(503, 'UO');
        }
        run.slot = admitted === 'connecting' ? 'connecting' : 'busy';
        ctx.endpoint = endpoint as Endpoint;
      }
      ctx.attempts = run.attempt;
      state?.balancer.onStart(run.key);
      run.started = deps.now();
      // The balancer's active count and the pool slot are released by settle() when there is no
      // response to relay, else once it is relayed: Envoy counts a request active until its stream completes.
      const outcome = await deps.forwarder.attempt(ctx.req, ctx.res, attemptSpec(ctx, run, endpoint), cancel);
      const verdict = settle(ctx, run, outcome, cancel);
      if (verdict === RETRY) {
        run.backoff ??= newBackoff(deps, policy);
        await deps.sleep(run.backoff.next(), cancel);
        if (!cancel.aborted) continue;
        return cancel.timedOut ? localReply(504, 'UT', 'upstream request timeout') : undefined;
      }
      if (verdict !== RELAY) return verdict;
      ctx.upstreamMs = deps.now() - run.started;
      // Released once the body is through (LEAST_REQUEST and the pool count it until then).
      await sendUpstreamResponse(ctx, (outcome as { response: IncomingMessage }).response);
      releaseAttempt(run, !run.connection.closes && !cancel.timedOut);
      return undefined;
    }
  } finally {
    if (timer) clearTimeout(timer);
    if (run.retrySlot) state?.admission.releaseRetry();
  }
}

const newBackoff = (deps: AttemptDeps, policy: RetryPolicy | undefined) =>
  createBackoff({ random: deps.random, ...(policy ? { baseMs: policy.backoffBaseMs, maxMs: policy.backoffMaxMs } : {}) });

/** The next endpoint: the balancer's pick among healthy hosts, another one on a retry when any remains. */
function pickEndpoint(run: AttemptRun, target: AttemptTarget): Endpointish | undefined {
  // Only a retry needs the set of endpoints tried so far: the first attempt allocates none.
  if (run.attempt > 0) {
    run.tried ??= new Set();
    run.tried.add(run.key);
  }
  run.attempt++;
  if ('passthrough' in target) {
    run.key = `${target.passthrough.address}:${target.passthrough.port}`;
    return target.passthrough;
  }
  const { state, resolved } = target;
  const all = state.candidates(resolved);
  const healthy = state.outlier ? state.outlier.healthyHosts(all) : all;
  if (healthy.length === 0) return undefined;
  const exclude = run.policy?.retryIgnorePreviousHosts !== false ? run.tried : undefined;
  const chosen = state.balancer.pick(healthy, run.hashKey, exclude);
  if (!chosen) return undefined;
  run.key = chosen.key;
  return chosen.endpoint;
}

const ATTEMPT_COUNT = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];

/** The request as this attempt sends it: the context's headers, with Envoy's attempt count and expected timeout. */
function attemptSpec(ctx: RequestContext, run: AttemptRun, endpoint: Endpointish): AttemptSpec {
  const headers = ctx.headers as OutgoingHttpHeaders;
  headers['x-envoy-attempt-count'] = ATTEMPT_COUNT[run.attempt] ?? String(run.attempt);
  if (run.expectedMs) headers['x-envoy-expected-rq-timeout-ms'] = String(run.expectedMs);
  const { connection } = run;
  return {
    address: endpoint.address,
    port: endpoint.port,
    path: ctx.path,
    method: ctx.method,
    headers,
    body: ctx.body as NonNullable<RequestContext['body']>,
    connectTimeoutMs: connection.connectTimeoutMs,
    perTryTimeoutMs: run.policy?.perTryTimeoutMs,
    maxRequestsPerConnection: connection.maxRequestsPerConnection,
    idleTimeoutMs: connection.idleTimeoutMs,
    tcpKeepaliveMs: connection.tcpKeepaliveMs,
    // A closure only for the rare attempt that waits for its own connection.
    onConnected: run.slot === 'connecting' ? () => run.connected() : undefined,
  };
}

const RETRY = 'retry';
const RELAY = 'relay';

/**
 * What one attempt's outcome means: relay the response, a local reply, or another try. As
 * Envoy's RetryStateImpl::shouldRetry: out of attempts → URX; the destination's maxRetries in
 * use → no retry and UO; otherwise a retry slot is held until the retry's own outcome is known.
 * Everything but relaying a response releases the attempt's pool slot here.
 */
function settle(ctx: RequestContext, run: AttemptRun, outcome: AttemptOutcome, cancel: Cancellation): StageResult | typeof RETRY | typeof RELAY {
  const { policy, state } = run;
  if (run.retrySlot) {
    run.retrySlot = false;
    state?.admission.releaseRetry();
  }
  const response = outcome.kind === 'response' ? outcome.response : undefined;
  const reuse = response !== undefined && !run.connection.closes;
  // A pool overflow is a local reply: never fed to outlier detection, never retried.
  const local = outcome.kind === 'aborted' || outcome.kind === 'overflow';
  if (!local && state?.outlier) {
    state.outlier.record(run.key, classifyOutcome(response ? { status: response.statusCode ?? 0 } : { localOrigin: true }));
  }
  if (!local && policy && !cancel.aborted && policy.shouldRetry(retryView(outcome))) {
    if (ctx.body?.replayable !== true) {
      // Past the buffer cap: the body cannot be sent again.
    } else if (run.attempt > policy.attempts) ctx.flags.add('URX');
    else if (state && !state.admission.tryAcquireRetry()) ctx.flags.add('UO');
    else {
      run.retrySlot = state !== undefined;
      response?.resume();
      releaseAttempt(run, reuse);
      return RETRY;
    }
  }
  if (response && !cancel.aborted) return RELAY;
  releaseAttempt(run, reuse && !cancel.timedOut);
  response?.resume();
  if (cancel.timedOut) return localReply(504, 'UT', 'upstream request timeout');
  if (cancel.aborted) return undefined;
  if (outcome.kind === 'overflow') return localReply(503, 'UO');
  if (outcome.kind === 'connect-failure') return localReply(503, 'UF');
  if (outcome.kind === 'per-try-timeout') return localReply(504, 'UT', 'upstream request timeout');
  return localReply(503, 'UC');
}

function retryView(outcome: AttemptOutcome) {
  if (outcome.kind === 'response') return { status: outcome.response.statusCode ?? 0, headers: outcome.response.headers };
  return { connectFailure: outcome.kind === 'connect-failure', reset: outcome.kind === 'reset', perTryTimeout: outcome.kind === 'per-try-timeout' };
}

/** The attempt is over for the balancer's active count and the pool (`reused`: its connection stays open). */
function releaseAttempt(run: AttemptRun, reused: boolean) {
  const { state, key } = run;
  if (!state) return;
  state.balancer.onEnd(key);
  if (run.slot === 'busy') state.queue.release(key, reused);
  else if (run.slot === 'connecting') state.queue.connectFailed(key);
  run.slot = 'none';
}

/** Envoy's FilterUtility::finalTimeout: the per-try timeout when set and below the route timeout, else the route timeout. */
function expectedTimeout(timeoutMs: number | undefined, perTryMs: number | undefined): number | undefined {
  return perTryMs && (!timeoutMs || perTryMs < timeoutMs) ? perTryMs : timeoutMs;
}

interface ConnectionSettings {
  connectTimeoutMs: number;
  maxRequestsPerConnection: number;
  /** maxRequestsPerConnection 1: the connection closes after each request, never reused. */
  closes: boolean;
  /** connectionPool.http.idleTimeout and tcp.tcpKeepalive.time, when the DestinationRule sets them. */
  idleTimeoutMs: number | undefined;
  tcpKeepaliveMs: number | undefined;
}

const DEFAULT_CONNECTION_SETTINGS: ConnectionSettings = {
  connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
  maxRequestsPerConnection: 0,
  closes: false,
  idleTimeoutMs: undefined,
  tcpKeepaliveMs: undefined,
};
/** Read once per compiled connectionPool (it lives as long as its route table), not per request. */
const connectionSettingsCache = new WeakMap<object, ConnectionSettings>();

function connectionSettings(resolved: ResolvedDestination | undefined): ConnectionSettings {
  const pool = resolved?.policy?.connectionPool;
  if (!pool) return DEFAULT_CONNECTION_SETTINGS;
  let settings = connectionSettingsCache.get(pool);
  if (!settings) {
    const ms = (text: string | undefined) => (text ? parseDuration(text) : undefined);
    const connect = ms(pool.tcp?.connectTimeout);
    const maxRequestsPerConnection = pool.http?.maxRequestsPerConnection ?? 0;
    settings = {
      connectTimeoutMs: connect !== undefined && connect > 0 ? connect : DEFAULT_CONNECT_TIMEOUT_MS,
      maxRequestsPerConnection,
      closes: maxRequestsPerConnection === 1,
      idleTimeoutMs: ms(pool.http?.idleTimeout) || undefined,
      tcpKeepaliveMs: ms(pool.tcp?.tcpKeepalive?.time) || undefined,
    };
    connectionSettingsCache.set(pool, settings);
  }
  return settings;
}
