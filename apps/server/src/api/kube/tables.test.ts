import { describe, expect, it } from 'vitest';
import { destinationRule, type Resource, serviceEntry, virtualService, workloadEntry } from '@rudder/shared/kinds';
import { buildTable, crdCell, istioTable, tableVersionOf, valueAt } from './tables.js';

const KUBECTL_TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const now = new Date('2026-01-01T12:00:00Z');

const vs: Resource = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'default', creationTimestamp: '2026-01-01T11:55:00Z', resourceVersion: '7', labels: { app: 'reviews' } },
  spec: { hosts: ['reviews', 'reviews.default'], http: [] },
};

describe('Accept negotiation', () => {
  it('answers a Table to kubectl human output and JSON to -o yaml', () => {
    expect(tableVersionOf(KUBECTL_TABLE_ACCEPT)).toBe('v1');
    expect(tableVersionOf('application/json;as=Table;v=v1beta1;g=meta.k8s.io')).toBe('v1beta1');
    expect(tableVersionOf('application/json')).toBeUndefined();
    expect(tableVersionOf('application/json, application/json;as=Table;v=v1;g=meta.k8s.io')).toBeUndefined();
    expect(tableVersionOf(undefined)).toBeUndefined();
  });
});

describe('Istio printer columns (kubectl-api.md §3)', () => {
  it('VirtualService: NAME GATEWAYS HOSTS AGE, arrays as compact JSON, missing as null', () => {
    const spec = istioTable(virtualService);
    expect(spec.columns.map((c) => c.name)).toEqual(['Name', 'Gateways', 'Hosts', 'Age']);
    expect(spec.columns[0]).toMatchObject({ format: 'name', priority: 0 });
    expect(spec.cells(vs, now)).toEqual(['reviews', null, '["reviews","reviews.default"]', '5m']);
  });

  it('DestinationRule, ServiceEntry and WorkloadEntry columns in the CRDs order', () => {
    expect(istioTable(destinationRule).columns.map((c) => c.name)).toEqual(['Name', 'Host', 'Age']);
    expect(istioTable(serviceEntry).columns.map((c) => c.name)).toEqual(['Name', 'Hosts', 'Location', 'Resolution', 'Age']);
    expect(istioTable(workloadEntry).columns.map((c) => c.name)).toEqual(['Name', 'Age', 'Address']);
    const se = { ...vs, kind: 'ServiceEntry', spec: { hosts: ['httpbin.org'], location: 'MESH_EXTERNAL', resolution: 'DNS' } };
    expect(istioTable(serviceEntry).cells(se, now)).toEqual(['reviews', '["httpbin.org"]', 'MESH_EXTERNAL', 'DNS', '5m']);
  });

  it('renders cells as the CRD table convertor does', () => {
    expect(crdCell('x', 'string', now)).toBe('x');
    expect(crdCell({ a: 1 }, 'string', now)).toBe('{"a":1}');
    expect(crdCell(3, 'integer', now)).toBe(3);
    expect(crdCell(undefined, 'string', now)).toBeNull();
    expect(crdCell('2026-01-01T08:00:00Z', 'date', now)).toBe('4h');
    expect(valueAt(vs, '.spec.hosts')).toEqual(['reviews', 'reviews.default']);
    expect(valueAt(vs, '.spec.nope.deeper')).toBeUndefined();
  });
});

describe('buildTable', () => {
  it('puts PartialObjectMetadata in rows by default, the object for includeObject=Object, nothing for None', () => {
    const spec = istioTable(virtualService);
    const table = buildTable(spec, [vs], { version: 'v1', include: 'Metadata', now, resourceVersion: '9' });
    expect(table).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '9' } });
    expect(table.rows[0]?.object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: vs.metadata });
    expect(buildTable(spec, [vs], { version: 'v1', include: 'Object', now }).rows[0]?.object).toBe(vs);
    expect(buildTable(spec, [vs], { version: 'v1', include: 'None', now }).rows[0]).not.toHaveProperty('object');
    expect(buildTable(spec, [vs], { version: 'v1', include: 'None', now, noHeaders: true }).columnDefinitions).toEqual([]);
  });
});
