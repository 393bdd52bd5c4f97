import { describe, expect, it } from 'vitest';
import { compileFullMatch, compileStringMatch, matchHeader, matchValue, RegexError } from './string-match.js';

describe('compileStringMatch (Envoy StringMatcher, regexes with RE2 and whole-value)', () => {
  it.each([
    [{ exact: 'a' }, 'a', true],
    [{ exact: 'a' }, 'ab', false],
    [{ exact: '' }, '', true],
    [{ prefix: '/api' }, '/apis', true],
    [{ prefix: '' }, 'anything', true],
    [{ regex: 'v[0-9]+' }, 'v12', true],
    [{ regex: 'v[0-9]+' }, 'xv12', false],
    [{ regex: 'v[0-9]+' }, 'v12x', false],
    [{ regex: 'a|b' }, 'a', true],
    [{ regex: 'a|b' }, 'ab', false],
    [{ regex: '.*' }, 'line\nbreak', false],
    [{ regex: '(?s).*' }, 'line\nbreak', true],
    [{ regex: 'é+' }, 'éé', true],
    [{}, 'anything', true],
    [{ regex: '*' }, 'anything', true],
  ])('%o on %j → %s', (spec, value, expected) => {
    expect(matchValue(compileStringMatch(spec), value)).toBe(expected);
  });

  it('folds case for exact and prefix only', () => {
    expect(matchValue(compileStringMatch({ exact: '/A' }), '/a', true)).toBe(true);
    expect(matchValue(compileStringMatch({ prefix: '/A' }), '/ab', true)).toBe(true);
    expect(matchValue(compileStringMatch({ regex: '/A' }), '/a', true)).toBe(false);
  });

  it('refuses what RE2 refuses, even when JavaScript accepts it', () => {
    expect(() => compileFullMatch('(a)\\1')).toThrow(RegexError);
    expect(() => compileFullMatch('(?<=a)b')).toThrow(/invalid RE2 regex/);
    expect(/(a)\1/.test('aa')).toBe(true);
  });
});

describe('matchHeader (Envoy HeaderUtility::matchHeaders)', () => {
  const present = compileStringMatch({});
  const exact = compileStringMatch({ exact: 'x' });
  const empty = compileStringMatch({ exact: '' });
  it.each([
    ['present, header there', present, 'v', false, true],
    ['present, header missing', present, undefined, false, false],
    ['value, header missing', exact, undefined, false, false],
    ['inverted present, header missing', present, undefined, true, true],
    ['inverted present, header there', present, '', true, false],
    ['inverted value, header missing counts as empty', exact, undefined, true, true],
    ['inverted empty exact, header missing counts as empty', empty, undefined, true, false],
    ['inverted value, same value', exact, 'x', true, false],
  ] as const)('%s', (_name, m, value, invert, expected) => {
    expect(matchHeader(m, value, invert)).toBe(expected);
  });
});
