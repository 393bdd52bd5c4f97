import { describe, expect, it } from 'vitest';
import { defaultPair, type Revision } from './history.js';

const rev = (rv: string): Revision => ({ resourceVersion: rv, type: 'MODIFIED', actor: 'a', at: 0 });
const items = [rev('9'), rev('7'), rev('3')];

describe('defaultPair', () => {
  it('compares the one before the newest with the newest by default', () => {
    expect(defaultPair(items, {})).toEqual({ from: '7', to: '9' });
  });

  it('keeps what was picked and fills the other side', () => {
    expect(defaultPair(items, { from: '3' })).toEqual({ from: '3', to: '9' });
    expect(defaultPair(items, { to: '7' })).toEqual({ from: '9', to: '7' });
  });

  it('has nothing to compare with a single revision', () => {
    expect(defaultPair([rev('1')], {})).toEqual({ to: '1' });
    expect(defaultPair([], {})).toEqual({});
  });
});
