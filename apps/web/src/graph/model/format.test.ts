import { describe, expect, it } from 'vitest';
import { edgeLabel, formatMs, formatPercent, formatRate } from './format.js';

describe('label formats (Kiali)', () => {
  it('formats rates, latencies and shares', () => {
    expect([formatRate(12), formatRate(1.456), formatRate(0.004), formatRate(0)]).toEqual(['12', '1.46', '0.004', '0']);
    expect([formatMs(850.4), formatMs(1250), formatMs(3.14)]).toEqual(['850ms', '1.25s', '3.1ms']);
    expect([formatPercent(0.25), formatPercent(12.34), formatPercent(80)]).toEqual(['0.3%', '12%', '80%']);
  });

  it('labels edges per mode; distribution only below 100 %', () => {
    const e = { rps: 2.5, errorPercent: 4, share: 80, p95: 42, mirror: false };
    expect(edgeLabel(e, 'rps')).toEqual(['2.5rps', '4%err']);
    expect(edgeLabel(e, 'percent')).toEqual(['80%']);
    expect(edgeLabel({ ...e, share: 100 }, 'percent')).toEqual([]);
    expect(edgeLabel(e, 'p95')).toEqual(['42ms']);
    expect(edgeLabel({ ...e, mirror: true, share: undefined }, 'rps')).toEqual(['mirror', '2.5rps', '4%err']);
  });
});
