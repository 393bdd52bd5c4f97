import { describe, expect, it } from 'vitest';
import { matchesFields, matchesRequirements, parseFieldSelector, parseLabelSelector } from './selectors.js';

const match = (selector: string, labels: Record<string, string>) => matchesRequirements(parseLabelSelector(selector), labels);

describe('label selectors (apimachinery pkg/labels grammar)', () => {
  const labels = { app: 'ratings', version: 'v1', 'app.kubernetes.io/part-of': 'bookinfo' };
  it.each([
    ['app=ratings', true],
    ['app==ratings', true],
    ['app!=ratings', false],
    ['app=ratings,version!=v2', true],
    ['version in (v1, v2)', true],
    ['version notin (v1)', false],
    ['version', true],
    ['!version', false],
    ['!tier', true],
    ['tier!=front', true],
    ['app.kubernetes.io/part-of=bookinfo,version in (v1,v3)', true],
    ['', true],
  ])('%j → %s', (selector, expected) => expect(match(selector, labels)).toBe(expected));

  it('refuses bad syntax with the requirement', () => {
    expect(() => parseLabelSelector('app=in valid')).toThrow(/unable to parse requirement/);
    expect(() => parseLabelSelector('-bad=1')).toThrow(/invalid label key/);
  });
});

describe('field selectors', () => {
  it('select on metadata.name and metadata.namespace only', () => {
    const s = parseFieldSelector('metadata.name=ratings,metadata.namespace!=prod');
    expect(matchesFields(s, { name: 'ratings', namespace: 'default' })).toBe(true);
    expect(matchesFields(s, { name: 'ratings', namespace: 'prod' })).toBe(false);
    expect(() => parseFieldSelector('spec.host=x')).toThrow(/not a known field selector/);
  });
});
