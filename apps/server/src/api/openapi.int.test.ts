// /openapi/v3 as kubectl reads it (kubectl-api.md §7b): an index naming every served
// group/version, and per GV a PATCH operation with the GVK and fieldValidation, no
// strategic merge patch, and component schemas with their GVK list and field docs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('/openapi/v3', () => {
  it('indexes the three networking.istio.io versions with hashed URLs', async () => {
    const index = (await h.call('GET', '/openapi/v3')).json;
    for (const v of ['v1', 'v1beta1', 'v1alpha3']) {
      expect(index.paths[`apis/networking.istio.io/${v}`].serverRelativeURL).toMatch(new RegExp(`^/openapi/v3/apis/networking.istio.io/${v}\\?hash=[0-9A-F]{64}$`));
    }
  });

  it('serves a GV document kubectl can use for validation and explain', async () => {
    const index = (await h.call('GET', '/openapi/v3')).json;
    const url = index.paths['apis/networking.istio.io/v1alpha3'].serverRelativeURL;
    const res = await h.call('GET', url);
    expect(res.headers.get('cache-control')).toBe('public, immutable');
    const doc = res.json;
    const patch = doc.paths['/apis/networking.istio.io/v1alpha3/namespaces/{namespace}/virtualservices/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'networking.istio.io', version: 'v1alpha3', kind: 'VirtualService' });
    expect(patch.parameters.map((p: { name: string }) => p.name)).toContain('fieldValidation');
    expect(Object.keys(patch.requestBody.content)).not.toContain('application/strategic-merge-patch+json');
    const schema = doc.components.schemas['io.istio.networking.v1alpha3.VirtualService'];
    expect(schema['x-kubernetes-group-version-kind']).toEqual([{ group: 'networking.istio.io', kind: 'VirtualService', version: 'v1alpha3' }]);
    const route = schema.properties.spec.properties.http.items.properties.route;
    expect(route.description).toBeTruthy();
    expect(route.items.properties.weight.type).toBe('integer');
    expect(doc.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties.name.type).toBe('string');
  });

  it('answers /openapi/v2 with 404, as kubectl expects from a CRD-only server', async () => {
    expect((await h.call('GET', '/openapi/v2')).status).toBe(404);
  });
});
