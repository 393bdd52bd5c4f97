import { describe, expect, it } from 'vitest';
import { buildRouting, type Condition, routingFromLive, type RoutingState } from './request-routing.js';
import { reviews, schemaProblems } from './testing.js';

const cond = (c: Partial<Condition>): Condition => ({ type: 'header', name: 'end-user', op: 'exact', value: 'tester', ignoreCase: false, ...c });

describe('request routing', () => {
  it('writes tutorial 6.2: tester to v2, everyone else to v1, and reads it back', () => {
    const state: RoutingState = { rules: [{ conditions: [cond({})], subset: 'v2' }], defaultSubset: 'v1' };
    const built = buildRouting(reviews(), state);
    expect(built.problems).toEqual([]);
    expect(built.warnings).toEqual([]);
    expect(built.resources[0]?.spec?.http).toEqual([
      { match: [{ headers: { 'end-user': { exact: 'tester' } } }], route: [{ destination: { host: 'reviews', subset: 'v2' } }] },
      { route: [{ destination: { host: 'reviews', subset: 'v1' } }] },
    ]);
    expect(schemaProblems(built.resources)).toEqual([]);
    expect(routingFromLive({ ...reviews(), live: { vs: built.resources[0] } })).toEqual(state);
  });

  it('combines query, uri with ignore case and method in one match block', () => {
    const conditions = [cond({ type: 'query', name: 'test', value: 'v2' }), cond({ type: 'uri', name: '', op: 'prefix', value: '/api', ignoreCase: true }), cond({ type: 'method', name: '', value: 'GET' })];
    const built = buildRouting(reviews(), { rules: [{ conditions, subset: 'v3' }], defaultSubset: '' });
    expect(built.resources[0]?.spec?.http).toEqual([
      { match: [{ queryParams: { test: { exact: 'v2' } }, uri: { prefix: '/api' }, ignoreUriCase: true, method: { exact: 'GET' } }], route: [{ destination: { host: 'reviews', subset: 'v3' } }] },
      { route: [{ destination: { host: 'reviews' } }] },
    ]);
    expect(schemaProblems(built.resources)).toEqual([]);
  });

  it('warns when an earlier rule catches everything', () => {
    const state: RoutingState = {
      rules: [
        { conditions: [cond({ type: 'uri', name: '', op: 'prefix', value: '/' })], subset: 'v1' },
        { conditions: [cond({})], subset: 'v2' },
      ],
      defaultSubset: 'v3',
    };
    expect(buildRouting(reviews(), state).warnings).toEqual([
      'Rule 2 can never match: rule 1 catches every request before it.',
      'The default route is never used: rule 1 catches every request.',
    ]);
  });

  it('names every bad field', () => {
    const state: RoutingState = { rules: [{ conditions: [cond({ name: 'End User', value: '' }), cond({ type: 'uri', op: 'regex', value: '(' })], subset: '' }], defaultSubset: 'v1' };
    expect(buildRouting(reviews(), state).problems.map((p) => p.field)).toEqual(['rule-1-condition-1-name', 'rule-1-condition-1-name', 'rule-1-condition-1-value', 'rule-1-condition-2-value', 'rule-1-subset']);
  });
});
