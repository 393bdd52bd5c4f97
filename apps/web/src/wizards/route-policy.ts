// Route-level wizards: fault injection (6.5, 6.6), timeout and retries (6.7, 6.8) and
// mirroring (6.9). Each writes one VirtualService routing the service (or one subset) with
// its policy on the route; fault injection can be limited to one signed-in user, matched by
// the `end-user` header Bookinfo's productpage forwards.
import { parseDuration } from '@rudder/shared/values';
import { type Built, destination, type FormProblem, isInt, isPercent, liveDefaultSubset, liveHttp, routingOutput, type WizardContext } from './model.js';

type Spec = Record<string, unknown>;

function durationProblem(field: string, label: string, value: string, positive = true): FormProblem[] {
  const ms = parseDuration(value.trim());
  if (ms === undefined) return [{ field, message: `${label}: not a duration (write it as 10s, 500ms or 1m).` }];
  if (ms < 0) return [{ field, message: `${label}: must not be negative.` }];
  if (positive && ms === 0) return [{ field, message: `${label}: must be more than 0.` }];
  return [];
}

const percentProblem = (field: string, label: string, value: string): FormProblem[] => (isPercent(value) ? [] : [{ field, message: `${label}: enter a percentage from 0 to 100.` }]);

// ---- Fault injection

export interface FaultState {
  delay: { enabled: boolean; percent: string; fixedDelay: string };
  abort: { enabled: boolean; percent: string; httpStatus: string };
  /** Only requests for this signed-in user ('' = everyone). */
  user: string;
  subset: string;
}

export function faultFromLive(ctx: WizardContext): FaultState {
  const rule = liveHttp(ctx).find((r) => r.fault);
  const fault = (rule?.fault ?? {}) as { delay?: Spec; abort?: Spec };
  const pct = (f?: Spec) => String((f?.percentage as { value?: number } | undefined)?.value ?? 100);
  const user = ((rule?.match as Spec[] | undefined)?.[0]?.headers as Record<string, { exact?: string }> | undefined)?.['end-user']?.exact ?? '';
  return {
    delay: { enabled: Boolean(fault.delay), percent: pct(fault.delay), fixedDelay: String(fault.delay?.fixedDelay ?? '7s') },
    abort: { enabled: Boolean(fault.abort), percent: pct(fault.abort), httpStatus: String(fault.abort?.httpStatus ?? 500) },
    user,
    subset: liveDefaultSubset(ctx),
  };
}

export function buildFault(ctx: WizardContext, s: FaultState): Built {
  const problems: FormProblem[] = [];
  if (!s.delay.enabled && !s.abort.enabled) problems.push({ field: 'fault', message: 'Turn on a delay, an abort, or both.' });
  if (s.delay.enabled) problems.push(...percentProblem('delay-percent', 'Delay percentage', s.delay.percent), ...durationProblem('delay-fixed', 'Delay', s.delay.fixedDelay));
  if (s.abort.enabled) {
    problems.push(...percentProblem('abort-percent', 'Abort percentage', s.abort.percent));
    if (!isInt(s.abort.httpStatus, 200, 599)) problems.push({ field: 'abort-status', message: 'Abort status: an HTTP status from 200 to 599.' });
  }
  if (s.user && !/^[A-Za-z0-9_.@-]+$/.test(s.user)) problems.push({ field: 'user', message: 'User: letters, digits and - _ . @ only.' });
  const fault: Spec = {};
  if (s.delay.enabled) fault.delay = { percentage: { value: Number(s.delay.percent) }, fixedDelay: s.delay.fixedDelay.trim() };
  if (s.abort.enabled) fault.abort = { percentage: { value: Number(s.abort.percent) }, httpStatus: Number(s.abort.httpStatus) };
  const route = [destination(ctx, s.subset)];
  const http: Spec[] = s.user ? [{ match: [{ headers: { 'end-user': { exact: s.user } } }], fault, route }, { route }] : [{ fault, route }];
  const at = 'documents[0].spec.http[0]';
  const fields = { [`${at}.fault.delay.percentage`]: 'delay-percent', [`${at}.fault.delay`]: 'delay-fixed', [`${at}.fault.abort.percentage`]: 'abort-percent', [`${at}.fault.abort`]: 'abort-status', [`${at}.match`]: 'user', [`${at}.route`]: 'subset' };
  return { resources: routingOutput(ctx, 'fault-injection', http, [s.subset]), problems, warnings: [], fields };
}

// ---- Timeout and retries

/** Envoy's retry conditions for HTTP (x-envoy-retry-on) and gRPC (x-envoy-retry-grpc-on). */
export const RETRY_ON = ['5xx', 'gateway-error', 'reset', 'connect-failure', 'envoy-ratelimited', 'retriable-4xx', 'refused-stream', 'retriable-status-codes', 'retriable-headers', 'cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable'] as const;

export interface TimeoutState {
  /** The route timeout ('' = none). */
  timeout: string;
  retries: { enabled: boolean; attempts: string; perTryTimeout: string; retryOn: string[] };
  subset: string;
}

export function timeoutFromLive(ctx: WizardContext): TimeoutState {
  const rule = liveHttp(ctx).find((r) => r.timeout || r.retries) ?? {};
  const retries = rule.retries as { attempts?: number; perTryTimeout?: string; retryOn?: string } | undefined;
  return {
    // A new rule starts with a timeout, so the form is valid before anything is typed.
    timeout: String(rule.timeout ?? (ctx.live.vs ? '' : '2s')),
    retries: {
      enabled: Boolean(retries),
      attempts: String(retries?.attempts ?? 2),
      perTryTimeout: retries?.perTryTimeout ?? '',
      retryOn: retries?.retryOn ? retries.retryOn.split(',').map((x) => x.trim()) : ['gateway-error', 'connect-failure', 'refused-stream'],
    },
    subset: liveDefaultSubset(ctx),
  };
}

export function buildTimeout(ctx: WizardContext, s: TimeoutState): Built {
  const problems: FormProblem[] = [];
  if (s.timeout.trim()) problems.push(...durationProblem('timeout', 'Timeout', s.timeout));
  if (!s.timeout.trim() && !s.retries.enabled) problems.push({ field: 'timeout', message: 'Set a timeout, turn on retries, or both.' });
  const rule: Spec = { route: [destination(ctx, s.subset)] };
  if (s.timeout.trim()) rule.timeout = s.timeout.trim();
  if (s.retries.enabled) {
    if (!isInt(s.retries.attempts, 0, 100)) problems.push({ field: 'attempts', message: 'Attempts: a whole number from 0 to 100.' });
    if (s.retries.perTryTimeout.trim()) problems.push(...durationProblem('per-try', 'Per-try timeout', s.retries.perTryTimeout));
    if (s.retries.retryOn.length === 0) problems.push({ field: 'retry-on', message: 'Retry on: pick at least one condition.' });
    rule.retries = {
      attempts: Number(s.retries.attempts),
      ...(s.retries.perTryTimeout.trim() ? { perTryTimeout: s.retries.perTryTimeout.trim() } : {}),
      ...(s.retries.retryOn.length ? { retryOn: s.retries.retryOn.join(',') } : {}),
    };
  }
  const at = 'documents[0].spec.http[0]';
  const fields = { [`${at}.timeout`]: 'timeout', [`${at}.retries.attempts`]: 'attempts', [`${at}.retries.perTryTimeout`]: 'per-try', [`${at}.retries.retryOn`]: 'retry-on', [`${at}.route`]: 'subset' };
  return { resources: routingOutput(ctx, 'timeouts', [rule], [s.subset]), problems, warnings: [], fields };
}

// ---- Mirroring

export interface MirrorState {
  subset: string;
  mirrorHost: string;
  mirrorSubset: string;
  percent: string;
}

export function mirrorFromLive(ctx: WizardContext): MirrorState {
  const rule = liveHttp(ctx).find((r) => r.mirror);
  const mirror = rule?.mirror as { host?: string; subset?: string } | undefined;
  // Without a mirror yet, start as tutorial 6.9 does: live traffic to the first version, a copy to the second.
  const [first = '', second = ''] = ctx.subsets;
  return {
    subset: mirror ? liveDefaultSubset(ctx) : first,
    mirrorHost: mirror?.host ?? ctx.service,
    mirrorSubset: mirror ? (mirror.subset ?? '') : second,
    percent: String((rule?.mirrorPercentage as { value?: number } | undefined)?.value ?? 100),
  };
}

export function buildMirror(ctx: WizardContext, s: MirrorState): Built {
  const problems: FormProblem[] = [...percentProblem('mirror-percent', 'Mirror percentage', s.percent)];
  if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(s.mirrorHost)) problems.push({ field: 'mirror-host', message: 'Mirror host: a service name such as reviews or reviews.default.svc.cluster.local.' });
  const sameTarget = s.mirrorHost === ctx.service && s.mirrorSubset === s.subset;
  if (sameTarget) problems.push({ field: 'mirror-subset', message: 'Mirror to: pick a destination other than the one the traffic goes to.' });
  const rule: Spec = {
    route: [destination(ctx, s.subset)],
    mirror: { host: s.mirrorHost, ...(s.mirrorSubset ? { subset: s.mirrorSubset } : {}) },
    mirrorPercentage: { value: Number(s.percent) },
  };
  const used = s.mirrorHost === ctx.service ? [s.subset, s.mirrorSubset] : [s.subset];
  const at = 'documents[0].spec.http[0]';
  const fields = { [`${at}.mirror.host`]: 'mirror-host', [`${at}.mirror`]: 'mirror-subset', [`${at}.mirrorPercentage`]: 'mirror-percent', [`${at}.route`]: 'subset' };
  return { resources: routingOutput(ctx, 'mirroring', [rule], used), problems, warnings: [], fields };
}
