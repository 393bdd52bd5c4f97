import { describe, expect, it } from 'vitest';
import { eventFor, startPoint } from './watch.js';

describe('watch resourceVersion semantics', () => {
  it('absent or 0 starts with the current state; N resumes after N', () => {
    expect(startPoint(undefined, 5)).toEqual({ initial: true });
    expect(startPoint('', 5)).toEqual({ initial: true });
    expect(startPoint('0', 5)).toEqual({ initial: true });
    expect(startPoint('12', 5)).toEqual({ initial: false, since: 12 });
    expect(startPoint('4', 5)).toEqual({ initial: false, since: 4 });
    expect(startPoint('12', 5, true)).toEqual({ initial: true });
  });

  it('a version older than the change log is Expired (410)', () => {
    expect(startPoint('3', 5)).toEqual({ expired: 'too old resource version: 3 (4)' });
    expect(startPoint('3', 0)).toEqual({ initial: false, since: 3 });
  });

  it('refuses a resourceVersion that is not a number', () => {
    expect(() => startPoint('abc', 1)).toThrow(/resourceVersion: Invalid value/);
  });
});

describe('events under a label selector', () => {
  it('entering the selection is ADDED, leaving it DELETED, staying MODIFIED', () => {
    expect(eventFor('ADDED', false, true)).toBe('ADDED');
    expect(eventFor('ADDED', false, false)).toBeUndefined();
    expect(eventFor('MODIFIED', true, true)).toBe('MODIFIED');
    expect(eventFor('MODIFIED', false, true)).toBe('ADDED');
    expect(eventFor('MODIFIED', true, false)).toBe('DELETED');
    expect(eventFor('MODIFIED', false, false)).toBeUndefined();
    expect(eventFor('DELETED', true, true)).toBe('DELETED');
    expect(eventFor('DELETED', false, false)).toBeUndefined();
  });
});
