import { kindByName, type KindDefinition } from '@rudder/shared/kinds';
import { describe, expect, it } from 'vitest';
import { checkLocally, lineAt, serverMarkers } from './lint.js';

const vs = kindByName('VirtualService') as KindDefinition;

const text = (weight: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: default
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
      weight: ${weight}
`;

describe('checkLocally', () => {
  it('passes a valid VirtualService and returns its value', () => {
    const r = checkLocally(vs, text('50'));
    expect(r.markers).toEqual([]);
    expect(r.value).toMatchObject({ kind: 'VirtualService', spec: { hosts: ['reviews'] } });
  });

  it('puts a type error on the weight line with the field path in the message', () => {
    const t = text('abc');
    const [m, ...rest] = checkLocally(vs, t).markers;
    expect(rest).toEqual([]);
    expect(m?.severity).toBe('error');
    expect(m?.source).toBe('schema');
    expect(lineAt(t, m?.from ?? 0)).toBe(18);
    expect(m?.message).toBe('spec.http[0].route[1].weight: Invalid value: "abc": must be of type integer');
  });

  it('refuses an unknown field where it is written', () => {
    const t = text('50').replace('      weight: 50\n', '      wieght: 50\n');
    const [m] = checkLocally(vs, t).markers;
    expect(m?.message).toMatch(/^spec\.http\[0\]\.route\[0\]\.wieght: unknown field/);
    expect(lineAt(t, m?.from ?? 0)).toBe(14);
  });

  it('reports a YAML syntax error on its line and checks nothing more', () => {
    const t = text('50').replace('  hosts:\n', '  hosts: [a\n');
    const { markers, value } = checkLocally(vs, t);
    expect(value).toBeUndefined();
    expect(markers.every((m) => m.source === 'yaml')).toBe(true);
    expect(markers.length).toBeGreaterThan(0);
  });

  it('says an empty document is not a resource', () => {
    expect(checkLocally(vs, '').markers[0]?.severity).toBe('error');
  });
});

describe('serverMarkers', () => {
  it('puts each cause on its field and a cause-less refusal on line 1', () => {
    const t = text('-5');
    const causes = [{ field: 'spec.http[0].route[1].weight', message: 'Invalid value: -5: weight must be non-negative', severity: 'error' as const }];
    const [m] = serverMarkers(t, { causes, message: 'ignored when there are causes' });
    expect(lineAt(t, m?.from ?? 0)).toBe(18);
    expect(m?.source).toBe('server');
    const [whole] = serverMarkers(t, { message: 'the namespace does not match' });
    expect(lineAt(t, whole?.from ?? 0)).toBe(1);
  });

  it('keeps warnings as warnings', () => {
    const t = text('50');
    const [w] = serverMarkers(t, { warnings: [{ field: 'spec.hosts[0]', message: 'no such host (KIA1101)', severity: 'warning' }] });
    expect(w?.severity).toBe('warning');
    expect(lineAt(t, w?.from ?? 0)).toBe(8);
  });
});
