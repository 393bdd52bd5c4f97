import { KINDS } from '@rudder/shared/kinds';
import { describe, expect, it } from 'vitest';
import { checkLocally } from './lint.js';
import { templateFor } from './templates.js';

describe('templateFor', () => {
  it.each(KINDS.map((k) => [k.kind, k] as const))('gives a %s that passes the schema', (_kind, def) => {
    expect(checkLocally(def, templateFor(def, 'default')).markers).toEqual([]);
  });
});
