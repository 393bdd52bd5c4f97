// Test helper: a finished HTTP load result built by hand (no sockets), for report and JSON tests.
import { Counter, FortioHistogram, LatencyHistogram } from '../histogram.js';
import type { HttpLoadResult } from '../http-runner.js';
import { planRun } from '../scheduler.js';

/** The tutorial's 6.13 run: 20 calls on 2 connections, 10 × 200 and 10 × 503, 11 sockets. */
export function tutorialResult(): HttpLoadResult {
  const { plan } = planRun({ qps: 0, threads: 2, exactly: 20, durationNs: 5e9 });
  const duration = new LatencyHistogram();
  const errors = new LatencyHistogram();
  const latencies = [
    0.025406513, 0.028, 0.029, 0.031, 0.033, 0.055, 0.061, 0.062, 0.063, 0.064, 0.065, 0.066, 0.067, 0.071, 0.072,
    0.073, 0.074, 0.075, 0.082, 0.086700868,
  ];
  latencies.forEach((v, i) => {
    duration.record(v);
    if (i % 2 === 1) errors.record(v);
  });
  const sizes = new FortioHistogram(0, 100);
  const headerSizes = new FortioHistogram(0, 5);
  for (let i = 0; i < 20; i++) {
    sizes.record(i % 2 ? 275 : 5351);
    headerSizes.record(i % 2 ? 0 : 168);
  }
  const connectStats = new LatencyHistogram();
  const connection = (sockets: number) => {
    const connect = new Counter();
    for (let i = 0; i < sockets; i++) {
      connect.record(0.0005);
      connectStats.record(0.0005);
    }
    return { sockets, addresses: new Map([['10.0.0.7:8080', sockets]]), connect };
  };
  return {
    duration,
    errors,
    sleep: new FortioHistogram(-0.001, 0.001),
    elapsedNs: 624_901_397,
    actualQps: 20 / 0.624901397,
    plan,
    startTime: new Date(2026, 0, 2, 15, 49, 54, 120),
    warmup: 0,
    retCodes: new Map([
      [503, 10],
      [200, 10],
    ]),
    sizes,
    headerSizes,
    connections: [connection(6), connection(5)],
    connectStats,
    interrupted: false,
  };
}
