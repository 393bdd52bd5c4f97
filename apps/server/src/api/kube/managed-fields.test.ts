import { describe, expect, it } from 'vitest';
import type { Resource } from '@rudder/shared/kinds';
import { RudderError } from '@rudder/shared/errors';
import { pathsOfFieldsV1 } from './field-paths.js';
import { type ManagedFieldsEntry, recordUpdate, serverSideApply } from './managed-fields.js';

const now = new Date('2026-01-01T00:00:00Z');
const ctx = (manager: string) => ({ manager, apiVersion: 'networking.istio.io/v1', now });
const vs = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}): Resource => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'default', resourceVersion: '3', ...extra },
  spec,
});
const owners = (o: { metadata: { managedFields?: unknown } }) =>
  Object.fromEntries(((o.metadata.managedFields ?? []) as ManagedFieldsEntry[]).map((e) => [`${e.manager}/${e.operation}`, pathsOfFieldsV1(e.fieldsV1).map((p) => p.join('.'))]));

describe('recordUpdate', () => {
  it('gives a creator every field, and an updater the fields it changed', () => {
    const created = vs({ hosts: ['reviews'], http: [{ route: [] }] }, { labels: { app: 'reviews' } });
    created.metadata.managedFields = recordUpdate(undefined, created, ctx('kubectl-create'));
    expect(owners(created)).toEqual({ 'kubectl-create/Update': ['metadata.labels.app', 'spec.hosts', 'spec.http'] });
    const edited = vs({ hosts: ['reviews'], http: [{ route: [{ destination: { host: 'x' } }] }] }, { labels: { app: 'reviews' }, managedFields: created.metadata.managedFields });
    edited.metadata.managedFields = recordUpdate(created, edited, ctx('kubectl-edit'));
    expect(owners(edited)).toEqual({ 'kubectl-create/Update': ['metadata.labels.app', 'spec.hosts'], 'kubectl-edit/Update': ['spec.http'] });
  });

  it('keeps managedFields unchanged for a no-op, and takes a client-sent list as given (ownership migration)', () => {
    const live = vs({ hosts: ['a'] });
    live.metadata.managedFields = recordUpdate(undefined, live, ctx('m'));
    const same = vs({ hosts: ['a'] }, { managedFields: live.metadata.managedFields });
    expect(recordUpdate(live, same, ctx('other'))).toBe(live.metadata.managedFields);
    const migrated = [{ manager: 'kubectl', operation: 'Apply' }];
    expect(recordUpdate(live, vs({ hosts: ['a'] }, { managedFields: migrated }), ctx('kubectl'))).toBe(migrated);
  });
});

describe('serverSideApply', () => {
  const csa = () => {
    const live = vs({ hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }] });
    live.metadata.managedFields = recordUpdate(undefined, live, ctx('kubectl-client-side-apply'));
    return live;
  };
  const applied = (subset: string) => ({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'reviews' }, spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset } }] }] } });

  it('shares fields applied with the same value, without conflict', () => {
    const out = serverSideApply(csa(), applied('v1'), { ...ctx('kubectl'), force: false }) as unknown as Resource;
    expect(owners(out)).toEqual({ 'kubectl-client-side-apply/Update': ['spec.hosts', 'spec.http'], 'kubectl/Apply': ['spec.hosts', 'spec.http'] });
  });

  it('refuses to change another manager’s field with a 409 naming it, unless forced', () => {
    let error: unknown;
    try {
      serverSideApply(csa(), applied('v3'), { ...ctx('kubectl'), force: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RudderError);
    expect((error as RudderError).code).toBe('Conflict');
    expect((error as RudderError).message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using networking.istio.io/v1: .spec.http');
    expect((error as RudderError).problems).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using networking.istio.io/v1', field: '.spec.http' }]);
    const forced = serverSideApply(csa(), applied('v3'), { ...ctx('kubectl'), force: true }) as unknown as Resource;
    expect((forced.spec as any).http[0].route[0].destination.subset).toBe('v3');
    expect(owners(forced)).toEqual({ 'kubectl-client-side-apply/Update': ['spec.hosts'], 'kubectl/Apply': ['spec.hosts', 'spec.http'] });
  });

  it('creates when absent, and removes fields it alone owned once it stops applying them', () => {
    const first = serverSideApply(undefined, { ...applied('v1'), spec: { hosts: ['reviews'], gateways: ['mesh'] } }, { ...ctx('kubectl'), force: false }) as unknown as Resource;
    expect(first.spec).toEqual({ hosts: ['reviews'], gateways: ['mesh'] });
    const second = serverSideApply(first, { ...applied('v1'), spec: { hosts: ['reviews'] } }, { ...ctx('kubectl'), force: false }) as unknown as Resource;
    expect(second.spec).toEqual({ hosts: ['reviews'] });
    expect(owners(second)).toEqual({ 'kubectl/Apply': ['spec.hosts'] });
  });

  it('merges labels key by key and leaves a no-op apply unchanged', () => {
    const live = serverSideApply(undefined, { ...applied('v1'), metadata: { name: 'reviews', labels: { a: '1' } } }, { ...ctx('kubectl'), force: false }) as unknown as Resource;
    const other = serverSideApply(live, { metadata: { name: 'reviews', labels: { b: '2' } } }, { ...ctx('labeller'), force: false }) as unknown as Resource;
    expect(other.metadata.labels).toEqual({ a: '1', b: '2' });
    const again = serverSideApply(other, { ...applied('v1'), metadata: { name: 'reviews', labels: { a: '1' } } }, { ...ctx('kubectl'), force: false }) as unknown as Resource;
    expect(again).toEqual(other);
  });
});
