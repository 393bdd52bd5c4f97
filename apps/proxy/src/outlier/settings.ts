// Istio's OutlierDetection turned into the Envoy detector settings it configures, with each
// version's defaults (istio/istio pilot/pkg/networking/core/cluster_traffic_policy.go
// applyOutlierDetection; envoy api config/cluster/v3/outlier_detection.proto), and the outcome
// classes the detector counts (envoy outlier_detection_impl.cc putHttpResponseCode, resultToHttpCode).
import type { DestinationRuleSpec } from '@rudder/shared/kinds';
import { parseDuration } from '@rudder/shared/values';

type TrafficPolicy = NonNullable<DestinationRuleSpec['trafficPolicy']>;
export type OutlierDetection = NonNullable<TrafficPolicy['outlierDetection']>;

/** success; any other 5xx; 502/503/504; a local-origin failure (connect failure, reset, timeout). */
export type OutcomeKind = 'success' | 'http5xx' | 'gateway' | 'local';

export interface DetectorConfig {
  /** Consecutive 5xx (gateway errors and, unsplit, local failures included) to eject; 0 = off. */
  consecutive5xx: number;
  /** Consecutive 502/503/504 (and, unsplit, local failures) to eject; 0 = off. */
  consecutiveGateway: number;
  /** Consecutive local-origin failures to eject when split; 0 = off. */
  consecutiveLocal: number;
  splitLocalOrigin: boolean;
  intervalMs: number;
  baseEjectionMs: number;
  maxEjectionMs: number;
  maxEjectionPercent: number;
  minHealthPercent: number;
}

const durationMs = (text: string | undefined, fallback: number) => {
  const ms = text === undefined ? undefined : parseDuration(text);
  return ms !== undefined && ms > 0 ? ms : fallback;
};

/** Envoy's settings from Istio's OutlierDetection, with each version's defaults. */
export function detectorConfig(settings: OutlierDetection): DetectorConfig {
  // Envoy: consecutive_5xx 5, enforced; consecutive_gateway_failure not enforced.
  let consecutive5xx = 5;
  let consecutiveGateway = 0;
  // Istio ≤ 1.6: consecutiveErrors meant N gateway errors, with 5xx ejection off (istio/api#617).
  if ((settings.consecutiveErrors ?? 0) > 0) {
    consecutive5xx = 0;
    consecutiveGateway = settings.consecutiveErrors!;
  }
  if (settings.consecutive5xxErrors !== undefined) consecutive5xx = settings.consecutive5xxErrors;
  if (settings.consecutiveGatewayErrors !== undefined) consecutiveGateway = settings.consecutiveGatewayErrors;
  const baseEjectionMs = durationMs(settings.baseEjectionTime, 30_000);
  const maxEjectionPercent = settings.maxEjectionPercent ?? 0;
  return {
    consecutive5xx,
    consecutiveGateway,
    consecutiveLocal: settings.splitExternalLocalOriginErrors ? settings.consecutiveLocalOriginFailures || 5 : 0,
    splitLocalOrigin: settings.splitExternalLocalOriginErrors === true,
    intervalMs: durationMs(settings.interval, 10_000),
    baseEjectionMs,
    maxEjectionMs: Math.max(300_000, baseEjectionMs),
    // Istio sets it only when > 0, so 0 means Envoy's 10%.
    maxEjectionPercent: maxEjectionPercent > 0 ? Math.min(100, maxEjectionPercent) : 10,
    minHealthPercent: Math.min(100, Math.max(0, settings.minHealthPercent ?? 0)),
  };
}

/** Classify an upstream attempt for record(): the status it returned, or a local-origin failure. */
export function classifyOutcome(result: { status?: number; localOrigin?: boolean }): OutcomeKind {
  if (result.localOrigin) return 'local';
  const status = result.status ?? 0;
  if (status === 502 || status === 503 || status === 504) return 'gateway';
  return status >= 500 && status <= 599 ? 'http5xx' : 'success';
}
