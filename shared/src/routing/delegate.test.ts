import { describe, expect, it } from 'vitest';
import type { HTTPMatchRequest, HTTPRoute } from '../kinds/index.js';
import { mergeHTTPRoutes } from './delegate.js';

const dest = [{ destination: { host: 'reviews' } }];
const root = (match: HTTPMatchRequest[], extra: Partial<HTTPRoute> = {}): HTTPRoute => ({ name: 'root', match, delegate: { name: 'd' }, ...extra });
const merged = (r: HTTPRoute, leaves: HTTPRoute[]) => mergeHTTPRoutes(r, leaves).map((m) => m.route?.match ?? (m.route ? 'all' : 'dropped'));

describe('mergeHTTPRoutes (istio pilot/pkg/model/virtualservice.go)', () => {
  it.each([
    ['exact under exact: equal', { exact: '/a' }, { exact: '/a' }, true],
    ['exact under exact: different', { exact: '/a' }, { exact: '/b' }, false],
    ['prefix under exact', { exact: '/a' }, { prefix: '/a' }, false],
    ['prefix under a shorter prefix', { prefix: '/a' }, { prefix: '/a/b' }, true],
    ['prefix under a longer prefix', { prefix: '/a/b' }, { prefix: '/a' }, false],
    ['exact under prefix', { prefix: '/a' }, { exact: '/a/x' }, true],
    ['regex under prefix', { prefix: '/a' }, { regex: '/a.*' }, false],
    ['anything under regex', { regex: '/a.*' }, { prefix: '/a' }, false],
  ])('uri %s', (_name, rootUri, leafUri, fits) => {
    const out = merged(root([{ uri: rootUri }]), [{ match: [{ uri: leafUri }], route: dest }]);
    expect(out).toEqual(fits ? [[{ uri: leafUri }]] : ['dropped']);
  });

  it('ANDs the root conditions into each delegate match, once per fitting root match', () => {
    const r = root([{ uri: { prefix: '/reviews' }, headers: { a: { exact: '1' } } }, { uri: { prefix: '/api' } }]);
    const out = merged(r, [{ match: [{ headers: { b: { exact: '2' } } }], route: dest }, { route: dest }]);
    expect(out).toEqual([
      [
        { uri: { prefix: '/reviews' }, headers: { a: { exact: '1' }, b: { exact: '2' } } },
        { uri: { prefix: '/api' }, headers: { b: { exact: '2' } } },
      ],
      r.match,
    ]);
  });

  it('takes unset fields from the root and joins names', () => {
    const [first] = mergeHTTPRoutes(root([], { timeout: '1s', retries: { attempts: 3 } }), [{ name: 'leaf', route: dest, timeout: '2s' }]);
    expect(first?.route).toEqual({ name: 'root-leaf', route: dest, timeout: '2s', retries: { attempts: 3 } });
  });

  it('refuses a delegate match on another port or with different ignoreUriCase', () => {
    expect(merged(root([{ port: 80 }]), [{ match: [{ port: 81 }], route: dest }])).toEqual(['dropped']);
    expect(merged(root([{ ignoreUriCase: true }]), [{ match: [{}], route: dest }])).toEqual(['dropped']);
  });
});
