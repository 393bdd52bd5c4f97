// End to end with the real kubectl (issue 14 Acceptance; kubectl-api.md): apply and
// delete every networking.istio.io document of the Bookinfo corpus, every output format,
// describe, explain, the write commands, refusals with field paths, warnings, a
// server-side apply conflict, a watch and a wrong token, checking what kubectl prints.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYamlDocuments } from '@rudder/shared/yaml';
import { type Harness, startHarness } from '../testing/harness.js';
import { createKubectl, type Kubectl, kubectlAvailable } from '../testing/kubectl.js';

const corpus = join(import.meta.dirname, '../../../../shared/testdata/istio-bookinfo');
const files = readdirSync(corpus)
  .filter((f) => f.endsWith('.yaml') && f !== 'bookinfo.yaml')
  .map((f) => join(corpus, f));
const file = (name: string) => join(corpus, name);

let h: Harness;
let k: Kubectl;
let tmp: string;
beforeAll(async () => {
  h = await startHarness({}, { kube: true });
  k = createKubectl(h.kube!.kubeconfig);
  tmp = join(k.home, 'files');
  mkdirSync(tmp);
});
afterAll(async () => {
  k?.cleanup();
  await h?.close();
});

const kubectl = (...args: string[]) => k.run(args);
/** A kubectl table as rows of cells (columns are separated by two or more spaces). */
const rows = (text: string) => text.trim().split('\n').map((line) => line.trim().split(/\s{2,}/));
const write = (name: string, yaml: string) => {
  const path = join(tmp, name);
  writeFileSync(path, yaml);
  return path;
};
const vsYaml = (name: string, spec: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
spec:
${spec}`;

describe.skipIf(!kubectlAvailable())('kubectl against Rudder', () => {
  it('talks to Rudder as a 1.32 server over TLS', async () => {
    const version = await kubectl('version');
    expect(version.stdout).toContain('Server Version: v1.32.0-rudder');
    expect(version.stderr).not.toContain('WARNING');
  });

  it('applies every networking.istio.io document of the Bookinfo corpus, and deletes them again', async () => {
    const docs = files.flatMap((f) => parseYamlDocuments(readFileSync(f, 'utf8')) as { kind: string; metadata: { name: string; namespace?: string } }[]);
    const unique = new Set(docs.map((d) => `${d.kind}/${d.metadata.namespace ?? 'default'}/${d.metadata.name}`));
    const applied = await k.run(files.flatMap((f) => ['apply', '-f', f]).filter((a, i) => i < 2 || a !== 'apply'));
    // Settings the HTTP/1.1 data plane does not enforce (DestinationRule tls) are accepted with warnings.
    expect(applied.stderr.trim().split('\n').every((line) => line.startsWith('Warning: '))).toBe(true);
    expect(applied.stdout.trim().split('\n')).toHaveLength(docs.length);
    expect(applied.stdout).toMatch(/^virtualservice\.networking\.istio\.io\/reviews (created|configured)$/m);
    expect(applied.stdout).toContain('serviceentry.networking.istio.io/googleapis created');
    const all = await kubectl('get', 'istio-io', '-A', '--no-headers');
    expect(all.stdout.trim().split('\n')).toHaveLength(unique.size);
    expect(all.stdout).toMatch(/^istio-system\s+gateway\.networking\.istio\.io\/cert-manager-gateway\s/m);
    const deleted = await k.run(['delete', '--ignore-not-found', ...files.flatMap((f) => ['-f', f])]);
    expect(deleted.stdout.trim().split('\n')).toHaveLength(unique.size);
    expect(deleted.stdout).toContain('virtualservice.networking.istio.io "reviews" deleted');
    const none = await kubectl('get', 'vs');
    expect(none.stderr.trim()).toBe('No resources found in default namespace.');
  });

  it('prints the tutorial tables with Istio’s columns, and every output format', async () => {
    await kubectl('apply', '-f', file('destination-rule-all.yaml'), '-f', file('virtual-service-all-v1.yaml'), '-f', file('egress-rule-google-apis.yaml'));
    expect(rows((await kubectl('get', 'dr')).stdout)).toContainEqual(['reviews', 'reviews', expect.stringMatching(/^\d+s$/)]);
    const vs = rows((await kubectl('get', 'vs')).stdout);
    expect(vs[0]).toEqual(['NAME', 'GATEWAYS', 'HOSTS', 'AGE']);
    expect(vs).toContainEqual(['reviews', '["reviews"]', expect.stringMatching(/^\d+s$/)]);
    expect(rows((await kubectl('get', 'se')).stdout)[0]).toEqual(['NAME', 'HOSTS', 'LOCATION', 'RESOLUTION', 'AGE']);
    expect(rows((await kubectl('get', 'vs', '-o', 'wide')).stdout)[0]).toEqual(['NAME', 'GATEWAYS', 'HOSTS', 'AGE']);

    const yaml = (await kubectl('get', 'vs', 'reviews', '-o', 'yaml')).stdout;
    expect(yaml).toMatch(/^apiVersion: networking\.istio\.io\/v1\nkind: VirtualService\n/);
    expect(yaml).not.toContain('managedFields');
    const json = JSON.parse((await kubectl('get', 'vs', '-o', 'json')).stdout);
    expect(json.kind).toBe('List');
    expect(json.items.map((i: any) => i.metadata.name)).toEqual(['details', 'productpage', 'ratings', 'reviews', 'rewrite-port-for-googleapis']);
    expect((await kubectl('get', 'vs', '-o', 'name')).stdout).toContain('virtualservice.networking.istio.io/productpage\n');
    expect((await kubectl('get', 'vs', 'ratings', 'reviews', '-o', 'jsonpath={.items[*].spec.hosts[0]}')).stdout).toBe('ratings reviews');
    const v1alpha3 = await kubectl('get', 'virtualservices.v1alpha3.networking.istio.io', 'reviews', '-o', 'jsonpath={.apiVersion}');
    expect(v1alpha3.stdout).toBe('networking.istio.io/v1alpha3');

    await kubectl('label', 'vs', 'ratings', 'app=ratings');
    const labelled = rows((await kubectl('get', 'vs', '-l', 'app=ratings', '--show-labels')).stdout);
    expect(labelled).toEqual([['NAME', 'GATEWAYS', 'HOSTS', 'AGE', 'LABELS'], ['ratings', '["ratings"]', expect.any(String), 'app=ratings']]);
    const everywhere = rows((await kubectl('get', 'vs,dr', '-A')).stdout);
    expect(everywhere[0]).toEqual(['NAMESPACE', 'NAME', 'GATEWAYS', 'HOSTS', 'AGE']);
    expect(everywhere).toContainEqual(['default', 'virtualservice.networking.istio.io/details', '["details"]', expect.any(String)]);
    expect(everywhere).toContainEqual(['default', 'destinationrule.networking.istio.io/details', 'details', expect.any(String)]);
    const sorted = await kubectl('get', 'dr', '--sort-by=.spec.host', '-o', 'custom-columns=HOST:.spec.host', '--no-headers');
    expect(sorted.stdout.trim().split('\n')).toEqual(['details', 'productpage', 'ratings', 'reviews', 'www.googleapis.com']);
    const byTable = rows((await kubectl('get', 'dr', '--sort-by=.metadata.name')).stdout);
    expect(byTable.slice(1).map((r) => r[0])).toEqual(['details', 'originate-tls-for-googleapis', 'productpage', 'ratings', 'reviews']);
    const missing = await kubectl('get', 'vs', 'nosuch');
    expect(missing.stderr.trim()).toBe('Error from server (NotFound): virtualservices.networking.istio.io "nosuch" not found');
  });

  it('describes with an empty event list, and explains a field from the OpenAPI schema', async () => {
    const described = (await kubectl('describe', 'vs', 'reviews')).stdout;
    expect(described).toMatch(/^Name:\s+reviews$/m);
    expect(described).toMatch(/^Kind:\s+VirtualService$/m);
    expect(described).toMatch(/^Annotations:\s+<none>$/m);
    expect(described).toMatch(/^Events:\s+<none>$/m);
    const explained = (await kubectl('explain', 'virtualservice.spec.http.route')).stdout;
    expect(explained).toMatch(/^GROUP:\s+networking\.istio\.io$/m);
    expect(explained).toMatch(/^FIELD: route <\[\]Object>$/m);
    expect(explained).toMatch(/^\s+destination\s+<Object> -required-$/m);
    expect(explained).toMatch(/^\s+weight\s+<integer>$/m);
  });

  it('creates, edits, patches, labels, annotates, diffs, dry-runs, replaces and deletes', async () => {
    const path = file('virtual-service-reviews-80-20.yaml');
    expect((await kubectl('delete', 'vs', 'reviews')).stdout).toBe('virtualservice.networking.istio.io "reviews" deleted\n');
    expect((await kubectl('create', '-f', path)).stdout).toBe('virtualservice.networking.istio.io/reviews created\n');
    const again = await kubectl('create', '-f', path);
    expect(again.stderr).toMatch(/^Error from server \(AlreadyExists\): error when creating ".*": virtualservices\.networking\.istio\.io "reviews" already exists$/m);
    const edited = await k.run(['edit', 'vs', 'reviews'], { env: { KUBE_EDITOR: "sed -i 's/weight: 80/weight: 70/'" } });
    expect(edited.stdout).toBe('virtualservice.networking.istio.io/reviews edited\n');
    expect((await kubectl('get', 'vs', 'reviews', '-o', 'jsonpath={.spec.http[0].route[*].weight}')).stdout).toBe('70 20');
    const unchanged = await k.run(['edit', 'vs', 'reviews'], { env: { KUBE_EDITOR: 'true' } });
    expect(unchanged.stderr).toContain('Edit cancelled, no changes made.');

    const strategic = await kubectl('patch', 'vs', 'reviews', '-p', '{"spec":{"gateways":["mesh"]}}');
    expect(strategic.stderr).toContain('error: application/strategic-merge-patch+json is not supported by networking.istio.io/v1, Kind=VirtualService');
    expect((await kubectl('patch', 'vs', 'reviews', '--type=merge', '-p', '{"spec":{"gateways":["mesh"]}}')).stdout).toBe('virtualservice.networking.istio.io/reviews patched\n');
    expect((await kubectl('patch', 'vs', 'reviews', '--type=merge', '-p', '{"spec":{"gateways":["mesh"]}}')).stdout).toBe('virtualservice.networking.istio.io/reviews patched (no change)\n');
    expect((await kubectl('patch', 'vs', 'reviews', '--type=json', '-p', '[{"op":"remove","path":"/spec/gateways"}]')).stdout).toContain('patched');
    expect((await kubectl('label', 'vs', 'reviews', 'team=a')).stdout).toBe('virtualservice.networking.istio.io/reviews labeled\n');
    expect((await kubectl('annotate', 'vs', 'reviews', 'note=canary')).stdout).toBe('virtualservice.networking.istio.io/reviews annotated\n');
    expect((await kubectl('get', 'vs', 'reviews', '-o', 'jsonpath={.metadata.labels.team}/{.metadata.annotations.note}')).stdout).toBe('a/canary');

    const target = file('virtual-service-reviews-90-10.yaml');
    const diff = await kubectl('diff', '-f', target);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toMatch(/^-\s+weight: 70$/m);
    expect(diff.stdout).toMatch(/^\+\s+weight: 90$/m);
    expect(diff.stdout).not.toMatch(/^[-+]\s+resourceVersion/m);
    expect((await kubectl('apply', '--dry-run=server', '-f', target)).stdout).toBe('virtualservice.networking.istio.io/reviews configured (server dry run)\n');
    expect((await kubectl('delete', 'vs', 'reviews', '--dry-run=server')).stdout).toBe('virtualservice.networking.istio.io "reviews" deleted (server dry run)\n');
    expect((await kubectl('get', 'vs', 'reviews', '-o', 'jsonpath={.spec.http[0].route[0].weight}')).stdout).toBe('70');
    expect((await kubectl('replace', '-f', target)).stdout).toBe('virtualservice.networking.istio.io/reviews replaced\n');
    const same = await kubectl('diff', '-f', target);
    expect(same.code, same.stdout + same.stderr).toBe(0);
    expect((await kubectl('delete', '-f', target)).stdout).toBe('virtualservice.networking.istio.io "reviews" deleted\n');
    expect((await kubectl('get', 'vs', 'reviews')).stderr).toContain('(NotFound)');
  });

  it('prints refusals with their field paths, and warnings', async () => {
    const invalid = write('invalid.yaml', vsYaml('bad', '  hosts: [bad]\n  http:\n  - route:\n    - destination: {port: {number: 9080}}\n      weight: "x"\n'));
    const refused = await kubectl('apply', '-f', invalid);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The VirtualService "bad" is invalid: \n');
    expect(refused.stderr).toContain('* spec.http[0].route[0].destination.host: Required value');
    expect(refused.stderr).toMatch(/\* spec\.http\[0\]\.route\[0\]\.weight: Invalid value: "x"/);
    const misspelt = write('misspelt.yaml', vsYaml('typo', '  hosts: [typo]\n  http:\n  - route:\n    - destination: {host: typo}\n      wieght: 5\n'));
    const strict = await kubectl('create', '-f', misspelt);
    expect(strict.stderr).toContain('Error from server (BadRequest): error when creating');
    expect(strict.stderr).toContain('strict decoding error: unknown field "spec.http[0].route[0].wieght"');
    const warned = await kubectl('create', '--validate=warn', '-f', misspelt);
    expect(warned.stdout).toBe('virtualservice.networking.istio.io/typo created\n');
    // Then Kiali's cross-check warnings (the host typo is not registered: KIA1101).
    expect(warned.stderr).toMatch(/^Warning: unknown field "spec\.http\[0\]\.route\[0\]\.wieght"\n/);
    const tcp = write('tcp.yaml', vsYaml('mongo', '  hosts: [mongo]\n  tcp:\n  - route:\n    - destination: {host: mongo}\n'));
    const notEnforced = await kubectl('apply', '-f', tcp);
    expect(notEnforced.stdout).toBe('virtualservice.networking.istio.io/mongo created\n');
    expect(notEnforced.stderr).toMatch(/^Warning: spec\.tcp: TCP routes are .*not enforced/m);
  });

  it('server-side apply: a conflict names the other manager; --force-conflicts takes the field', async () => {
    await kubectl('apply', '-f', file('virtual-service-reviews-80-20.yaml'));
    const conflict = await kubectl('apply', '--server-side', '-f', file('virtual-service-reviews-v3.yaml'));
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain(
      'error: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using networking.istio.io/v1: .spec.http',
    );
    const forced = await kubectl('apply', '--server-side', '--force-conflicts', '-f', file('virtual-service-reviews-v3.yaml'));
    expect(forced.stdout).toBe('virtualservice.networking.istio.io/reviews serverside-applied\n');
    const managed = (await kubectl('get', 'vs', 'reviews', '-o', 'yaml', '--show-managed-fields')).stdout;
    expect(managed).toMatch(/- apiVersion: networking\.istio\.io\/v1\n\s+fieldsType: FieldsV1\n\s+fieldsV1:\n\s+f:spec:\n\s+f:hosts: \{\}\n\s+f:http: \{\}\n\s+manager: kubectl\n\s+operation: Apply/);
    expect((await kubectl('apply', '--server-side', '-f', file('virtual-service-reviews-v3.yaml'))).stdout).toContain('serverside-applied');
    expect((await kubectl('get', 'vs', 'reviews', '-o', 'jsonpath={.spec.http[0].route[0].destination.subset}')).stdout).toBe('v3');
  });

  it('get -w prints the list, then every change', async () => {
    const child = k.spawn(['get', 'vs', '-w', '--output-watch-events']);
    let out = '';
    child.stdout?.on('data', (c) => (out += c));
    const until = async (pattern: RegExp) => {
      for (let i = 0; i < 100 && !pattern.test(out); i++) await new Promise((r) => setTimeout(r, 50));
      return out;
    };
    try {
      await until(/ADDED\s+reviews/);
      await kubectl('label', 'vs', 'reviews', 'watched=yes');
      await kubectl('delete', 'vs', 'mongo');
      await until(/DELETED\s+mongo/);
    } finally {
      child.kill();
    }
    const events = rows(out);
    expect(events[0]).toEqual(['EVENT', 'NAME', 'GATEWAYS', 'HOSTS', 'AGE']);
    expect(events).toContainEqual(['MODIFIED', 'reviews', '["reviews"]', expect.any(String)]);
    expect(events).toContainEqual(['DELETED', 'mongo', '["mongo"]', expect.any(String)]);
  });

  it('refuses a wrong token with Unauthorized, and a viewer kubeconfig cannot write', async () => {
    const wrong = write('wrong-kubeconfig', readFileSync(h.kube!.kubeconfig, 'utf8').replace(/token: ".*"/, 'token: "not-a-token"'));
    const cold = await k.run(['--cache-dir', join(k.home, 'cold'), 'get', 'vs'], { kubeconfig: wrong });
    expect(cold.code).toBe(1);
    expect(cold.stderr).toContain('error: You must be logged in to the server (the server has asked for the client to provide credentials)');
    const cached = await k.run(['get', 'vs'], { kubeconfig: wrong });
    expect(cached.stderr.trim()).toBe('error: You must be logged in to the server (Unauthorized)');

    const minted = await h.call('POST', '/rudder/v1/kubeconfig', { body: { role: 'viewer' } });
    const viewer = write('viewer-kubeconfig', minted.text);
    expect((await k.run(['get', 'vs', 'reviews', '-o', 'name'], { kubeconfig: viewer })).stdout).toBe('virtualservice.networking.istio.io/reviews\n');
    const forbidden = await k.run(['delete', 'vs', 'reviews'], { kubeconfig: viewer });
    expect(forbidden.stderr).toMatch(/^Error from server \(Forbidden\): .*cannot write/m);
  });
});
