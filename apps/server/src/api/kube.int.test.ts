// The Kubernetes API surface kubectl needs, over real HTTP and HTTPS (kubectl-api.md §2-§4):
// discovery documents and media types, Tables, watch streams with resourceVersion
// semantics, the registry's core views, and kubeconfigs minted for a role.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness.js';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const VS = '/apis/networking.istio.io/v1/namespaces/default/virtualservices';
const vs = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name, labels },
  spec: { hosts: [name], http: [{ route: [{ destination: { host: name } }] }] },
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { kube: true });
  // Registry writes take resourceVersions without change-log rows: the log starts later (for the 410 case).
  await h.call('PUT', '/rudder/v1/registry/workloads/default/w', { body: { name: 'w', labels: { app: 'w' } } });
  await h.call('PUT', '/rudder/v1/registry/workloads/default/w', { body: { name: 'w', labels: { app: 'w', x: 'y' } } });
  await h.call('POST', VS, { body: vs('first') });
});
afterAll(() => h?.close());

/** A watch stream read line by line. */
function openWatch(url: string, token: string, accept = 'application/json') {
  const events: any[] = [];
  const waiters: (() => void)[] = [];
  let response: IncomingMessage | undefined;
  let ended = false;
  const req = httpRequest(url, { headers: { authorization: `Bearer ${token}`, accept } }, (res) => {
    response = res;
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        events.push(JSON.parse(buffer.slice(0, i)));
        buffer = buffer.slice(i + 1);
      }
      for (const w of waiters.splice(0)) w();
    });
    res.on('end', () => {
      ended = true;
      for (const w of waiters.splice(0)) w();
    });
  });
  req.end();
  return {
    events,
    get status() {
      return response?.statusCode;
    },
    get ended() {
      return ended;
    },
    async waitFor(count: number, ms = 3000) {
      const deadline = Date.now() + ms;
      while (events.length < count && !ended && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return events;
    },
    close: () => req.destroy(),
  };
}

describe('discovery', () => {
  it('/version is public and reports minor 32 (the dispatcher then runs kubectl 1.32)', async () => {
    const res = await h.call('GET', '/version', { as: 'anonymous' });
    expect(res.json).toMatchObject({ major: '1', minor: '32', platform: 'linux/amd64' });
  });

  it('answers aggregated discovery with the exact media type, v2 or v2beta1', async () => {
    const apis = await h.call('GET', '/apis', { headers: { accept: AGGREGATED } });
    expect(apis.headers.get('content-type')).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(apis.json.items.map((g: any) => g.metadata.name)).toEqual(['apps', 'networking.istio.io']);
    const beta = await h.call('GET', '/api', { headers: { accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList' } });
    expect(beta.headers.get('content-type')).toBe('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList');
    expect(beta.json.items[0].versions[0].resources.map((r: any) => r.resource)).toEqual(['events', 'namespaces', 'pods', 'services']);
  });

  it('serves the legacy documents, and a 404 Status for unknown groups and versions', async () => {
    expect((await h.call('GET', '/api')).json).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = (await h.call('GET', '/apis')).json;
    expect(groups.groups[1]).toMatchObject({ name: 'networking.istio.io', preferredVersion: { groupVersion: 'networking.istio.io/v1' } });
    expect((await h.call('GET', '/apis/apps/v1')).json.resources[0]).toMatchObject({ name: 'deployments', shortNames: ['deploy'] });
    expect((await h.call('GET', '/apis/networking.istio.io')).json).toMatchObject({ kind: 'APIGroup', name: 'networking.istio.io' });
    for (const path of ['/apis/networking.istio.io/v2', '/apis/foo.example.com/v1', '/api/v2']) {
      const res = await h.call('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.json).toMatchObject({ kind: 'Status', reason: 'NotFound' });
    }
  });
});

describe('Tables', () => {
  it('lists and gets as Tables with the list resourceVersion and PartialObjectMetadata rows', async () => {
    const list = await h.call('GET', VS, { headers: { accept: TABLE } });
    expect(list.headers.get('content-type')).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    expect(list.json.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(list.json.rows[0].cells.slice(0, 3)).toEqual(['first', null, '["first"]']);
    expect(list.json.rows[0].object.kind).toBe('PartialObjectMetadata');
    const full = await h.call('GET', `${VS}?includeObject=Object`, { headers: { accept: TABLE } });
    expect(full.json.rows[0].object.spec).toEqual(vs('first').spec);
    const one = await h.call('GET', `${VS}/first`, { headers: { accept: TABLE } });
    expect(one.json.rows).toHaveLength(1);
    expect((await h.call('GET', VS)).json.kind).toBe('VirtualServiceList');
  });
});

describe('writes', () => {
  it('words conflicts as the apiserver does, and records field managers', async () => {
    const stale = await h.call('PUT', `${VS}/first`, { body: { ...vs('first'), metadata: { name: 'first', resourceVersion: '1' } } });
    expect(stale.json).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on virtualservices.networking.istio.io "first": the object has been modified; please apply your changes to the latest version and try again',
    });
    const again = await h.call('POST', VS, { body: vs('first') });
    expect(again.json.message).toBe('virtualservices.networking.istio.io "first" already exists');
    const got = (await h.call('GET', `${VS}/first`)).json;
    expect(got.metadata.managedFields).toEqual([
      { manager: 'node', operation: 'Update', apiVersion: 'networking.istio.io/v1', time: expect.any(String), fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:hosts': {}, 'f:http': {} } } },
    ]);
    const ssa = await h.call('PATCH', `${VS}/first`, { type: 'application/apply-patch+yaml', body: vs('first') });
    expect(ssa.json).toMatchObject({ code: 400, message: 'fieldManager: Required value: is required for apply patch' });
  });
});

describe('watch', () => {
  it('from 0: ADDED for the current state, then changes; resuming from N replays what followed N', async () => {
    const w = openWatch(`${h.url}${VS}?watch=true&resourceVersion=0`, h.tokens.editor);
    await w.waitFor(1);
    expect(w.status).toBe(200);
    const created = (await h.call('POST', VS, { body: vs('second') })).json;
    await h.call('DELETE', `${VS}/second`);
    const events = await w.waitFor(3);
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED first', 'ADDED second', 'DELETED second']);
    w.close();
    const resumed = openWatch(`${h.url}${VS}?watch=true&resourceVersion=${created.metadata.resourceVersion}`, h.tokens.editor);
    expect((await resumed.waitFor(1)).map((e) => e.type)).toEqual(['DELETED']);
    resumed.close();
  });

  it('a version older than the change log gets an ERROR event with 410 Expired, and the stream ends', async () => {
    const w = openWatch(`${h.url}${VS}?watch=true&resourceVersion=1`, h.tokens.editor);
    const [event] = await w.waitFor(1);
    expect(event).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    await w.waitFor(2, 1000);
    expect(w.ended).toBe(true);
  });

  it('filters by label and name; an object leaving the selection is DELETED; Table rows carry headers once', async () => {
    const w = openWatch(`${h.url}${VS}?watch=true&labelSelector=team%3Da`, h.tokens.editor, TABLE);
    const byName = openWatch(`${h.url}${VS}?watch=true&fieldSelector=metadata.name%3Dthird&resourceVersion=0`, h.tokens.editor);
    await h.call('POST', VS, { body: vs('third', { team: 'a' }) });
    await h.call('POST', VS, { body: vs('fourth', { team: 'b' }) });
    await h.call('PATCH', `${VS}/third`, { type: 'application/merge-patch+json', body: { metadata: { labels: { team: 'b' } } } });
    const events = await w.waitFor(2);
    expect(events.map((e) => `${e.type} ${e.object.rows[0].cells[0]}`)).toEqual(['ADDED third', 'DELETED third']);
    expect(events[0].object.columnDefinitions.map((c: any) => c.name)).toEqual(['Name', 'Gateways', 'Hosts', 'Age']);
    expect(events[1].object.columnDefinitions).toEqual([]);
    expect((await byName.waitFor(2)).map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED third', 'MODIFIED third']);
    w.close();
    byName.close();
  });

  it('sends bookmarks when allowed (initial-events-end after sendInitialEvents)', async () => {
    const w = openWatch(`${h.url}${VS}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan`, h.tokens.editor);
    const events = await w.waitFor(4);
    const bookmark = events.find((e) => e.type === 'BOOKMARK');
    expect(bookmark.object).toMatchObject({ kind: 'VirtualService', apiVersion: 'networking.istio.io/v1', metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } } });
    expect(events.at(-1).type).toBe('BOOKMARK');
    w.close();
  });
});

describe('core views from the registry', () => {
  it('pods, deployments and services follow registrations; a pod watch sees a deregistration', async () => {
    await h.call('PUT', '/rudder/v1/registry/services/default/ratings', { body: { name: 'ratings', ports: [{ port: 9080 }], selector: { app: 'ratings' } } });
    await h.call('PUT', '/rudder/v1/registry/workloads/default/ratings-v1', { body: { name: 'ratings-v1', labels: { app: 'ratings', version: 'v1' } } });
    await h.call('PUT', '/rudder/v1/registry/instances/default/ratings-v1-1', { body: { name: 'ratings-v1-1', workload: 'ratings-v1', address: '127.0.0.1', port: 9 } });
    const pods = await h.call('GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dratings', { headers: { accept: TABLE } });
    expect(pods.json.rows.map((r: any) => r.cells.slice(0, 4))).toEqual([['ratings-v1-1', '1/1', 'Running', '0']]);
    const deploy = await h.call('GET', '/apis/apps/v1/namespaces/default/deployments/ratings-v1');
    expect(deploy.json).toMatchObject({ kind: 'Deployment', status: { replicas: 1, readyReplicas: 1 } });
    const svc = await h.call('GET', '/api/v1/namespaces/default/services/ratings');
    expect(svc.json.spec).toMatchObject({ type: 'ClusterIP', ports: [{ port: 9080, protocol: 'TCP', targetPort: 9080 }] });
    const missing = await h.call('GET', '/api/v1/namespaces/default/pods/nosuch');
    expect(missing.json).toMatchObject({ code: 404, message: 'pods "nosuch" not found' });

    const w = openWatch(`${h.url}/api/v1/namespaces/default/pods?watch=true`, h.tokens.editor);
    await w.waitFor(1);
    await h.call('DELETE', '/rudder/v1/registry/instances/default/ratings-v1-1');
    expect((await w.waitFor(2)).map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED ratings-v1-1', 'DELETED ratings-v1-1']);
    w.close();
  });

  it('writes are 405 MethodNotAllowed, events an empty list, logs of a container the pod lacks a 400', async () => {
    const write = await h.call('PATCH', '/api/v1/namespaces/default/pods/x', { type: 'application/strategic-merge-patch+json', body: {} });
    expect(write.json).toMatchObject({ code: 405, reason: 'MethodNotAllowed', message: expect.stringContaining('pods are read-only in Rudder') });
    expect((await h.call('GET', '/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dx')).json).toMatchObject({ kind: 'EventList', items: [] });
    await h.call('PUT', '/rudder/v1/registry/instances/default/w-1', { body: { name: 'w-1', workload: 'w', address: '127.0.0.1', port: 9 } });
    const logs = await h.call('GET', '/api/v1/namespaces/default/pods/w-1/log?container=istio-proxy');
    // No sidecar in front of w-1: no istio-proxy container, as Kubernetes answers for an unknown container.
    expect(logs.json).toMatchObject({ code: 400, message: 'container istio-proxy is not valid for pod w-1' });
    const ns = await h.call('GET', '/api/v1/namespaces', { headers: { accept: TABLE } });
    expect(ns.json.rows.map((r: any) => r.cells[0])).toEqual(['default', 'istio-system']);
  });
});

describe('HTTPS and kubeconfigs', () => {
  const httpsGet = (path: string, token: string, method = 'GET') =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpsRequest(`${h.kube!.url}${path}`, { method, ca: h.kube!.ca, headers: { authorization: `Bearer ${token}` } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject).end();
    });

  it('serves the same API over TLS, verified against the generated CA', async () => {
    const res = await httpsGet(VS, h.tokens.editor);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).items.length).toBeGreaterThan(0);
    expect((await httpsGet(VS, 'wrong')).status).toBe(401);
  });

  it('POST /rudder/v1/kubeconfig mints a token of the role and answers a kubeconfig', async () => {
    const res = await h.call('POST', '/rudder/v1/kubeconfig', { body: { role: 'viewer' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(res.text).toContain(`server: "${h.kube!.url}"`);
    const token = /token: "([^"]+)"/.exec(res.text)?.[1] ?? '';
    expect((await httpsGet(VS, token)).status).toBe(200);
    expect((await httpsGet(`${VS}/first`, token, 'DELETE')).status).toBe(403);
    expect((await h.call('POST', '/rudder/v1/kubeconfig', { body: { role: 'admin' } })).status).toBe(422);
    expect((await h.call('POST', '/rudder/v1/kubeconfig', { as: 'viewer', body: { role: 'viewer' } })).status).toBe(403);
  });
});

describe('shutdown', () => {
  it('ends open watches cleanly when the server closes', async () => {
    const other = await startHarness();
    const w = openWatch(`${other.url}${VS}?watch=true`, other.tokens.editor);
    await w.waitFor(1, 300);
    expect(w.status).toBe(200);
    await other.close();
    await w.waitFor(1, 1000);
    expect(w.ended).toBe(true);
  });
});
