import { describe, expect, it } from 'vitest';
import { classifyOutcome, detectorConfig } from './settings.js';

describe('outlier detection config (istio cluster_traffic_policy.go applyOutlierDetection; Envoy defaults)', () => {
  it('defaults: 5 consecutive 5xx, gateway errors off, 10s sweep, 30s base, 300s cap, 10%, panic off', () => {
    expect(detectorConfig({})).toEqual({
      consecutive5xx: 5,
      consecutiveGateway: 0,
      consecutiveLocal: 0,
      splitLocalOrigin: false,
      intervalMs: 10_000,
      baseEjectionMs: 30_000,
      maxEjectionMs: 300_000,
      maxEjectionPercent: 10,
      minHealthPercent: 0,
    });
  });

  it('deprecated consecutiveErrors means N gateway errors with 5xx ejection off, as Istio 1.6 (istio/api#617)', () => {
    const c = detectorConfig({ consecutiveErrors: 1 });
    expect([c.consecutive5xx, c.consecutiveGateway]).toEqual([0, 1]);
    expect(detectorConfig({ consecutiveErrors: 2, consecutive5xxErrors: 7 }).consecutive5xx).toBe(7);
  });

  it('max_ejection_time is max(300s, baseEjectionTime); maxEjectionPercent 0 means 10; durations parsed', () => {
    const c = detectorConfig({ baseEjectionTime: '10m', interval: '1s', maxEjectionPercent: 0, minHealthPercent: 50 });
    expect([c.baseEjectionMs, c.maxEjectionMs, c.intervalMs, c.maxEjectionPercent, c.minHealthPercent]).toEqual([600_000, 600_000, 1000, 10, 50]);
  });

  it('split local-origin errors use consecutiveLocalOriginFailures, default 5', () => {
    expect(detectorConfig({ splitExternalLocalOriginErrors: true }).consecutiveLocal).toBe(5);
    expect(detectorConfig({ splitExternalLocalOriginErrors: true, consecutiveLocalOriginFailures: 2 }).consecutiveLocal).toBe(2);
  });
});

describe('classifyOutcome', () => {
  it.each([
    [{ status: 200 }, 'success'],
    [{ status: 404 }, 'success'],
    [{ status: 500 }, 'http5xx'],
    [{ status: 501 }, 'http5xx'],
    [{ status: 502 }, 'gateway'],
    [{ status: 503 }, 'gateway'],
    [{ status: 504 }, 'gateway'],
    [{ localOrigin: true }, 'local'],
  ] as const)('%j is %s', (input, kind) => expect(classifyOutcome(input)).toBe(kind));
});
