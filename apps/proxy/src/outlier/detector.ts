// Passive outlier detection for one destination, as Envoy does it with Istio's settings (envoy
// source/common/upstream/outlier_detection_impl.cc; docs arch_overview/upstream/outlier;
// istio/istio pilot/pkg/networking/core/cluster_traffic_policy.go applyOutlierDetection).
//
// Fed classified outcomes of upstream attempts, never local replies: UO, UH, NR, NC, FI and DI
// are the proxy's own answers and say nothing about the host (DESIGN.md "The proxy pipeline").
// - Consecutive errors eject at once (Envoy posts the ejection straight to the main thread);
//   `tick()` is the interval sweep that only returns hosts and decays their back-off.
// - Ejection lasts baseEjectionTime × back-off, capped at max(300 s, baseEjectionTime); the
//   back-off grows by one per ejection and shrinks by one per sweep the host spends healthy
//   (at least one interval after its return), so a host that fails again at once stays out longer.
// - maxEjectionPercent is a hard cap on (ejected + 1) / hosts since Envoy 1.27 (PR #27909);
//   Envoy's always_eject_one_host (which Istio does not set) lets the first ejection through
//   anyway, as every Envoy before 1.27 (Istio ≤ 1.18) did. Rudder turns it on by default: its
//   spec says "at least one host", and the tutorial ejects a lone productpage at 10%.
// - minHealthPercent is the healthy-panic threshold: below it the balancer uses every host.
import { type DetectorConfig, detectorConfig, type OutcomeKind, type OutlierDetection } from './settings.js';

export { classifyOutcome, type DetectorConfig, detectorConfig, type OutcomeKind, type OutlierDetection } from './settings.js';

export interface Clock {
  now(): number;
}

export interface HostOutlierState {
  host: string;
  ejected: boolean;
  /** When the ejection time is up; the host returns at the first sweep at or after it. */
  ejectedUntil?: number;
  /** Ejections so far (Envoy's num_ejections). */
  ejectionCount: number;
  /** Current multiplier of baseEjectionTime (Envoy's eject_time_backoff). */
  backoff: number;
  consecutive5xx: number;
  consecutiveGateway: number;
  consecutiveLocal: number;
}

export interface OutlierDetector {
  readonly config: DetectorConfig;
  /** The destination's hosts (Envoy's member update): percentages are of these. */
  setHosts(hosts: Iterable<string>): void;
  /** Feed one attempt's outcome; true when it ejected the host. */
  record(host: string, kind: OutcomeKind): boolean;
  isEjected(host: string): boolean;
  /** Whether the balancer should ignore ejections (healthy share below minHealthPercent). */
  inPanic(total: number, healthy: number): boolean;
  /** The hosts to balance over: the non-ejected ones, or all of them in panic mode. */
  healthyHosts<T extends { readonly key: string }>(all: readonly T[]): readonly T[];
  /** The interval sweep: returns hosts whose time is up; answers the hosts returned. */
  tick(): string[];
  state(): HostOutlierState[];
  /** Ejections refused by maxEjectionPercent (Envoy's ejections_overflow). */
  readonly overflows: number;
}

interface Monitor {
  ejected: boolean;
  lastEjection: number;
  lastUnejection?: number;
  ejections: number;
  backoff: number;
  c5xx: number;
  cGateway: number;
  cLocal: number;
}

export function createOutlierDetector(
  settings: OutlierDetection,
  clock: Clock,
  options: { hosts?: Iterable<string>; alwaysEjectOneHost?: boolean } = {},
): OutlierDetector {
  const config = detectorConfig(settings);
  const alwaysEjectOneHost = options.alwaysEjectOneHost ?? true;
  const monitors = new Map<string, Monitor>();
  let ejectedCount = 0;
  let overflows = 0;

  const fresh = (): Monitor => ({ ejected: false, lastEjection: 0, ejections: 0, backoff: 0, c5xx: 0, cGateway: 0, cLocal: 0 });
  const monitor = (host: string): Monitor => {
    let m = monitors.get(host);
    if (!m) {
      m = fresh();
      monitors.set(host, m);
    }
    return m;
  };
  const ejectionMs = (m: Monitor) => Math.min(config.baseEjectionMs * m.backoff, config.maxEjectionMs);

  // DetectorImpl::ejectHost: the percentage cap, then the ejection and its back-off step.
  const eject = (m: Monitor): boolean => {
    const percentAfter = (100 * (ejectedCount + 1)) / monitors.size;
    const allowed = percentAfter <= config.maxEjectionPercent || (alwaysEjectOneHost && ejectedCount === 0);
    if (!allowed) {
      overflows++;
      return false;
    }
    ejectedCount++;
    m.ejected = true;
    m.ejections++;
    m.lastEjection = clock.now();
    if (m.backoff * config.baseEjectionMs < config.maxEjectionMs + config.baseEjectionMs) m.backoff++;
    return true;
  };

  // onConsecutiveErrorWorker: an ejected host is left alone; otherwise try, then reset that counter.
  const consecutiveError = (m: Monitor, counter: 'c5xx' | 'cGateway' | 'cLocal'): boolean => {
    if (m.ejected) return false;
    const ejected = eject(m);
    m[counter] = 0;
    return ejected;
  };

  // putHttpResponseCode: the counter fires when it reaches the threshold exactly (0 never does).
  const httpError = (m: Monitor, gateway: boolean): boolean => {
    let ejected = false;
    if (gateway) {
      if (++m.cGateway === config.consecutiveGateway) ejected = consecutiveError(m, 'cGateway');
    } else {
      m.cGateway = 0;
    }
    if (++m.c5xx === config.consecutive5xx) ejected = consecutiveError(m, 'c5xx') || ejected;
    return ejected;
  };

  const unejectNow = (m: Monitor, now: number) => {
    ejectedCount--;
    m.ejected = false;
    m.c5xx = 0;
    m.cGateway = 0;
    m.cLocal = 0;
    m.lastUnejection = now;
  };

  const inPanic = (total: number, healthy: number): boolean => {
    // LoadBalancerBase: no panic while the 1.4× overprovisioned health reaches 100%, nor at threshold 0.
    if (total === 0 || config.minHealthPercent === 0) return false;
    if (Math.min(100, Math.floor((140 * healthy) / total)) >= 100) return false;
    return (100 * healthy) / total < config.minHealthPercent;
  };

  const detector: OutlierDetector = {
    config,
    get overflows() {
      return overflows;
    },
    setHosts(hosts) {
      const keep = new Set(hosts);
      for (const [host, m] of monitors) {
        if (keep.has(host)) continue;
        if (m.ejected) ejectedCount--;
        monitors.delete(host);
      }
      for (const host of keep) monitor(host);
    },
    record(host, kind) {
      const m = monitor(host);
      if (kind === 'success') {
        m.c5xx = 0;
        m.cGateway = 0;
        m.cLocal = 0;
        return false;
      }
      if (kind === 'local') {
        // Unsplit, a connect failure or timeout is reported as 503/504: a gateway error.
        if (!config.splitLocalOrigin) return httpError(m, true);
        return ++m.cLocal === config.consecutiveLocal ? consecutiveError(m, 'cLocal') : false;
      }
      m.cLocal = 0; // a response means the connection worked
      return httpError(m, kind === 'gateway');
    },
    isEjected: (host) => monitors.get(host)?.ejected === true,
    inPanic,
    healthyHosts(all) {
      if (ejectedCount === 0) return all;
      const healthy = all.filter((e) => !detector.isEjected(e.key));
      if (healthy.length === all.length) return all;
      return inPanic(all.length, healthy.length) ? all : healthy;
    },
    tick() {
      const now = clock.now();
      const returned: string[] = [];
      for (const [host, m] of monitors) {
        if (m.ejected && now - m.lastEjection >= ejectionMs(m)) {
          unejectNow(m, now);
          returned.push(host);
        }
      }
      for (const m of monitors.values()) {
        if (!m.ejected && m.lastUnejection !== undefined && now - m.lastUnejection >= config.intervalMs && m.backoff > 0) m.backoff--;
      }
      return returned;
    },
    state: () =>
      [...monitors].map(([host, m]) => ({
        host,
        ejected: m.ejected,
        ...(m.ejected ? { ejectedUntil: m.lastEjection + ejectionMs(m) } : {}),
        ejectionCount: m.ejections,
        backoff: m.backoff,
        consecutive5xx: m.c5xx,
        consecutiveGateway: m.cGateway,
        consecutiveLocal: m.cLocal,
      })),
  };
  for (const host of options.hosts ?? []) monitor(host);
  return detector;
}
