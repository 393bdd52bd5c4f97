import { describe, expect, it } from 'vitest';
import { buildView } from './build.js';
import { structureKey } from './diff.js';
import { syntheticGraph } from './synthetic.js';

describe('syntheticGraph', () => {
  it('has the asked size and keeps its structure while numbers drift', () => {
    const a = syntheticGraph(200, 400, 0);
    const b = syntheticGraph(200, 400, 5);
    expect(a.nodes).toHaveLength(200);
    expect(a.edges).toHaveLength(400);
    expect(structureKey(buildView(a))).toBe(structureKey(buildView(b)));
    expect(a.edges[1]?.rates.http).not.toBe(b.edges[1]?.rates.http);
    expect(a.edges.filter((e) => e.isMirror)).toHaveLength(14);
  });
});
