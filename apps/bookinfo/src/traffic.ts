// The steady traffic generator that keeps the graph alive: requests to productpage
// through the gateway at a fixed rate, a mix of anonymous and signed-in users (the
// productpage session cookie), so identity routes show up too. On by default in
// `npm start`, off in tests.
import { request } from 'node:http';
import type { TrafficSettings, TrafficState } from '@rudder/shared/protocol';

export interface TrafficGenerator {
  settings(): TrafficState;
  update(change: Partial<TrafficSettings>): TrafficSettings;
  stop(): void;
}

export const DEFAULT_TRAFFIC: TrafficSettings = { enabled: false, rate: 2, users: ['jason', 'tester'] };

export function startTrafficGenerator(gatewayUrl: string, initial: Partial<TrafficSettings> = {}, random = Math.random): TrafficGenerator {
  const settings: TrafficSettings = { ...DEFAULT_TRAFFIC, ...initial };
  const target = new URL('/productpage', gatewayUrl);
  let sent = 0;
  let failed = 0;
  let timer: NodeJS.Timeout | undefined;

  const fire = () => {
    const choice = Math.floor(random() * (settings.users.length + 1));
    const user = settings.users[choice];
    const req = request(target, { headers: user ? { cookie: `session=${user}` } : {}, timeout: 15_000 }, (res) => {
      if ((res.statusCode ?? 0) >= 500) failed++;
      res.resume();
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => failed++);
    req.end();
    sent++;
  };

  const schedule = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (!settings.enabled || settings.rate <= 0) return;
    timer = setInterval(fire, Math.max(10, 1000 / settings.rate));
    timer.unref();
  };

  schedule();
  return {
    settings: () => ({ ...settings, sent, failed }),
    update(change) {
      if (change.rate !== undefined && (!Number.isFinite(change.rate) || change.rate < 0 || change.rate > 100)) {
        throw new RangeError('rate must be between 0 and 100 requests per second');
      }
      Object.assign(settings, change);
      schedule();
      return { ...settings };
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}
