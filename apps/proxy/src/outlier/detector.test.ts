import { describe, expect, it } from 'vitest';
import { createOutlierDetector, type OutlierDetection } from './detector.js';

const fakeClock = (start = 0) => {
  const clock = { t: start, now: () => clock.t };
  return clock;
};
const hosts = (n: number) => Array.from({ length: n }, (_, i) => `h${i + 1}`);
const eps = (n: number) => hosts(n).map((key) => ({ key }));

function setup(settings: OutlierDetection, n = 10, options: { alwaysEjectOneHost?: boolean } = {}) {
  const clock = fakeClock();
  const detector = createOutlierDetector(settings, clock, { hosts: hosts(n), ...options });
  const fail = (host: string, times: number, kind: 'http5xx' | 'gateway' | 'local' = 'http5xx') => {
    let ejected = false;
    for (let i = 0; i < times; i++) ejected = detector.record(host, kind) || ejected;
    return ejected;
  };
  return { clock, detector, fail };
}

describe('consecutive errors (envoy outlier_detection_impl.cc putHttpResponseCode; docs arch_overview/upstream/outlier)', () => {
  it('ejects on the 5th consecutive 5xx at once, without waiting for the sweep', () => {
    const { detector, fail } = setup({}, 10);
    expect(fail('h1', 4)).toBe(false);
    expect(detector.isEjected('h1')).toBe(false);
    expect(detector.record('h1', 'http5xx')).toBe(true);
    expect(detector.isEjected('h1')).toBe(true);
  });

  it('a success in between resets the count', () => {
    const { detector, fail } = setup({}, 10);
    fail('h1', 4);
    detector.record('h1', 'success');
    expect(fail('h1', 4)).toBe(false);
  });

  it('consecutive5xxErrors: 0 turns 5xx ejection off', () => {
    const { fail } = setup({ consecutive5xxErrors: 0 }, 10);
    expect(fail('h1', 50)).toBe(false);
  });

  it('consecutiveGatewayErrors counts 502/503/504 only; a 500 resets it', () => {
    const { detector, fail } = setup({ consecutiveGatewayErrors: 2, consecutive5xxErrors: 0 }, 10);
    fail('h1', 1, 'gateway');
    fail('h1', 1, 'http5xx');
    expect(fail('h1', 1, 'gateway')).toBe(false);
    expect(fail('h1', 1, 'gateway')).toBe(true);
    expect(detector.isEjected('h1')).toBe(true);
  });

  it('gateway errors also count toward consecutive 5xx', () => {
    const { fail } = setup({ consecutive5xxErrors: 3 }, 10);
    fail('h1', 2, 'gateway');
    expect(fail('h1', 1, 'http5xx')).toBe(true);
  });

  it('the tutorial\'s consecutiveErrors: 1 ejects on one 503, never on a 500 (Istio 1.6 semantics)', () => {
    const { fail } = setup({ consecutiveErrors: 1, maxEjectionPercent: 100 }, 3);
    expect(fail('h1', 20, 'http5xx')).toBe(false);
    expect(fail('h2', 1, 'gateway')).toBe(true);
  });

  it('unsplit, a local-origin failure (connect failure, timeout) counts as a gateway error', () => {
    const { fail } = setup({ consecutiveGatewayErrors: 2, consecutive5xxErrors: 0 }, 10);
    fail('h1', 1, 'local');
    expect(fail('h1', 1, 'local')).toBe(true);
  });

  it('split, local-origin failures have their own counter and do not count as 5xx', () => {
    const { detector, fail } = setup({ splitExternalLocalOriginErrors: true, consecutiveLocalOriginFailures: 3, consecutive5xxErrors: 2, maxEjectionPercent: 50 }, 10);
    fail('h1', 1, 'http5xx');
    fail('h1', 2, 'local');
    expect(detector.isEjected('h1')).toBe(false);
    detector.record('h1', 'gateway'); // a response: 5xx count reaches 2 (ejects) and resets the local count
    expect(detector.isEjected('h1')).toBe(true);
    expect(fail('h2', 3, 'local')).toBe(true);
  });
});

describe('ejection time (checkHostForUneject, ejectHost back-off)', () => {
  it('returns the host at the first sweep once baseEjectionTime has passed, not before', () => {
    const { clock, detector, fail } = setup({ baseEjectionTime: '30s', interval: '10s' }, 10);
    fail('h1', 5);
    clock.t = 29_999;
    expect(detector.tick()).toEqual([]);
    clock.t = 30_000;
    expect(detector.tick()).toEqual(['h1']);
    expect(detector.isEjected('h1')).toBe(false);
  });

  it('a second ejection right after returning lasts 2 × baseEjectionTime', () => {
    const { clock, detector, fail } = setup({ baseEjectionTime: '30s', interval: '10s' }, 10);
    fail('h1', 5);
    clock.t = 30_000;
    detector.tick();
    fail('h1', 5);
    expect(detector.state().find((s) => s.host === 'h1')).toMatchObject({ ejected: true, ejectionCount: 2, backoff: 2, ejectedUntil: 90_000 });
    clock.t = 89_999;
    expect(detector.tick()).toEqual([]);
    clock.t = 90_000;
    expect(detector.tick()).toEqual(['h1']);
  });

  it('each healthy sweep at least an interval after the return lowers the multiplier by one', () => {
    const { clock, detector, fail } = setup({ baseEjectionTime: '30s', interval: '10s' }, 10);
    fail('h1', 5);
    clock.t = 30_000;
    detector.tick();
    clock.t = 40_000;
    detector.tick(); // 10 s healthy: back-off 1 → 0
    fail('h1', 5);
    expect(detector.state().find((s) => s.host === 'h1')).toMatchObject({ backoff: 1, ejectedUntil: 40_000 + 30_000 });
  });

  it('the ejection time is capped at max_ejection_time (300 s by default)', () => {
    const { clock, detector, fail } = setup({ baseEjectionTime: '100s', interval: '1s' }, 10);
    for (let round = 0; round < 6; round++) {
      fail('h1', 5);
      const until = detector.state().find((s) => s.host === 'h1')!.ejectedUntil!;
      expect(until - clock.t).toBe(Math.min(100_000 * (round + 1), 300_000));
      clock.t = until;
      detector.tick();
    }
  });

  it('returning resets the consecutive counters', () => {
    const { clock, detector, fail } = setup({ consecutive5xxErrors: 2 }, 10);
    fail('h1', 2);
    fail('h1', 1); // counted while ejected
    clock.t = 30_000;
    detector.tick();
    expect(detector.state().find((s) => s.host === 'h1')!.consecutive5xx).toBe(0);
    expect(fail('h1', 1)).toBe(false);
  });
});

describe('maxEjectionPercent (DetectorImpl::ejectHost; envoy PR #27909, always_eject_one_host PR #34796)', () => {
  it('caps ejections at the percentage of hosts: 20% of 10 is 2', () => {
    const { detector, fail } = setup({ maxEjectionPercent: 20 }, 10);
    expect(['h1', 'h2', 'h3'].map((h) => fail(h, 5))).toEqual([true, true, false]);
    expect(detector.overflows).toBe(1);
    expect(detector.healthyHosts(eps(10))).toHaveLength(8);
  });

  it('a refused ejection still resets the counter: it takes another run of errors to try again', () => {
    const { detector, fail } = setup({ maxEjectionPercent: 10, consecutive5xxErrors: 2 }, 10);
    fail('h1', 2);
    fail('h2', 2);
    expect(detector.state().find((s) => s.host === 'h2')!.consecutive5xx).toBe(0);
    expect(detector.overflows).toBe(1);
  });

  it('the first host is ejected whatever the percentage (always_eject_one_host; Rudder default)', () => {
    const { detector, fail } = setup({}, 3);
    expect(fail('h1', 5)).toBe(true);
    expect(fail('h2', 5)).toBe(false);
    expect(detector.healthyHosts(eps(3)).map((e) => e.key)).toEqual(['h2', 'h3']);
  });

  it('with alwaysEjectOneHost off (Envoy ≥ 1.27 as Istio configures it), 10% of 3 hosts ejects none', () => {
    const { fail } = setup({}, 3, { alwaysEjectOneHost: false });
    expect(fail('h1', 5)).toBe(false);
  });

  it('100% lets every host go; with panic off no host is left (the caller answers 503 UH)', () => {
    const { detector, fail } = setup({ maxEjectionPercent: 100, consecutive5xxErrors: 1 }, 3);
    for (const h of hosts(3)) fail(h, 1);
    expect(detector.healthyHosts(eps(3))).toEqual([]);
  });
});

describe('minHealthPercent: healthy panic threshold (LoadBalancerBase::isHostSetInPanic)', () => {
  it('below the threshold, balances over every host, ejected ones included', () => {
    const { detector, fail } = setup({ maxEjectionPercent: 100, consecutive5xxErrors: 1, minHealthPercent: 50 }, 4);
    fail('h1', 1);
    expect(detector.healthyHosts(eps(4))).toHaveLength(3);
    fail('h2', 1);
    fail('h3', 1);
    expect(detector.inPanic(4, 1)).toBe(true);
    expect(detector.healthyHosts(eps(4))).toHaveLength(4);
  });

  it('no panic while 1.4 × the healthy share reaches 100% (overprovisioning factor)', () => {
    const { detector } = setup({ minHealthPercent: 80 }, 4);
    expect(detector.inPanic(4, 3)).toBe(false); // 75% < 80%, but 1.4 × 75% ≥ 100%
    expect(detector.inPanic(10, 7)).toBe(true); // 1.4 × 70% = 98%, and 70% < 80%
  });

  it('threshold 0 (Istio\'s default) never panics', () => {
    const { detector } = setup({}, 4);
    expect(detector.inPanic(4, 0)).toBe(false);
  });
});

describe('host set and state', () => {
  it('setHosts drops departed hosts (and their ejections) and adds new ones', () => {
    const { detector, fail } = setup({ maxEjectionPercent: 50 }, 2);
    fail('h1', 5);
    detector.setHosts(['h2', 'h3']);
    expect(detector.state().map((s) => s.host).sort()).toEqual(['h2', 'h3']);
    expect(fail('h2', 5)).toBe(true);
  });

  it('state() reports each host\'s counters', () => {
    const { detector, fail } = setup({}, 2);
    fail('h2', 3, 'gateway');
    expect(detector.state()).toEqual([
      { host: 'h1', ejected: false, ejectionCount: 0, backoff: 0, consecutive5xx: 0, consecutiveGateway: 0, consecutiveLocal: 0 },
      { host: 'h2', ejected: false, ejectionCount: 0, backoff: 0, consecutive5xx: 3, consecutiveGateway: 3, consecutiveLocal: 0 },
    ]);
  });
});
