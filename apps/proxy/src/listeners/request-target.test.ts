import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestTarget, splitHostPort } from './request-target.js';

const req = (url: string, host?: string) => ({ url, headers: host ? { host } : {} }) as unknown as IncomingMessage;

describe('request target (Host header or absolute-form authority)', () => {
  it('reads the Host header and its port', () => {
    expect(requestTarget(req('/ratings/1', 'ratings:9080'))).toEqual({ host: 'ratings', port: 9080, path: '/ratings/1' });
    expect(requestTarget(req('/', 'Reviews.default.svc.cluster.local'))).toEqual({ host: 'reviews.default.svc.cluster.local', port: undefined, path: '/' });
  });
  it('prefers the authority of an absolute-form target (HTTP_PROXY clients)', () => {
    expect(requestTarget(req('http://reviews:9080/reviews/0?x=1', 'ignored'))).toEqual({ host: 'reviews', port: 9080, path: '/reviews/0?x=1', authority: 'reviews:9080' });
  });
  it('splits IPv6 authorities', () => {
    expect(splitHostPort('[::1]:8080')).toEqual({ host: '[::1]', port: 8080 });
  });
});
