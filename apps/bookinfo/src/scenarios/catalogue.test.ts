import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kindByName, type Resource, validateStructure } from '@rudder/shared/kinds';
import { validateIstio } from '@rudder/shared/validation';
import { parseYamlDocuments } from '@rudder/shared/yaml';
import type { SandboxScenario } from '@rudder/shared/protocol';
import { describe, expect, it } from 'vitest';
import {
  BASELINE_FOLDER,
  baselineResources,
  CATALOGUE_DIR,
  compareIds,
  findScenario,
  listedScenario,
  loadCatalogue,
  type Scenario,
  scenarioDocuments,
  scenarioResources,
} from './catalogue.js';

const scenarios = loadCatalogue();
const IDS = ['6.1', '6.2', '6.3', '6.4', '6.5', '6.6', '6.7', '6.8', '6.8b', '6.9', '6.10', '6.11', '6.12', '6.13'];

/** Structural (Strict) and Istio semantic validation of one document: problems, and warnings (allowed). */
function check(doc: unknown): { problems: string[]; warnings: string[] } {
  const resource = doc as Resource;
  const def = kindByName(resource.kind);
  if (!def) return { problems: [`unknown kind ${resource.kind}`], warnings: [] };
  const structural = validateStructure(def, resource, 'Strict');
  if (structural.problems.length > 0) return { problems: structural.problems.map((p) => `${p.field}: ${p.message}`), warnings: [] };
  const value = structural.value as unknown as Resource;
  const stored = { ...value, metadata: { ...value.metadata, namespace: value.metadata.namespace ?? 'default' } };
  const istio = validateIstio(stored);
  return { problems: istio.problems.map((p) => `${p.field}: ${p.message}`), warnings: [...structural.warnings, ...istio.warnings] };
}
const problemsOf = (doc: unknown) => check(doc).problems;

/** The config in effect after a reset and an apply: documents replace earlier ones of the same kind and name. */
function applied(...sets: Resource[][]): Resource[] {
  const byKey = new Map<string, Resource>();
  for (const doc of sets.flat()) byKey.set(`${doc.kind}/${doc.metadata.name}`, doc);
  return [...byKey.values()];
}

/** Every (host, subset) a VirtualService routes or mirrors to that no DestinationRule in effect defines. */
function missingSubsets(config: Resource[]): string[] {
  const subsets = new Map<string, Set<string>>();
  for (const dr of config.filter((r) => r.kind === 'DestinationRule')) {
    const spec = dr.spec as { host: string; subsets?: { name: string }[] };
    subsets.set(spec.host, new Set((spec.subsets ?? []).map((s) => s.name)));
  }
  const missing: string[] = [];
  for (const vs of config.filter((r) => r.kind === 'VirtualService')) {
    const http = (vs.spec as { http?: { route?: { destination: { host: string; subset?: string } }[]; mirror?: { host: string; subset?: string } }[] }).http;
    const destinations = (http ?? []).flatMap((rule) => [...(rule.route ?? []).map((r) => r.destination), ...(rule.mirror ? [rule.mirror] : [])]);
    for (const { host, subset } of destinations) {
      if (subset !== undefined && !subsets.get(host)?.has(subset)) missing.push(`${vs.metadata.name} → ${host}/${subset}`);
    }
  }
  return missing;
}

describe('scenario catalogue', () => {
  it('holds every tutorial section once, in order, plus 6.8b', () => {
    expect(scenarios.map((s) => s.id)).toEqual(IDS);
    expect(new Set(scenarios.map((s) => s.folder)).size).toBe(scenarios.length);
    expect([...IDS].sort(compareIds)).toEqual(IDS);
    expect(findScenario(scenarios, '6.10')?.folder).toBe('6.10-load-balancers');
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s describes itself fully', (_id, scenario: Scenario) => {
    expect(scenario.folder.startsWith(`${scenario.id}-`)).toBe(true);
    expect(scenario.section).toMatch(/^6\.\d+$/);
    expect(scenario.id.startsWith(scenario.section)).toBe(true);
    for (const text of [scenario.title, scenario.summary]) expect(text.length).toBeGreaterThan(10);
    for (const list of [scenario.lookFor, scenario.istioDiffers, scenario.preconditions]) {
      expect(list.length).toBeGreaterThan(0);
      for (const item of list) expect(typeof item).toBe('string');
    }
    expect(scenario.files.length).toBeGreaterThan(0);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s: every file listed exists, and every YAML file is listed', (_id, scenario: Scenario) => {
    const listed = new Set([...scenario.files, ...(scenario.variants ?? []).flatMap((v) => v.files)]);
    for (const file of listed) expect(existsSync(join(scenario.dir, file)), file).toBe(true);
    const yaml = readdirSync(scenario.dir).filter((f) => f.endsWith('.yaml'));
    expect(yaml.filter((f) => !listed.has(f))).toEqual([]);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s: every document is valid Istio config', (_id, scenario: Scenario) => {
    for (const file of readdirSync(scenario.dir).filter((f) => f.endsWith('.yaml'))) {
      const docs = parseYamlDocuments(readFileSync(join(scenario.dir, file), 'utf8'));
      expect(docs.length, file).toBeGreaterThan(0);
      for (const doc of docs) expect(problemsOf(doc), file).toEqual([]);
      for (const doc of docs as Resource[]) expect(doc.apiVersion, file).toMatch(/^networking\.istio\.io\/(v1alpha3|v1beta1)$/);
    }
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s: every subset it routes to is defined once applied on the baseline', (_id, scenario: Scenario) => {
    const baseline = baselineResources();
    expect(missingSubsets(applied(baseline, scenarioResources(scenario)))).toEqual([]);
    for (const variant of scenario.variants ?? []) {
      expect(missingSubsets(applied(baseline, scenarioResources(scenario, variant.id))), variant.id).toEqual([]);
    }
  });

  it('validates for real: a broken document has problems', () => {
    const broken = parseYamlDocuments('apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata: {name: r}\nspec:\n  hosts: [reviews]\n  http:\n  - timeout: 0s\n    route: [{destination: {host: reviews}, weight: -1}]\n  - rooute: []\n')[0];
    expect(problemsOf(broken).length).toBeGreaterThan(0);
  });

  it("warns where the tutorial uses deprecated or unenforced fields, as istioDiffers says", () => {
    const warnings = (id: string) => scenarioResources(findScenario(scenarios, id)!).flatMap((d) => check(d).warnings);
    expect(warnings('6.9').join('\n')).toMatch(/mirror_percent/);
    expect(warnings('6.12').join('\n')).toMatch(/tcpKeepalive/);
    expect(warnings('6.13').join('\n')).toMatch(/consecutiveErrors/);
    expect(warnings('6.1')).toEqual([]);
  });

  it('keeps the tutorial YAML as written where Istio accepts it', () => {
    const docs = (id: string) => scenarioResources(findScenario(scenarios, id)!);
    const canary = docs('6.1').find((d) => d.kind === 'VirtualService')!.spec as any;
    expect(canary.gateways).toEqual(['bookinfo-gateway', 'mesh']);
    expect(canary.http[0].route.map((r: any) => r.weight)).toEqual([10, 10, 80]);
    expect((docs('6.5').at(-1)!.spec as any).http[0].fault.delay.fixedDelay).toBe('10s');
    expect((docs('6.6').at(-1)!.spec as any).http[0].fault.abort.httpStatus).toBe(400);
    expect((docs('6.7').at(-1)!.spec as any).http[0].timeout).toBe('1s');
    expect((docs('6.8').at(-1)!.spec as any).http[0].retries).toEqual({
      attempts: 3,
      perTryTimeout: '3s',
      retryOn: '5xx,gateway-error,reset,connect-failure,refused-stream,retriable-4xx',
    });
    expect((docs('6.9').at(-1)!.spec as any).http[0].mirror_percent).toBe(100);
    expect((docs('6.11')[0]!.spec as any).trafficPolicy.loadBalancer.consistentHash.httpCookie).toEqual({ name: 'user', ttl: '1800s' });
    expect((docs('6.13')[0]!.spec as any).trafficPolicy.outlierDetection.consecutiveErrors).toBe(1);
  });

  it('completes the 6.3 and 6.4 fragments with a last route to v1', () => {
    for (const id of ['6.3', '6.4']) {
      const http = (scenarioResources(findScenario(scenarios, id)!)[0]!.spec as any).http;
      expect(http).toHaveLength(2);
      expect(http[0].route[0].destination).toEqual({ host: 'reviews', subset: 'v2' });
      expect(http[1]).toEqual({ route: [{ destination: { host: 'reviews', subset: 'v1' } }] });
    }
  });

  it('tells the runner who to sign in as and which ratings instance to make flaky', () => {
    expect(Object.fromEntries(scenarios.filter((s) => s.signInAs).map((s) => [s.id, s.signInAs]))).toEqual({
      '6.2': 'log-in-as-this-user',
      '6.5': 'tester',
      '6.6': 'tester',
      '6.8': 'tester',
    });
    expect(findScenario(scenarios, '6.8b')?.ratingsFault).toEqual({ instance: 'ratings-v1-1', errorRate: 0.5 });
    expect(scenarioDocuments(findScenario(scenarios, '6.5')!)).toMatch(/exact: tester[\s\S]*\n---\n# Tutorial section 6\.5/);
    expect(() => scenarioResources(findScenario(scenarios, '6.1')!, 'nope')).toThrow(/no variant/);
  });
  it('lists each scenario as the API answers it: the wire type\'s fields only, never the path on disk', () => {
    // Every field of the shared wire type, checked against the type at compile time.
    const fields = {
      id: true,
      title: true,
      section: true,
      summary: true,
      lookFor: true,
      istioDiffers: true,
      preconditions: true,
      files: true,
      signInAs: true,
      ratingsFault: true,
      variants: true,
      folder: true,
    } satisfies Record<keyof SandboxScenario, true>;
    for (const scenario of scenarios) {
      const listed = listedScenario(scenario);
      expect(listed, scenario.id).not.toHaveProperty('dir');
      expect(Object.keys(listed).filter((key) => !(key in fields)), scenario.id).toEqual([]);
      expect(JSON.parse(readFileSync(join(scenario.dir, 'scenario.json'), 'utf8'))).toEqual({ ...listed, folder: undefined });
    }
  });
});

describe('baseline', () => {
  const docs = baselineResources();

  it('is valid Istio config', () => {
    for (const doc of docs) expect(problemsOf(doc)).toEqual([]);
    expect(existsSync(join(CATALOGUE_DIR, BASELINE_FOLDER, 'baseline.json'))).toBe(true);
  });

  it('binds productpage to the Bookinfo Gateway on 8080', () => {
    const gateway = docs.find((d) => d.kind === 'Gateway')!;
    expect(gateway.metadata.name).toBe('bookinfo-gateway');
    expect(gateway.spec).toEqual({
      selector: { istio: 'ingressgateway' },
      servers: [{ port: { number: 8080, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
    });
    const vs = docs.find((d) => d.kind === 'VirtualService')!;
    expect(vs.metadata.name).toBe('bookinfo');
    const spec = vs.spec as any;
    expect(spec.gateways).toEqual(['bookinfo-gateway']);
    expect(spec.http[0].match.map((m: any) => m.uri)).toEqual([
      { exact: '/productpage' },
      { prefix: '/productpage' },
      { prefix: '/static' },
      { exact: '/login' },
      { exact: '/logout' },
      { prefix: '/api/v1/products' },
    ]);
    expect(spec.http[0].route).toEqual([{ destination: { host: 'productpage', port: { number: 9080 } } }]);
  });

  it('defines the subsets and leaves reviews and ratings without a VirtualService', () => {
    const subsets = Object.fromEntries(
      docs.filter((d) => d.kind === 'DestinationRule').map((d) => [(d.spec as any).host, (d.spec as any).subsets.map((s: any) => s.name)]),
    );
    expect(subsets).toEqual({ productpage: ['v1'], reviews: ['v1', 'v2', 'v3'], ratings: ['v1'], details: ['v1'] });
    expect(docs.filter((d) => d.kind === 'VirtualService').map((d) => d.metadata.name)).toEqual(['bookinfo']);
  });
});
