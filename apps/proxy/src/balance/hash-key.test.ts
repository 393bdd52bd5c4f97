import { describe, expect, it } from 'vitest';
import { cookieValue, createHashKey, setCookieText } from './hash-key.js';
import { toHex64, xxHash64 } from './xxhash64.js';

const random = () => 0.25;

describe('hash key from ConsistentHashLB (envoy hash_policy.cc; Istio DestinationRule ConsistentHashLB)', () => {
  it('httpHeaderName: the header value, case-insensitive name; none when absent', () => {
    const key = createHashKey({ httpHeaderName: 'X-User' }, { random });
    expect(key({ headers: { 'x-user': 'jason' } })).toEqual({ key: 'jason' });
    expect(key({ headers: {} })).toEqual({ key: undefined });
  });

  it('httpHeaderName: several values hash alike whatever their order (Envoy sorts them)', () => {
    const key = createHashKey({ httpHeaderName: 'x-tag' }, { random });
    expect(key({ headers: { 'x-tag': ['b', 'a'] } }).key).toBe(key({ headers: { 'x-tag': ['a', 'b'] } }).key);
  });

  it('httpCookie present: its value (quotes removed, as Utility::parseCookieValue)', () => {
    const key = createHashKey({ httpCookie: { name: 'user', ttl: '60s' } }, { random });
    expect(key({ headers: { cookie: 'a=1; user="abc123"; b=2' } })).toEqual({ key: 'abc123' });
    expect(key({ headers: {}, cookies: { user: 'xyz' } })).toEqual({ key: 'xyz' });
  });

  it('httpCookie absent with ttl: generates a value and the Set-Cookie text (name="v"; Max-Age; Path; HttpOnly)', () => {
    const key = createHashKey({ httpCookie: { name: 'user', path: '/', ttl: '3600s' } }, { random });
    const result = key({ headers: {} });
    expect(result.key).toMatch(/^[0-9a-f]{16}$/);
    expect(result.key).toBe('4000000040000000'); // two draws of 0.25
    expect(result.setCookie).toBe(`user="${result.key}"; Max-Age=3600; Path=/; HttpOnly`);
  });

  it('httpCookie generated from the connection is Envoy\'s hex xxHash64(remote + local)', () => {
    const key = createHashKey({ httpCookie: { name: 'user', ttl: '10m' } }, { random });
    const connection = '10.0.0.9:5123410.0.0.1:8080';
    const result = key({ headers: {}, connection });
    expect(result.key).toBe(toHex64(xxHash64(connection)));
    expect(result.setCookie).toBe(`user="${result.key}"; Max-Age=600; HttpOnly`);
  });

  it('httpCookie ttl 0s: a session cookie, no Max-Age; attributes are appended before HttpOnly', () => {
    const key = createHashKey(
      { httpCookie: { name: 's', path: '/app', ttl: '0s', attributes: [{ name: 'SameSite', value: 'Lax' }, { name: 'Secure' }] } },
      { random },
    );
    expect(key({ headers: {} }).setCookie).toMatch(/^s="[0-9a-f]{16}"; Path=\/app; SameSite=Lax; Secure; HttpOnly$/);
  });

  it('httpCookie absent without ttl: no hash key, no cookie', () => {
    const key = createHashKey({ httpCookie: { name: 'user' } }, { random });
    expect(key({ headers: { cookie: 'other=1' } })).toEqual({});
  });

  it('an empty cookie counts as absent (Envoy checks value.empty())', () => {
    const key = createHashKey({ httpCookie: { name: 'user', ttl: '1s' } }, { random });
    expect(key({ headers: { cookie: 'user=' } }).setCookie).toContain('Max-Age=1');
  });

  it('useSourceIp: the client address', () => {
    const key = createHashKey({ useSourceIp: true }, { random });
    expect(key({ headers: {}, sourceIp: '192.168.1.7' })).toEqual({ key: '192.168.1.7' });
  });

  it('httpQueryParameterName: the first value, from URLSearchParams or a plain record', () => {
    const key = createHashKey({ httpQueryParameterName: 'session' }, { random });
    expect(key({ headers: {}, query: new URLSearchParams('session=s1&session=s2') })).toEqual({ key: 's1' });
    expect(key({ headers: {}, query: { session: ['s3', 's4'] } })).toEqual({ key: 's3' });
    expect(key({ headers: {}, query: {} })).toEqual({ key: undefined });
  });

  it('no hash source configured: no key', () => {
    expect(createHashKey({}, { random })({ headers: {} })).toEqual({});
  });

  it('helpers: cookie parsing takes the first match; Set-Cookie formatting', () => {
    expect(cookieValue({ headers: { cookie: ['x=1; user=first', 'user=second'] } }, 'user')).toBe('first');
    expect(cookieValue({ headers: {} }, 'user')).toBeUndefined();
    expect(setCookieText('n', 'v', {})).toBe('n="v"; HttpOnly');
  });
});
