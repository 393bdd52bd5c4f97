import { describe, expect, it } from 'vitest';
import { node } from '../graph/model/fixture.js';
import { edgeSelector, nodeSelectors, seconds, stepFor } from './selectors.js';

describe('metrics selectors', () => {
  const svc = node('svc', { nodeType: 'service', service: 'reviews' });
  const pp = node('pp', { app: 'productpage', version: 'v1', workload: 'productpage-v1' });
  const r3 = node('r3', { app: 'reviews', version: 'v3', workload: 'reviews-v3' });

  it('charts versions, workloads and services', () => {
    expect(nodeSelectors(r3)).toEqual({
      inbound: { app: 'reviews', version: 'v3', namespace: 'default' },
      outbound: { app: 'reviews', version: 'v3', namespace: 'default', direction: 'outbound' },
    });
    expect(nodeSelectors(svc)).toEqual({ inbound: { service: 'reviews', namespace: 'default' } });
    expect(nodeSelectors(node('u', { nodeType: 'unknown' }))).toEqual({});
  });

  it('names an edge by the service it passes and its ends', () => {
    expect(edgeSelector(pp, svc, false)).toEqual({ service: 'reviews', namespace: 'default', source: 'productpage-v1' });
    expect(edgeSelector(svc, r3, true)).toEqual({ service: 'reviews', namespace: 'default', destination: 'reviews-v3', mirrored: 'only' });
    expect(edgeSelector(pp, r3, false)).toEqual({ source: 'productpage-v1', destination: 'reviews-v3' });
  });

  it('samples about 30 points', () => {
    expect(stepFor(seconds('60s'))).toBe(5);
    expect(stepFor(seconds('1h'))).toBe(120);
    expect(seconds('5m')).toBe(300);
  });
});
