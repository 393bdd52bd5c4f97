import { describe, expect, it } from 'vitest';
import { buildShifting, proportional, setWeight, shiftingFromLive, type WeightRow } from './traffic-shifting.js';
import { reviews, schemaProblems } from './testing.js';

const rows = (...w: number[]): WeightRow[] => w.map((weight, i) => ({ subset: `v${i + 1}`, weight: String(weight), locked: false }));
const weights = (r: WeightRow[]) => r.map((x) => Number(x.weight));

describe('traffic shifting weights', () => {
  it('starts even and keeps the sum at 100 as one slider moves', () => {
    const start = shiftingFromLive(reviews());
    expect(weights(start)).toEqual([34, 33, 33]);
    const moved = setWeight(start, 0, '10');
    expect(weights(moved)[0]).toBe(10);
    expect(weights(moved).reduce((a, b) => a + b)).toBe(100);
  });

  it('reaches 10/10/80 with a lock, as tutorial 6.1', () => {
    let r = setWeight(rows(34, 33, 33), 0, '10');
    r = r.map((x, i) => (i === 0 ? { ...x, locked: true } : x));
    r = setWeight(r, 1, '10');
    expect(weights(r)).toEqual([10, 10, 80]);
  });

  it('reports weights that do not fit when every other row is locked', () => {
    const locked = rows(10, 10, 80).map((x, i) => ({ ...x, locked: i > 0 }));
    const built = buildShifting(reviews(), setWeight(locked, 0, '30'));
    expect(built.problems).toEqual([{ field: 'weights', message: expect.stringMatching(/add up to 120/) }]);
    expect(buildShifting(reviews(), rows(-5, 50, 55)).problems[0]?.field).toBe('weight-v1');
  });

  it('splits proportionally with the largest remainder', () => {
    expect(proportional(90, [33, 33])).toEqual([45, 45]);
    expect(proportional(7, [0, 0, 0])).toEqual([3, 2, 2]);
  });

  it('writes a schema-valid VirtualService only, since the baseline rule has the subsets, and reads it back', () => {
    const built = buildShifting(reviews(), rows(10, 10, 80));
    expect(built.problems).toEqual([]);
    expect(built.resources.map((r) => r.kind)).toEqual(['VirtualService']);
    expect(schemaProblems(built.resources)).toEqual([]);
    const vs = built.resources[0];
    expect(vs?.metadata.labels).toEqual({ kiali_wizard: 'traffic-shifting' });
    expect(vs?.spec).toEqual({
      hosts: ['reviews'],
      http: [{ route: [10, 10, 80].map((weight, i) => ({ destination: { host: 'reviews', subset: `v${i + 1}` }, weight })) }],
    });
    expect(weights(shiftingFromLive({ ...reviews(), live: { vs } }))).toEqual([10, 10, 80]);
  });

  it('drops zero weights and adds subsets the DestinationRule lacks', () => {
    const built = buildShifting(reviews({}), rows(0, 100, 0));
    expect(built.resources[0]?.spec?.http).toEqual([{ route: [{ destination: { host: 'reviews', subset: 'v2' } }] }]);
    expect(built.resources[1]?.spec).toEqual({ host: 'reviews', subsets: [{ name: 'v2', labels: { version: 'v2' } }] });
    expect(schemaProblems(built.resources)).toEqual([]);
  });
});
