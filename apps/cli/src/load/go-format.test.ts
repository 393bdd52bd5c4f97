import { describe, expect, it } from 'vitest';
import { goD, goDuration, goF, goG, parseGoDuration } from './go-format.js';

describe("Go's fmt as fortio prints numbers (strconv ftoa.go, time.Duration.String)", () => {
  it('%.8g, %.4g, %g and %.9g of the tutorial\'s "Aggregated Function Time" line', () => {
    expect([goG(0.060465896, 8), goG(0.01994, 4), goG(0.025406513), goG(0.086700868), goG(1.20931791, 9)]).toEqual([
      '0.060465896',
      '0.01994',
      '0.025406513',
      '0.086700868',
      '1.20931791',
    ]);
  });

  it('%g switches to an exponent below 1e-4 and from 1e21 (shortest) or the precision', () => {
    expect([goG(4.9404876e-5), goG(1e6), goG(123456789), goG(100000), goG(1e-7)]).toEqual([
      '4.9404876e-05',
      '1e+06',
      '1.23456789e+08',
      '100000',
      '1e-07',
    ]);
    expect(goG(103012.5, 5)).toBe('1.0301e+05'); // README: "qps=1.0301e+05"
  });

  it('%.6g trims trailing zeros and keeps six significant digits', () => {
    expect([goG(0.035, 6), goG(0.0867009, 6), goG((0.025406513 + 0.03) / 2, 6), goG(0, 6)]).toEqual([
      '0.035',
      '0.0867009',
      '0.0277033',
      '0',
    ]);
  });

  it('%.Nf rounds an exact tie to even as Go does (JavaScript rounds it up)', () => {
    expect([goF(6.25, 1), goF(0.125, 2), goF(15, 2), goF(0.006, 2), goF(99.99999, 1), goF(38.9174, 3)]).toEqual([
      '6.2',
      '0.12',
      '15.00',
      '0.01',
      '100.0',
      '38.917',
    ]);
  });

  it('%3d pads on the left, so a socket error prints as "Code  -1"', () => {
    expect([goD(200, 3), goD(-1, 3), goD(1, 3)]).toEqual(['200', ' -1', '  1']);
  });

  it('time.Duration.String', () => {
    expect([624901397, 5e9, 90e9, 1500, 3600e9, 999, 1e6, 1242312567, 0].map(goDuration)).toEqual([
      '624.901397ms',
      '5s',
      '1m30s',
      '1.5µs',
      '1h0m0s',
      '999ns',
      '1ms',
      '1.242312567s',
      '0s',
    ]);
  });

  it('parses Go durations plus fortio.org/duration days; a bare number is not a duration', () => {
    expect([parseGoDuration('1m30s'), parseGoDuration('500ms'), parseGoDuration('1.5h'), parseGoDuration('2d')]).toEqual([
      90e9,
      500e6,
      5400e9,
      172800e9,
    ]);
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('10')).toBeUndefined();
    expect(parseGoDuration('ten s')).toBeUndefined();
  });
});
