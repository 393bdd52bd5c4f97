// The validations service over a real store and registry: results per resource, recomputed
// (debounced) when config or the registry changes, listeners, and the write-time warnings.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kindByName, type Resource } from '@rudder/shared/kinds';
import { createRegistry, type Registry } from '../registry/registry.js';
import { resolveServices } from '../registry/resolve.js';
import { type Db, openDatabase } from '../store/db.js';
import { createResourceStore, type ResourceStore } from '../store/resource-store.js';
import { createValidationService, type ResourceValidation, type ValidationService } from './service.js';
import { dr, service, vs } from './test-fixtures.js';

let dir: string;
let db: Db;
let store: ResourceStore;
let registry: Registry;
let validations: ValidationService;
const actor = { actor: 'test' };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rudder-validations-'));
  db = openDatabase(join(dir, 'rudder.db'));
  store = createResourceStore({ db });
  registry = createRegistry(db);
  registry.putService(service('reviews'));
  registry.putWorkload({ name: 'reviews-v1', namespace: 'default', labels: { app: 'reviews', version: 'v1' } });
  validations = createValidationService({ store, registry, resolve: resolveServices, mesh: { outboundTrafficPolicy: 'ALLOW_ANY' }, debounceMs: 5 });
});
afterEach(() => {
  validations.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const toV2 = vs('reviews', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v2' } }] }] });
const rule = (subsets: string[]) => dr('reviews', { host: 'reviews', subsets: subsets.map((name) => ({ name, labels: { version: name } })) });
const codesOf = (v: ResourceValidation | undefined) => (v?.warnings ?? []).map((f) => `${f.code} ${f.field}`);

describe('validation service', () => {
  it('lists every stored resource with its state, and follows config changes', () => {
    store.create(toV2, actor);
    store.create(rule(['v1']), actor);
    const reviews = validations.get('VirtualService', 'default', 'reviews');
    expect(reviews?.state).toBe('warning');
    expect(codesOf(reviews)).toEqual(['KIA1107 spec.http[0].route[0].destination.subset']);
    expect(validations.list().map((v) => `${v.kind}:${v.state}`)).toEqual(['DestinationRule:valid', 'VirtualService:warning']);

    const current = store.get({ kind: 'DestinationRule', namespace: 'default', name: 'reviews' }) as Resource;
    store.update({ ...rule(['v1', 'v2']), metadata: current.metadata }, actor);
    expect(validations.get('VirtualService', 'default', 'reviews')?.state).toBe('valid');
    // v2 selects no workload, and the VirtualService routes to it.
    expect(validations.get('DestinationRule', 'default', 'reviews')?.warnings.map((f) => `${f.code} ${f.severity}`)).toEqual(['KIA0203 error']);
  });

  it('follows registry changes', () => {
    store.create(vs('details', { hosts: ['details'], http: [{ route: [{ destination: { host: 'details' } }] }] }), actor);
    expect(codesOf(validations.get('VirtualService', 'default', 'details'))).toEqual(['KIA1101 spec.http[0].route[0].destination.host']);
    registry.putService(service('details'));
    expect(validations.get('VirtualService', 'default', 'details')?.state).toBe('valid');
  });

  it("tells listeners of each changed result set, after the debounce", async () => {
    const heard: string[][] = [];
    validations.onChange((results) => heard.push(results.map((v) => `${v.name}:${v.state}`)));
    store.create(toV2, actor);
    store.create(rule(['v1']), actor);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).toEqual([['reviews:valid', 'reviews:warning']]);
    registry.putWorkload({ name: 'other', namespace: 'default', labels: { app: 'other' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).toHaveLength(1);
  });

  it("carries Istio's own warnings (IST0133) and errors on stored objects (IST0106)", () => {
    store.create(dr('old', { host: 'reviews', trafficPolicy: { outlierDetection: { consecutiveErrors: 5 } } }), actor);
    // The store takes what it is given; the webhook rules refuse a negative weight.
    store.create(vs('bad', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' }, weight: -1 }] }] }), actor);
    expect(validations.get('DestinationRule', 'default', 'old')?.warnings.map((f) => f.code)).toContain('IST0133');
    const bad = validations.get('VirtualService', 'default', 'bad');
    expect(bad?.state).toBe('error');
    expect(bad?.errors[0]).toMatchObject({ code: 'IST0106', severity: 'error', field: 'spec.http[0].route[0].weight' });
  });

  it('gives a write the KIA warnings of the object as it will be stored', () => {
    store.create(rule(['v1']), actor);
    expect(validations.admissionWarnings(toV2, kindByName('VirtualService')!)).toEqual({
      problems: [],
      warnings: ['spec.http[0].route[0].destination.subset: Subset not found (KIA1107)'],
    });
  });
});
