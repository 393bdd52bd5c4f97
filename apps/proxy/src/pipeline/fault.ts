// Fault injection (Istio HTTPFaultInjection → Envoy's fault filter): the delay first,
// then the abort, each drawn independently by its own percentage; a missing
// percentage means every request. Flags DI (delayed) and FI (aborted); Envoy's abort
// body is "fault filter abort". https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection
import type { HTTPFaultInjection } from '@rudder/shared/kinds';
import { parseDuration } from '@rudder/shared/values';
import type { Cancellation } from './cancel.js';
import { localReply, type RequestContext, type StageResult } from './context.js';

export interface FaultDeps {
  random: () => number;
  sleep: (ms: number, cancel: Cancellation) => Promise<void>;
}

/** The percentage a fault applies to: `percentage.value`, else the legacy integer `percent`, else 100. */
export function faultPercent(f: { percentage?: { value?: number }; percent?: number }): number {
  if (f.percentage) return f.percentage.value ?? 0;
  if (f.percent !== undefined) return f.percent;
  return 100;
}

const hits = (percent: number, random: () => number) => percent >= 100 || (percent > 0 && random() * 100 < percent);

/** A promise only when a delay applies; otherwise the abort decision at once. */
export function faultStage(ctx: RequestContext, deps: FaultDeps, cancel: Cancellation): StageResult | Promise<StageResult> {
  const fault = ctx.rule?.spec.fault as HTTPFaultInjection | undefined;
  if (!fault) return undefined;
  const delay = fault.delay;
  if (delay?.fixedDelay && hits(faultPercent(delay), deps.random)) {
    const ms = parseDuration(delay.fixedDelay) ?? 0;
    ctx.flags.add('DI');
    return deps.sleep(ms, cancel).then(() => abortDecision(fault, deps));
  }
  return abortDecision(fault, deps);
}

function abortDecision(fault: HTTPFaultInjection, deps: FaultDeps): StageResult {
  const abort = fault.abort;
  if (abort?.httpStatus !== undefined && hits(faultPercent(abort), deps.random)) {
    return localReply(abort.httpStatus, 'FI', 'fault filter abort');
  }
  return undefined;
}
