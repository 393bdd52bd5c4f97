import { describe, expect, it } from 'vitest';
import { buildFault, buildMirror, buildTimeout, faultFromLive, type FaultState, mirrorFromLive, timeoutFromLive } from './route-policy.js';
import { reviews, schemaProblems } from './testing.js';

const ratings = () => ({ ...reviews({}), service: 'ratings', subsets: ['v1'] });

describe('fault injection', () => {
  const tutorial: FaultState = { delay: { enabled: true, percent: '100', fixedDelay: '10s' }, abort: { enabled: false, percent: '100', httpStatus: '500' }, user: 'tester', subset: 'v1' };

  it('writes tutorial 6.5 for one user and reads it back', () => {
    const built = buildFault(ratings(), tutorial);
    expect(built.problems).toEqual([]);
    const route = [{ destination: { host: 'ratings', subset: 'v1' } }];
    expect(built.resources[0]?.spec?.http).toEqual([{ match: [{ headers: { 'end-user': { exact: 'tester' } } }], fault: { delay: { percentage: { value: 100 }, fixedDelay: '10s' } }, route }, { route }]);
    expect(built.resources[1]?.kind).toBe('DestinationRule');
    expect(schemaProblems(built.resources)).toEqual([]);
    expect(faultFromLive({ ...ratings(), live: { vs: built.resources[0] } })).toEqual(tutorial);
  });

  it('faults everyone without a user, and refuses bad values by field', () => {
    const built = buildFault(ratings(), { ...tutorial, user: '', abort: { enabled: true, percent: '50', httpStatus: '500' } });
    expect(built.resources[0]?.spec?.http).toHaveLength(1);
    const bad = buildFault(ratings(), { ...tutorial, delay: { enabled: true, percent: '120', fixedDelay: '-1s' }, abort: { enabled: true, percent: '5', httpStatus: '99' } });
    expect(bad.problems.map((p) => p.field)).toEqual(['delay-percent', 'delay-fixed', 'abort-status']);
  });
});

describe('timeout and retries', () => {
  it('writes a timeout with retries and reads it back', () => {
    const state = { timeout: '0.5s', retries: { enabled: true, attempts: '3', perTryTimeout: '2s', retryOn: ['5xx', 'connect-failure'] }, subset: 'v2' };
    const built = buildTimeout(reviews(), state);
    expect(built.problems).toEqual([]);
    expect(built.resources[0]?.spec?.http).toEqual([{ route: [{ destination: { host: 'reviews', subset: 'v2' } }], timeout: '0.5s', retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx,connect-failure' } }]);
    expect(schemaProblems(built.resources)).toEqual([]);
    expect(timeoutFromLive({ ...reviews(), live: { vs: built.resources[0] } })).toEqual(state);
  });

  it('refuses a negative timeout, naming the field', () => {
    const built = buildTimeout(reviews(), { timeout: '-1s', retries: { enabled: true, attempts: 'x', perTryTimeout: '', retryOn: [] }, subset: '' });
    expect(built.problems).toEqual([
      { field: 'timeout', message: 'Timeout: must not be negative.' },
      { field: 'attempts', message: 'Attempts: a whole number from 0 to 100.' },
      { field: 'retry-on', message: 'Retry on: pick at least one condition.' },
    ]);
  });
});

describe('mirroring', () => {
  it('mirrors v1 traffic to v2 at 100 %, as tutorial 6.9', () => {
    const state = { subset: 'v1', mirrorHost: 'reviews', mirrorSubset: 'v2', percent: '100' };
    const built = buildMirror(reviews(), state);
    expect(built.problems).toEqual([]);
    expect(built.resources[0]?.spec?.http).toEqual([{ route: [{ destination: { host: 'reviews', subset: 'v1' } }], mirror: { host: 'reviews', subset: 'v2' }, mirrorPercentage: { value: 100 } }]);
    expect(schemaProblems(built.resources)).toEqual([]);
    expect(mirrorFromLive({ ...reviews(), live: { vs: built.resources[0] } })).toEqual(state);
    expect(buildMirror(reviews(), { ...state, mirrorSubset: 'v1' }).problems[0]?.field).toBe('mirror-subset');
  });
});

describe('new rules start valid', () => {
  it('timeout and mirroring need no typing before Apply', () => {
    expect(buildTimeout(reviews(), timeoutFromLive(reviews())).problems).toEqual([]);
    expect(mirrorFromLive(reviews())).toEqual({ subset: 'v1', mirrorHost: 'reviews', mirrorSubset: 'v2', percent: '100' });
  });
});
