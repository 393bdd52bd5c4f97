import { kindByName, type KindDefinition } from '@rudder/shared/kinds';
import { describe, expect, it } from 'vitest';
import { cursorContext, suggestionsAt } from './completion.js';

const vs = kindByName('VirtualService') as KindDefinition;
const dr = kindByName('DestinationRule') as KindDefinition;

/** The text with `|` removed, and the cursor where it was. */
const at = (withCursor: string) => ({ text: withCursor.replace('|', ''), pos: withCursor.indexOf('|') });

describe('cursorContext', () => {
  it('reads the map path of a key being typed in an indentless list', () => {
    const { text, pos } = at('spec:\n  http:\n  - route:\n    - destination:\n        host: a\n      wei|\n');
    expect(cursorContext(text, pos)).toMatchObject({ mode: 'key', path: ['spec', 'http', 0, 'route', 0], present: ['destination'] });
  });

  it('reads the field whose value is being typed', () => {
    const { text, pos } = at('spec:\n  trafficPolicy:\n    loadBalancer:\n      simple: RO|\n');
    expect(cursorContext(text, pos)).toMatchObject({ mode: 'value', path: ['spec', 'trafficPolicy', 'loadBalancer', 'simple'] });
  });

  it('stays quiet in a comment', () => {
    const { text, pos } = at('# spec|\n');
    expect(cursorContext(text, pos)).toBeUndefined();
  });
});

describe('suggestionsAt', () => {
  it('offers the fields of an HTTP route destination, not those already written', () => {
    const { text, pos } = at('spec:\n  http:\n  - route:\n    - destination:\n        host: a\n      |\n');
    const labels = suggestionsAt(vs, text, pos)?.options.map((o) => o.label);
    expect(labels).toContain('weight');
    expect(labels).toContain('headers');
    expect(labels).not.toContain('destination');
  });

  it('offers the enum values of a load balancer from the schema', () => {
    const { text, pos } = at('spec:\n  trafficPolicy:\n    loadBalancer:\n      simple: |\n');
    const labels = suggestionsAt(dr, text, pos)?.options.map((o) => o.label);
    expect(labels).toEqual(expect.arrayContaining(['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM']));
  });

  it('offers the top-level fields and the kind itself', () => {
    const { text, pos } = at('|');
    expect(suggestionsAt(vs, text, pos)?.options.map((o) => o.label)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    const kind = at('kind: |');
    expect(suggestionsAt(vs, kind.text, kind.pos)?.options.map((o) => o.label)).toEqual(['VirtualService']);
  });

  it('offers true and false for a boolean', () => {
    const { text, pos } = at('spec:\n  http:\n  - retries:\n      retryRemoteLocalities: |\n');
    expect(suggestionsAt(vs, text, pos)?.options.map((o) => o.label)).toEqual(['true', 'false']);
  });
});
