// The tutorial's read-only kubectl commands against the registry's core views (issue 14;
// kubectl-api.md §4; shared/seed step 1): pods, deployments and services registered
// through /rudder/v1/registry, the ingress gateway address by jsonpath, describe, logs
// (the sidecar access log proxies send over /ws/telemetry), and writes refused as read-only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness.js';
import { createKubectl, type Kubectl, kubectlAvailable } from '../testing/kubectl.js';
import { batch, eventually, openSocket, peer } from '../testing/telemetry.js';

let h: Harness;
let k: Kubectl;
beforeAll(async () => {
  h = await startHarness({ gatewayAddress: '127.0.0.1:18080' }, { kube: true });
  k = createKubectl(h.kube!.kubeconfig);
  const put = async (path: string, body: unknown) => expect((await h.call('PUT', `/rudder/v1/registry/${path}`, { body })).status).toBe(200);
  await put('services/default/reviews', { name: 'reviews', ports: [{ name: 'http', port: 9080 }], selector: { app: 'reviews' }, labels: { app: 'reviews', service: 'reviews' } });
  for (const v of ['v1', 'v2', 'v3']) {
    await put(`workloads/default/reviews-${v}`, { name: `reviews-${v}`, labels: { app: 'reviews', version: v } });
    await put(`instances/default/reviews-${v}-1`, { name: `reviews-${v}-1`, workload: `reviews-${v}`, address: '127.0.0.1', port: 9080, proxy: `sidecar-reviews-${v}-1` });
  }
  await put('workloads/default/ratings-v1', { name: 'ratings-v1', labels: { app: 'ratings', version: 'v1' } });
});
afterAll(async () => {
  k?.cleanup();
  await h?.close();
});

const kubectl = (...args: string[]) => k.run(args);
const rows = (text: string) => text.trim().split('\n').map((line) => line.trim().split(/\s{2,}/));
const AGE = expect.stringMatching(/^\d+s$/);

describe.skipIf(!kubectlAvailable())('kubectl views of the registry', () => {
  it('kubectl get pod --show-labels --selector app=reviews: one pod per instance, READY from health', async () => {
    const out = rows((await kubectl('get', 'pod', '--show-labels', '--selector', 'app=reviews')).stdout);
    expect(out).toEqual([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'LABELS'],
      ['reviews-v1-1', '2/2', 'Running', '0', AGE, 'app=reviews,version=v1'],
      ['reviews-v2-1', '2/2', 'Running', '0', AGE, 'app=reviews,version=v2'],
      ['reviews-v3-1', '2/2', 'Running', '0', AGE, 'app=reviews,version=v3'],
    ]);
    expect((await kubectl('get', 'pods', '-lapp=reviews', '-o', 'jsonpath={.items[0].metadata.name}')).stdout).toBe('reviews-v1-1');
    const wide = rows((await kubectl('get', 'po', 'reviews-v1-1', '-o', 'wide')).stdout);
    expect(wide[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    expect(wide[1]?.slice(5)).toEqual(['127.0.0.1', '<none>', '<none>', '<none>']);
  });

  it('kubectl get deploy --selector app=reviews: one deployment per workload', async () => {
    const out = rows((await kubectl('get', 'deploy', '--selector', 'app=reviews')).stdout);
    expect(out).toEqual([
      ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
      ['reviews-v1', '1/1', '1', '1', AGE],
      ['reviews-v2', '1/1', '1', '1', AGE],
      ['reviews-v3', '1/1', '1', '1', AGE],
    ]);
    expect(rows((await kubectl('get', 'deployments', 'ratings-v1')).stdout)[1]?.slice(0, 4)).toEqual(['ratings-v1', '0/0', '0', '0']);
  });

  it('kubectl get svc reviews --show-labels, and the ingress gateway address by jsonpath', async () => {
    const out = rows((await kubectl('get', 'svc', 'reviews', '--show-labels')).stdout);
    expect(out[0]).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'LABELS']);
    expect(out[1]).toEqual(['reviews', 'ClusterIP', expect.stringMatching(/^10\.96\.\d+\.\d+$/), '<none>', '9080/TCP', AGE, 'app=reviews,service=reviews']);
    const gateway = await kubectl('-n', 'istio-system', 'get', 'service', 'istio-ingressgateway', '-o', 'jsonpath={.status.loadBalancer.ingress[0].hostname}');
    expect(gateway.stdout).toBe('127.0.0.1:18080');
    expect(rows((await kubectl('get', 'svc', '-A')).stdout)).toContainEqual(['istio-system', 'istio-ingressgateway', 'LoadBalancer', expect.any(String), '127.0.0.1:18080', '80/TCP', AGE]);
  });

  it('describes pods, deployments and services with an empty event list', async () => {
    const pod = (await kubectl('describe', 'pod', 'reviews-v2-1')).stdout;
    expect(pod).toMatch(/^Status:\s+Running$/m);
    expect(pod).toMatch(/^\s+istio-proxy:$/m);
    expect(pod).toMatch(/^Events:\s+<none>$/m);
    const deploy = await kubectl('describe', 'deploy', 'reviews-v1');
    expect(deploy.stdout).toMatch(/^Replicas:\s+1 desired \| 1 updated \| 1 total \| 1 available \| 0 unavailable$/m);
    expect(deploy.stdout).toMatch(/^Events:\s+<none>$/m);
    const svc = (await kubectl('describe', 'svc', 'reviews')).stdout;
    expect(svc).toMatch(/^Selector:\s+app=reviews$/m);
    expect(svc).toMatch(/^Port:\s+http\s+9080\/TCP$/m);
  });

  it('kubectl get all, namespaces, and writes refused as read-only', async () => {
    const all = (await kubectl('get', 'all')).stdout;
    expect(all).toMatch(/^pod\/reviews-v1-1\s/m);
    expect(all).toMatch(/^service\/reviews\s/m);
    expect(all).toMatch(/^deployment\.apps\/reviews-v1\s/m);
    expect(rows((await kubectl('get', 'ns')).stdout)).toEqual([['NAME', 'STATUS', 'AGE'], ['default', 'Active', AGE], ['istio-system', 'Active', AGE]]);
    const deleted = await kubectl('delete', 'pod', 'reviews-v1-1');
    expect(deleted.stderr).toMatch(/^Error from server \(MethodNotAllowed\): pods are read-only in Rudder/m);
    const labelled = await kubectl('label', 'deploy', 'reviews-v1', 'x=y');
    expect(labelled.stderr).toMatch(/^Error from server \(MethodNotAllowed\): deployments are read-only in Rudder/m);
  });

  it('kubectl logs -c istio-proxy prints the sidecar access log the proxies sent, and follows it', async () => {
    const ws = await openSocket(h.url, '/ws/telemetry', h.tokens.editor);
    const lines = (...texts: string[]) => batch([], { logs: [{ workload: peer('reviews-v1'), instance: 'reviews-v1-1', lines: texts }] });
    try {
      ws.send(JSON.stringify(lines('{"path":"/reviews/0","response_code":200}', '{"path":"/reviews/1","response_code":503}')));
      await eventually(async () => ((await kubectl('logs', 'reviews-v1-1', '-c', 'istio-proxy')).stdout.includes('/reviews/1') ? true : undefined));
      const logs = await kubectl('logs', 'reviews-v1-1', '-c', 'istio-proxy');
      expect(logs.code).toBe(0);
      expect(logs.stdout).toBe('{"path":"/reviews/0","response_code":200}\n{"path":"/reviews/1","response_code":503}\n');
      expect((await kubectl('logs', 'reviews-v1-1', '-c', 'istio-proxy', '--tail', '1')).stdout).toBe('{"path":"/reviews/1","response_code":503}\n');
      const app = await kubectl('logs', 'reviews-v1-1');
      expect(app.stderr).toMatch(/Error from server \(BadRequest\): Rudder keeps no output of the application container reviews.*-c istio-proxy/);
      const child = k.spawn(['logs', '-f', 'reviews-v1-1', '-c', 'istio-proxy', '--tail', '0']);
      let out = '';
      child.stdout?.on('data', (c) => (out += c));
      try {
        await new Promise((r) => setTimeout(r, 300));
        ws.send(JSON.stringify(lines('{"path":"/followed"}')));
        await eventually(() => (out.includes('/followed') ? true : undefined));
      } finally {
        child.kill();
      }
    } finally {
      ws.close();
    }
  });

  it('kubectl get pods -w shows a pod going away', async () => {
    const child = k.spawn(['get', 'pods', '-w', '--output-watch-events']);
    let out = '';
    child.stdout?.on('data', (c) => (out += c));
    const until = async (pattern: RegExp) => {
      for (let i = 0; i < 100 && !pattern.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    };
    try {
      await until(/ADDED\s+reviews-v3-1/);
      await h.call('DELETE', '/rudder/v1/registry/instances/default/reviews-v3-1');
      await until(/DELETED\s+reviews-v3-1/);
    } finally {
      child.kill();
    }
    expect(rows(out)).toContainEqual(['DELETED', 'reviews-v3-1', '2/2', 'Running', '0', AGE]);
  });
});
