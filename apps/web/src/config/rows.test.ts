import type { Resource } from '@rudder/shared/kinds';
import { describe, expect, it } from 'vitest';
import type { ResourceValidation } from '@rudder/shared/protocol';
import { buildRows, filterRows, headline } from './rows.js';

const res = (kind: string, namespace: string, name: string): Resource => ({ apiVersion: 'networking.istio.io/v1', kind, metadata: { name, namespace, resourceVersion: '3' } });
const val = (kind: string, namespace: string, name: string, state: ResourceValidation['state']): ResourceValidation => ({
  kind,
  namespace,
  name,
  state,
  errors: [],
  warnings: state === 'warning' ? [{ code: 'KIA1101', severity: 'warning', message: 'host not found', field: 'spec.hosts[0]' }] : [],
});

const rows = buildRows(
  [res('VirtualService', 'default', 'reviews'), res('DestinationRule', 'default', 'reviews'), res('Gateway', 'edge', 'bookinfo-gateway')],
  [val('VirtualService', 'default', 'reviews', 'warning'), val('DestinationRule', 'default', 'reviews', 'valid')],
);
const all = { kind: 'all', namespace: 'all', name: '', state: 'all' };

describe('buildRows', () => {
  it('joins each resource with its validation, sorted by namespace, kind and name', () => {
    expect(rows.map((r) => `${r.namespace}/${r.kind}/${r.name}:${r.state ?? '?'}`)).toEqual(['default/DestinationRule/reviews:valid', 'default/VirtualService/reviews:warning', 'edge/Gateway/bookinfo-gateway:?']);
    expect(headline(rows[1] as (typeof rows)[number])?.code).toBe('KIA1101');
  });
});

describe('filterRows', () => {
  it('filters by kind, namespace, state and a name substring', () => {
    expect(filterRows(rows, all)).toHaveLength(3);
    expect(filterRows(rows, { ...all, kind: 'Gateway' }).map((r) => r.name)).toEqual(['bookinfo-gateway']);
    expect(filterRows(rows, { ...all, namespace: 'default', state: 'warning' }).map((r) => r.kind)).toEqual(['VirtualService']);
    expect(filterRows(rows, { ...all, name: 'GATE' })).toHaveLength(1);
    expect(filterRows(rows, { ...all, state: 'error' })).toEqual([]);
  });
});
