import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, formFromQuery, formToQuery, headerLines, parseHeaderLines, requestOf } from './form.js';

describe('simulator form', () => {
  it('round-trips through the URL query, keeping other parameters and leaving defaults out', () => {
    const form = { from: 'default/productpage-v1', host: 'reviews', port: '9080', method: 'POST', path: '/reviews/0?x=1&y=2', headers: [['end-user', 'jason'], ['cookie', 'session=jason; a=b']] } as const;
    const query = formToQuery(form, new URLSearchParams('tab=x&host=old'));
    const back = new URLSearchParams(query);
    expect(back.get('tab')).toBe('x');
    expect(formFromQuery(back)).toEqual(form);
    expect(formToQuery(EMPTY_FORM)).toBe('path=%2Fproductpage');
    expect(formFromQuery(new URLSearchParams())).toEqual(EMPTY_FORM);
  });

  it('writes headers as name: value lines and reads them back, values with colons included', () => {
    expect(headerLines([['a', '1'], ['', 'ignored'], [' b ', 'x: y']])).toBe('a: 1\nb: x: y');
    expect(parseHeaderLines('a: 1\n\nb: x: y\nbare')).toEqual([['a', '1'], ['b', 'x: y'], ['bare', '']]);
  });

  it('builds the request body: workload and namespace split, header names lower-cased, port a number', () => {
    const r = requestOf({ ...EMPTY_FORM, from: 'default/productpage-v1', host: ' reviews ', port: '9080', headers: [['End-User', 'jason']] });
    expect(r.request).toEqual({ from: 'productpage-v1', namespace: 'default', host: 'reviews', port: 9080, method: 'GET', path: '/productpage', headers: { 'end-user': 'jason' } });
    expect(requestOf({ ...EMPTY_FORM, host: 'x' }).request).toEqual({ from: 'gateway', host: 'x', method: 'GET', path: '/productpage', headers: {} });
  });

  it('names every problem to fix', () => {
    const r = requestOf({ ...EMPTY_FORM, host: '', port: '99999', path: 'nope', headers: [['bad name', 'v']] });
    expect(r.request).toBeUndefined();
    expect(r.problems).toEqual([
      expect.stringMatching(/^Host:/),
      'Port: "99999" is not a port number (1-65535).',
      'Path: must start with "/".',
      'Header "bad name": not a valid header name.',
    ]);
  });
});
