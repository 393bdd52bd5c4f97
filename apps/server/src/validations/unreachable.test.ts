// IST0130/IST0131 in the wording of Istio's analyzer (pkg/config/analysis/msg/messages.yaml),
// from the webhook's unreachable-rule analysis, with field paths.
import { describe, expect, it } from 'vitest';
import { run, vs } from './test-fixtures.js';

const route = [{ destination: { host: 'reviews' } }];
const only = (spec: Record<string, unknown>) =>
  (run([vs('a', { hosts: ['reviews'], ...spec })]).get('VirtualService/default/a') ?? []).filter((f) => f.code.startsWith('IST'));

describe('IST0130 unreachable rule', () => {
  it('flags a rule after one without matches', () => {
    expect(only({ http: [{ route }, { match: [{ uri: { prefix: '/a' } }], route }] })).toEqual([
      { code: 'IST0130', severity: 'warning', field: 'spec.http[1]', message: 'VirtualService rule #1 not used (route without matches defined before).' },
    ]);
    expect(only({ tcp: [{ route }, { route }] })[0]?.message).toBe('VirtualService rule #1 not used (only the last rule can have no matches).');
  });

  it('is gone once the catch-all comes last', () => {
    expect(only({ http: [{ match: [{ uri: { prefix: '/a' } }], route }, { route }] })).toEqual([]);
  });
});

describe('IST0131 ineffective match', () => {
  it('flags a match repeated from an earlier rule, and names rules by name', () => {
    const http = [
      { name: 'first', match: [{ uri: { exact: '/a' } }], route },
      { match: [{ uri: { exact: '/a' } }, { uri: { exact: '/b' } }], route },
    ];
    expect(only({ http })).toEqual([
      {
        code: 'IST0131',
        severity: 'info',
        field: 'spec.http[1].match[0]',
        message: 'VirtualService rule #1 match #0 is not used (duplicate/overlapping match in rule "first").',
      },
    ]);
  });

  it('is gone when the matches differ', () => {
    expect(only({ http: [{ match: [{ uri: { exact: '/a' } }], route }, { match: [{ uri: { exact: '/b' } }], route }] })).toEqual([]);
  });
});
