import { describe, expect, it } from 'vitest';
import { causesToProblems, PREVIOUS_ANNOTATION, removalPlan, replaceWarnings, subsetsOf, WIZARD_LABEL } from './model.js';
import { buildBreaker, TUTORIAL_BREAKER } from './destination-policy.js';
import { buildShifting } from './traffic-shifting.js';
import { baselineReviewsRule, reviews } from './testing.js';

describe('marks and removal', () => {
  it('deletes what a wizard created', () => {
    const [vs, dr] = buildShifting(reviews({}), [{ subset: 'v1', weight: '100', locked: false }]).resources;
    expect(dr?.metadata.labels?.[WIZARD_LABEL]).toBe('traffic-shifting');
    const plan = removalPlan({ vs: { ...vs, metadata: { ...vs?.metadata, resourceVersion: '9' } } as never, dr });
    expect(plan.deletes).toEqual([
      { kind: 'VirtualService', namespace: 'default', name: 'reviews', resourceVersion: '9' },
      { kind: 'DestinationRule', namespace: 'default', name: 'reviews' },
    ]);
    expect(plan.restores).toEqual([]);
  });

  it('restores a rule the user had before, without the marks', () => {
    const [dr] = buildBreaker(reviews(), TUTORIAL_BREAKER).resources;
    expect(dr?.metadata.annotations?.[PREVIOUS_ANNOTATION]).toBeDefined();
    // A second wizard on the same rule keeps the user's original.
    const again = buildBreaker({ ...reviews(), live: { dr } }, { ...TUTORIAL_BREAKER, outlier: { ...TUTORIAL_BREAKER.outlier, enabled: false } }).resources[0];
    expect(again?.metadata.annotations?.[PREVIOUS_ANNOTATION]).toBe(JSON.stringify(baselineReviewsRule.spec));
    const plan = removalPlan({ dr: again });
    expect(plan.deletes).toEqual([]);
    expect(plan.restores).toEqual([{ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'reviews', namespace: 'default', resourceVersion: '7' }, spec: baselineReviewsRule.spec }]);
  });

  it('warns before replacing another wizard\'s routing or the user\'s rule', () => {
    const [vs] = buildShifting(reviews(), [{ subset: 'v1', weight: '100', locked: false }]).resources;
    const ctx = { ...reviews(), live: { vs, dr: baselineReviewsRule } };
    const [dr] = buildBreaker(ctx, TUTORIAL_BREAKER).resources;
    expect(replaceWarnings(ctx, 'fault-injection', vs ? [vs] : [])).toEqual(['Replaces the routing the traffic shifting wizard wrote.']);
    expect(replaceWarnings(ctx, 'circuit-breaker', dr ? [dr] : [])).toEqual(['Replaces your DestinationRule reviews; Remove restores it.']);
    expect(replaceWarnings(ctx, 'traffic-shifting', vs ? [vs] : [])).toEqual([]);
  });

  it('maps server causes to the form control that set the field', () => {
    const fields = { 'documents[0].spec.http[0]': 'rule', 'documents[0].spec.http[0].match[0].uri': 'uri-value' };
    const causes = [
      { field: 'documents[0].spec.http[0].match[0].uri.regex', message: 'not RE2' },
      { field: 'documents[0].spec.http[0].route', message: 'bad route' },
      { field: 'documents[1].spec.host', message: 'elsewhere' },
    ];
    expect(causesToProblems(causes, fields)).toEqual([
      { field: 'uri-value', message: 'not RE2' },
      { field: 'rule', message: 'bad route' },
    ]);
  });

  it('leaves unmarked resources alone', () => {
    expect(removalPlan({ dr: baselineReviewsRule })).toEqual({ deletes: [], restores: [] });
  });

  it('collects subsets from versions and the live rule', () => {
    expect(subsetsOf(['v2', undefined, 'v1'], baselineReviewsRule)).toEqual(['v1', 'v2', 'v3']);
  });
});
