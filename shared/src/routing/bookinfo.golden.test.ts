// Golden test: the tutorial's Bookinfo configurations, a batch of requests each, and where they
// go (rule, picked destination, endpoints). Rewrite the golden file with UPDATE_GOLDEN=1.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRouteTable } from './compile.js';
import { pickDestination, resolveDestination } from './destination.js';
import { matchRoute } from './match.js';
import { bookinfo, bookinfoGateway, request, snapshot } from './testdata/fixtures.js';
import type { ListenerContext, RouteRequest } from './types.js';

const golden = join(import.meta.dirname, 'testdata/golden/bookinfo-scenarios.json');

const sidecar = (app: string, version = 'v1'): ListenerContext => ({ kind: 'sidecar', namespace: 'default', labels: { app, version } });
const jason = { 'end-user': 'jason' };

type Probe = [string, RouteRequest, number?];
const ingress: Probe[] = [
  ['gateway GET /productpage', request('localhost:8080', '/productpage', { listener: bookinfoGateway })],
  ['gateway GET /', request('localhost:8080', '/', { listener: bookinfoGateway })],
];
const calls: Probe[] = [
  ['productpage → details', request('details:9080', '/details/0')],
  ['productpage → reviews (anonymous)', request('reviews:9080', '/reviews/0')],
  ['productpage → reviews (jason)', request('reviews:9080', '/reviews/0', { headers: jason })],
  ['reviews-v2 → ratings (jason)', request('ratings:9080', '/ratings/0', { listener: sidecar('reviews', 'v2'), headers: jason })],
  ['reviews-v2 → ratings (anonymous)', request('ratings:9080', '/ratings/0', { listener: sidecar('reviews', 'v2') })],
];
const weighted: Probe[] = [0.05, 0.49, 0.51, 0.79, 0.81, 0.95].map((r) => [`productpage → reviews (random ${r})`, request('reviews:9080', '/reviews/0'), r]);

const scenarios: [string, string[], Probe[]][] = [
  ['no VirtualService (default routes)', ['bookinfo-gateway.yaml', 'destination-rule-all.yaml'], [...ingress, ...calls]],
  ['virtual-service-all-v1', ['bookinfo-gateway.yaml', 'destination-rule-all.yaml', 'virtual-service-all-v1.yaml'], [...ingress, ...calls]],
  ['reviews-jason-v2-v3', ['destination-rule-all.yaml', 'virtual-service-all-v1.yaml', 'virtual-service-reviews-jason-v2-v3.yaml'], calls],
  ['ratings-test-delay', ['destination-rule-all.yaml', 'virtual-service-all-v1.yaml', 'virtual-service-reviews-test-v2.yaml', 'virtual-service-ratings-test-delay.yaml'], calls],
  ['ratings-test-abort', ['destination-rule-all.yaml', 'virtual-service-all-v1.yaml', 'virtual-service-reviews-test-v2.yaml', 'virtual-service-ratings-test-abort.yaml'], calls],
  ['reviews-50-v3', ['destination-rule-all.yaml', 'virtual-service-reviews-50-v3.yaml'], weighted],
  ['reviews-80-20', ['destination-rule-all.yaml', 'virtual-service-reviews-80-20.yaml'], weighted],
  ['reviews-v3', ['destination-rule-all.yaml', 'virtual-service-reviews-v3.yaml'], weighted.slice(0, 1)],
];

/** One line per request: where the matcher sends it and what the destination resolves to. */
function outcome(files: string[], [, req, random = 0]: Probe): string {
  // Later files replace earlier resources of the same kind and name, as `kubectl apply` does.
  const byName = new Map(files.flatMap((f) => bookinfo(f)).map((r) => [`${r.kind}/${r.metadata.name}`, r]));
  const table = compileRouteTable(snapshot([...byName.values()]));
  const m = matchRoute(table, req);
  switch (m.kind) {
    case 'no-route':
      return `${m.status} ${m.responseFlag ?? ''} ${m.reason}`.replace('  ', ' ');
    case 'passthrough':
      return 'passthrough';
    case 'default': {
      const d = resolveDestination(table, m.service.host, undefined, req.port ?? 9080);
      return `default → ${m.service.host} [${d?.endpoints.map((e) => e.name).join(' ')}]`;
    }
    case 'route': {
      const picked = pickDestination(m.rule, () => random);
      const d = picked && resolveDestination(table, picked.host, picked.subset, picked.port, { listenerPort: 9080 });
      const fault = m.rule.spec.fault ? ` fault=${JSON.stringify(m.rule.spec.fault)}` : '';
      const where = picked ? `${picked.host}${picked.subset ? `/${picked.subset}` : ''} [${d?.endpoints.map((e) => e.name).join(' ') ?? 'NC'}]` : 'none';
      return `${m.virtualService.key} http[${m.ruleIndex}]${m.match ? ` match[${m.match.index}]` : ''} → ${where}${fault}`;
    }
  }
}

describe('Bookinfo scenarios (golden: testdata/golden/bookinfo-scenarios.json)', () => {
  const actual: Record<string, Record<string, string>> = {};
  for (const [name, files, probes] of scenarios) {
    actual[name] = Object.fromEntries(probes.map((p) => [p[0], outcome(files, p)]));
  }
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, `${JSON.stringify(actual, null, 2)}\n`);
  const expected = JSON.parse(readFileSync(golden, 'utf8')) as typeof actual;
  it.each(scenarios.map(([name]) => name))('%s', (name) => {
    expect(actual[name]).toEqual(expected[name]);
  });
});
