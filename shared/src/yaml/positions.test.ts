import { describe, expect, it } from 'vitest';
import { keysAtPath, parseFieldPath, pathAtOffset, rangeOfField } from './positions.js';

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  labels:
    app: reviews
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
      weight: 50
    - destination:
        host: reviews
        subset: v3
      weight: 50
`;

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('parseFieldPath', () => {
  it('reads list indexes as numbers and map keys in brackets as strings', () => {
    expect(parseFieldPath('spec.http[0].route[1].weight')).toEqual(['spec', 'http', 0, 'route', 1, 'weight']);
    expect(parseFieldPath('metadata.labels[app]')).toEqual(['metadata', 'labels', 'app']);
    expect(parseFieldPath('')).toEqual([]);
  });
});

describe('rangeOfField', () => {
  it('finds a weight in an indentless list on its own line, key and value', () => {
    const r = rangeOfField(VS, 'spec.http[0].route[1].weight');
    expect(r?.exact).toBe(true);
    expect(lineOf(VS, r?.from ?? 0)).toBe(19);
    expect(VS.slice(r?.from, r?.to)).toBe('weight: 50');
  });

  it('finds a map key written in brackets', () => {
    const r = rangeOfField(VS, 'metadata.labels[app]');
    expect(VS.slice(r?.from, r?.to)).toBe('app: reviews');
  });

  it('falls back to the deepest present ancestor for an absent field', () => {
    const r = rangeOfField(VS, 'spec.http[0].route[0].destination.port.number');
    expect(r?.exact).toBe(false);
    expect(lineOf(VS, r?.from ?? 0)).toBe(12);
  });

  it('takes the last of duplicate keys, as the reader does', () => {
    const text = 'spec:\n  a: 1\n  a: 2\n';
    expect(text.slice(rangeOfField(text, 'spec.a')?.from)).toBe('a: 2\n');
  });

  it('gives nothing for an empty path or an empty text', () => {
    expect(rangeOfField(VS, '')).toBeUndefined();
    expect(rangeOfField('', 'spec')).toBeUndefined();
  });

  it('still locates fields in a document with a syntax error elsewhere', () => {
    const broken = `${VS}  tcp: [a, b\n`;
    expect(lineOf(broken, rangeOfField(broken, 'spec.http[0].route[0].weight')?.from ?? 0)).toBe(15);
  });
});

describe('pathAtOffset', () => {
  it('gives the path of the key or value under the offset', () => {
    expect(pathAtOffset(VS, VS.indexOf('subset: v3') + 2)).toEqual(['spec', 'http', 0, 'route', 1, 'destination', 'subset']);
    expect(pathAtOffset(VS, VS.indexOf('v3'))).toEqual(['spec', 'http', 0, 'route', 1, 'destination', 'subset']);
    expect(pathAtOffset(VS, 0)).toEqual(['apiVersion']);
  });
});

describe('keysAtPath', () => {
  it('lists the keys written in the map at a path', () => {
    expect(keysAtPath(VS, ['spec', 'http', 0, 'route', 1])).toEqual(['destination', 'weight']);
    expect(keysAtPath(VS, ['spec', 'hosts'])).toEqual([]);
  });
});
