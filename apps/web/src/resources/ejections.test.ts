import { describe, expect, it } from 'vitest';
import type { ReportedView } from '../api/types.js';
import { endpointStates } from './ejections.js';

const view = (caller: string, ejected: boolean): ReportedView => ({
  proxy: 'p',
  reportedAt: 0,
  caller: { workload: caller, namespace: 'default', app: caller, version: 'v1' },
  cluster: 'c',
  host: 'reviews.default.svc.cluster.local',
  endpoints: [{ address: '127.0.0.1', port: 1, name: 'reviews-v1-1', workload: 'reviews-v1', healthy: !ejected, ejected, ejections: ejected ? 2 : 0, active: 1, ...(ejected ? { ejectedUntil: 99 } : {}) }],
  pool: { activeRequests: 0, pendingRequests: 0, connections: 0, maxConnections: 0, maxPendingRequests: 0, maxRequests: 0, overflows: 0, overflowsInInterval: 0 },
});

describe('endpointStates', () => {
  it('merges what every caller reports about an instance', () => {
    const s = endpointStates([view('productpage-v1', true), view('gateway', false)]).get('reviews-v1-1');
    expect(s).toEqual({ ejectedBy: ['productpage-v1'], ejections: 2, ejectedUntil: 99, active: 2 });
  });
});
