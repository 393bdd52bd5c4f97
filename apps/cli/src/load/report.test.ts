import { describe, expect, it } from 'vitest';
import { Counter } from './histogram.js';
import { ERROR, INFO, WARNING } from './log.js';
import { allDoneLine, counterLine, histogramLines, reportLines, runningLine, startingLine } from './report.js';
import { planRun } from './scheduler.js';
import { tutorialResult } from './testing/tutorial-result.js';

const opts = (level: number) => ({ level, percentiles: [50, 75, 90, 99, 99.9], uniform: false, jitter: false, noCatchUp: false });

describe("fortio's text report, line for line (tutorial 6.13 sample output)", () => {
  it('the histogram table of the tutorial run', () => {
    const r = tutorialResult();
    const lines = histogramLines('Aggregated Function Time', r.duration.export([50])).split('\n');
    expect(lines.slice(1, 8)).toEqual([
      '# range, mid point, percentile, count',
      '>= 0.0254065 <= 0.03 , 0.0277033 , 15.00, 3',
      '> 0.03 <= 0.035 , 0.0325 , 25.00, 2',
      '> 0.05 <= 0.06 , 0.055 , 30.00, 1',
      '> 0.06 <= 0.07 , 0.065 , 65.00, 7',
      '> 0.07 <= 0.08 , 0.075 , 90.00, 5',
      '> 0.08 <= 0.0867009 , 0.0833504 , 100.00, 2',
    ]);
    expect(lines[0]).toMatch(/^Aggregated Function Time : count 20 avg 0\.0\d+ \+\/- 0\.0\d+ min 0\.025406513 max 0\.086700868 sum 1\.\d+$/);
    expect(lines[8]).toMatch(/^# target 50% 0\.06\d*$/);
  });

  it('Counter.Print: "Response Header Sizes : count 20 avg 84 +/- 84 min 0 max 168 sum 1680"', () => {
    const c = new Counter();
    for (let i = 0; i < 20; i++) c.record(i % 2 ? 0 : 168);
    expect(counterLine('Response Header Sizes', c)).toBe('Response Header Sizes : count 20 avg 84 +/- 84 min 0 max 168 sum 1680\n');
  });

  it('the start lines', () => {
    expect(runningLine(0, 20, 5e9, 'http://h/productpage')).toBe(
      'Rudder 0.1.0 running at 0 queries per second, 1->1 procs, for 20 calls: http://h/productpage\n',
    );
    expect(runningLine(8, 0, 5e9, 'http://h/')).toMatch(/running at 8 queries per second, 1->1 procs, for 5s: http:\/\/h\/\n$/);
    const max = planRun({ qps: 0, threads: 2, exactly: 20, durationNs: 5e9 }).plan;
    expect(startingLine(max)).toBe('Starting at max qps with 2 thread(s) [gomax 1] for exactly 20 calls (10 per thread + 0)\n');
    const fixed = planRun({ qps: 8, threads: 4, exactly: 0, durationNs: 5e9 }).plan;
    expect(startingLine(fixed)).toBe('Starting at 8 qps with 4 thread(s) [gomax 1] for 5s : 10 calls each (total 40)\n');
    const forever = planRun({ qps: 0, threads: 4, exactly: 0, durationNs: 0 }).plan;
    expect(startingLine(forever)).toBe('Starting at max qps with 4 thread(s) [gomax 1] until interrupted\n');
  });

  it('Ended, sockets, one Code line per status with its share, sizes (loglevel Warning)', () => {
    const text = reportLines(tutorialResult(), opts(WARNING));
    const lines = text.split('\n');
    expect(lines[0]).toBe('Ended after 624.901397ms : 20 calls. qps=32.005');
    expect(lines).toContain('Sockets used: 11 (for perfect keepalive, would be 2)');
    expect(lines).toContain('[0]   6 socket used, resolved to 10.0.0.7:8080, connection timing : count 6 avg 0.0005 +/- 0 min 0.0005 max 0.0005 sum 0.003');
    expect(lines).toContain('Uniform: false, Jitter: false, Catchup allowed: true');
    const codes = lines.filter((l) => l.startsWith('Code '));
    expect(codes).toEqual(['Code 200 : 10 (50.0 %)', 'Code 503 : 10 (50.0 %)']);
    expect(lines).toContain('Response Header Sizes : count 20 avg 84 +/- 84 min 0 max 168 sum 1680');
    expect(lines).toContain('Response Body/Total Sizes : count 20 avg 2813 +/- 2538 min 275 max 5351 sum 56260');
    expect(text).toContain('# target 99.9% ');
    expect(text).toContain('Error cases : count 10 ');
    expect(text).toContain('Connection time (s) : count 11 ');
  });

  it('loglevel Info shows the connection time histogram; Error only counters and targets', () => {
    expect(reportLines(tutorialResult(), opts(INFO))).toContain('Connection time histogram (s) : count 11');
    const quiet = reportLines(tutorialResult(), opts(ERROR));
    expect(quiet).not.toContain('# range');
    expect(quiet).not.toContain('Ended after');
    expect(quiet).toMatch(/^Aggregated Function Time : count 20 .*\n# target 50% /);
    expect(quiet).toContain('Code 503 : 10 (50.0 %)');
  });

  it('socket errors are code -1, printed with %3d as fortio does', () => {
    const r = tutorialResult();
    r.retCodes.set(-1, 4);
    expect(reportLines(r, opts(WARNING))).toContain('Code  -1 : 4 (20.0 %)\nCode 200');
  });

  it('All done', () => {
    expect(allDoneLine(tutorialResult())).toMatch(/^All done 20 calls \(plus 0 warmup\) 59\.\d{3} ms avg, 32\.0 qps\n$/);
  });
});
