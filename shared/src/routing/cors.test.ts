// corsPolicy compiled as Istio hands it to Envoy's CORS filter (istio route.go TranslateCORSPolicy).
import { describe, expect, it } from 'vitest';
import { compileRouteTable, RouteCompileError } from './compile.js';
import { matchRoute } from './match.js';
import { request, resource, snapshot } from './testdata/fixtures.js';

const corsOf = (corsPolicy: Record<string, unknown>) => {
  const table = compileRouteTable(snapshot([resource('VirtualService', 'reviews', { hosts: ['reviews'], http: [{ corsPolicy, route: [{ destination: { host: 'reviews' } }] }] })]));
  const m = matchRoute(table, request('reviews', '/'));
  if (m.kind !== 'route') throw new Error(m.kind);
  return m.rule.cors;
};

describe('corsPolicy (istio.io VirtualService CorsPolicy)', () => {
  it('joins the lists with commas, keeps maxAge in whole seconds and forwards unmatched preflights by default', () => {
    expect(
      corsOf({ allowOrigins: [{ exact: 'https://a.example' }, { regex: 'https://.*\\.b\\.io' }], allowMethods: ['GET', 'POST'], allowHeaders: ['x-a', 'x-b'], exposeHeaders: ['x-c'], maxAge: '1.5s', allowCredentials: true }),
    ).toMatchObject({ allowMethods: 'GET,POST', allowHeaders: 'x-a,x-b', exposeHeaders: 'x-c', maxAge: '1', allowCredentials: true, forwardNotMatchingPreflights: true });
  });

  it('falls back to the deprecated exact allowOrigin list; IGNORE stops forwarding unmatched preflights', () => {
    const cors = corsOf({ allowOrigin: ['https://old.example'], unmatchedPreflights: 'IGNORE' });
    expect(cors?.allowOrigins).toEqual([{ kind: 'exact', value: 'https://old.example' }]);
    expect([cors?.maxAge, cors?.allowMethods, cors?.forwardNotMatchingPreflights]).toEqual(['', '', false]);
  });

  it('refuses an origin regex RE2 does not compile', () => {
    expect(() => corsOf({ allowOrigins: [{ regex: '(' }] })).toThrow(RouteCompileError);
  });
});
