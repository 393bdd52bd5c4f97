// Tests for resolveServices: registry Services, WorkloadEntries and ServiceEntries merged as Istio does.
import type { Resource } from '@rudder/shared/kinds';
import type { Instance, RegistryService, RegistryState, ResolvedService, Workload } from '@rudder/shared/protocol';
import { describe, expect, it } from 'vitest';
import { resolveServices, selects } from './resolve.js';

const svc = (name: string, selector: Record<string, string>, extra: Partial<RegistryService> = {}): RegistryService => ({
  name,
  namespace: 'default',
  ports: [{ name: 'http', port: 9080 }],
  selector,
  ...extra,
});
const workload = (name: string, labels: Record<string, string>, namespace = 'default'): Workload => ({ name, namespace, labels });
const instance = (name: string, wl: string, address: string, extra: Partial<Instance> = {}): Instance => ({
  name,
  namespace: 'default',
  workload: wl,
  address,
  port: 9080,
  ttlSeconds: 15,
  health: 'Healthy',
  registeredAt: '2026-01-01T00:00:00Z',
  ...extra,
});
const registry = (r: Partial<RegistryState>): RegistryState => ({ services: [], workloads: [], instances: [], ...r });

const we = (name: string, spec: Record<string, unknown>, namespace = 'default'): Resource => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'WorkloadEntry',
  metadata: { name, namespace },
  spec,
});
const se = (name: string, spec: Record<string, unknown>, namespace = 'default'): Resource => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'ServiceEntry',
  metadata: { name, namespace },
  spec,
});

const find = (out: ResolvedService[], host: string) => out.find((s) => s.host === host)!;
/** `name@address:port` per endpoint, in output order. */
const eps = (s: ResolvedService) => s.endpoints.map((e) => `${e.name}@${e.address}:${e.port}`);

const REVIEWS = 'reviews.default.svc.cluster.local';

describe('selects (labels.Instance.Match)', () => {
  it.each([
    [{ app: 'reviews' }, { app: 'reviews', version: 'v1' }, true],
    [{ app: 'reviews', version: 'v2' }, { app: 'reviews', version: 'v1' }, false],
    [{ app: 'reviews' }, { version: 'v1' }, false],
    [{}, { app: 'reviews' }, false],
    [undefined, { app: 'reviews' }, false],
  ])('%o selects %o: %s', (selector, labels, expected) => {
    expect(selects(selector, labels)).toBe(expected);
  });
});

describe('Kubernetes Services', () => {
  const base = registry({
    services: [svc('reviews', { app: 'reviews' })],
    workloads: [workload('reviews-v1', { app: 'reviews', version: 'v1' }), workload('other', { app: 'other' })],
    instances: [
      instance('reviews-v1-1', 'reviews-v1', '10.0.0.1', { proxy: 'sidecar~reviews-v1-1', health: 'Unhealthy' }),
      instance('other-1', 'other', '10.0.0.9'),
    ],
  });

  const cases: { name: string; resources: Resource[]; expected: string[] }[] = [
    { name: 'instances of matching workloads only', resources: [], expected: ['reviews-v1-1@10.0.0.1:9080'] },
    {
      name: 'a WorkloadEntry with matching labels joins, port mapped by name',
      resources: [we('vm-1', { address: '192.168.1.5', labels: { app: 'reviews', version: 'vm' }, ports: { http: 19080 } })],
      expected: ['reviews-v1-1@10.0.0.1:9080', 'vm-1@192.168.1.5:19080'],
    },
    {
      name: 'a WorkloadEntry without a named port uses the service port',
      resources: [we('vm-2', { address: '192.168.1.6', labels: { app: 'reviews' } })],
      expected: ['reviews-v1-1@10.0.0.1:9080', 'vm-2@192.168.1.6:9080'],
    },
    {
      name: 'metadata labels count (merged over spec labels)',
      resources: [{ ...we('vm-3', { address: '192.168.1.7' }), metadata: { name: 'vm-3', namespace: 'default', labels: { app: 'reviews' } } }],
      expected: ['reviews-v1-1@10.0.0.1:9080', 'vm-3@192.168.1.7:9080'],
    },
    {
      name: 'a WorkloadEntry in another namespace does not join',
      resources: [we('vm-x', { address: '192.168.1.8', labels: { app: 'reviews' } }, 'other')],
      expected: ['reviews-v1-1@10.0.0.1:9080'],
    },
    {
      name: 'a WorkloadEntry with other labels does not join',
      resources: [we('vm-y', { address: '192.168.1.9', labels: { app: 'ratings' } })],
      expected: ['reviews-v1-1@10.0.0.1:9080'],
    },
    {
      name: 'a WorkloadEntry with a hostname address does not join (DNS ServiceEntries only)',
      resources: [we('vm-dns', { address: 'vm.example.com', labels: { app: 'reviews' } })],
      expected: ['reviews-v1-1@10.0.0.1:9080'],
    },
  ];
  it.each(cases)('$name', ({ resources, expected }) => {
    expect(eps(find(resolveServices(base, resources), REVIEWS))).toEqual(expected);
  });

  it('builds the service and copies instance fields', () => {
    const [out] = resolveServices(base, []);
    expect(out).toEqual({
      host: REVIEWS,
      namespace: 'default',
      name: 'reviews',
      ports: [{ name: 'http', port: 9080 }],
      source: 'Kubernetes',
      endpoints: [
        {
          address: '10.0.0.1',
          port: 9080,
          labels: { app: 'reviews', version: 'v1' },
          source: 'Instance',
          name: 'reviews-v1-1',
          namespace: 'default',
          workload: 'reviews-v1',
          health: 'Unhealthy',
          proxy: 'sidecar~reviews-v1-1',
        },
      ],
    });
  });

  it('a WorkloadEntry endpoint is healthy, named after itself, with weight and locality', () => {
    const out = resolveServices(base, [
      we('vm-1', { address: '192.168.1.5', labels: { app: 'reviews' }, weight: 3, locality: 'us/east/a' }),
    ]);
    expect(find(out, REVIEWS).endpoints[1]).toEqual({
      address: '192.168.1.5',
      port: 9080,
      labels: { app: 'reviews' },
      source: 'WorkloadEntry',
      name: 'vm-1',
      namespace: 'default',
      workload: 'vm-1',
      health: 'Healthy',
      weight: 3,
      locality: 'us/east/a',
    });
  });

  it('an empty selector selects nothing; instances of another namespace are excluded', () => {
    const r = registry({
      services: [svc('headless', {}), svc('reviews', { app: 'reviews' })],
      workloads: [workload('reviews-v1', { app: 'reviews' }, 'other')],
      instances: [instance('reviews-v1-1', 'reviews-v1', '10.0.0.1', { namespace: 'other' })],
    });
    const out = resolveServices(r, [we('vm', { address: '1.2.3.4', labels: { app: 'reviews' } })]);
    expect(eps(find(out, 'headless.default.svc.cluster.local'))).toEqual([]);
    expect(eps(find(out, REVIEWS))).toEqual(['vm@1.2.3.4:9080']);
  });

  it('one endpoint per service port; a WorkloadEntry maps each port by name, else targetPort', () => {
    const r = registry({
      services: [svc('multi', { app: 'm' }, { ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'grpc', port: 90 }] })],
    });
    const out = resolveServices(r, [we('vm', { address: '1.2.3.4', labels: { app: 'm' }, ports: { grpc: 9090 } })]);
    expect(eps(out[0]!)).toEqual(['vm@1.2.3.4:8080', 'vm@1.2.3.4:9090']);
  });
});

describe('ServiceEntries', () => {
  const cases: { name: string; spec: Record<string, unknown>; resources?: Resource[]; reg?: RegistryState; expected: Record<string, string[]> }[] = [
    {
      name: 'STATIC inline endpoints: one per endpoint per port, named port > targetPort > number',
      spec: {
        hosts: ['db.example.com'],
        location: 'MESH_INTERNAL',
        resolution: 'STATIC',
        ports: [{ number: 5432, name: 'tcp', protocol: 'TCP' }, { number: 80, name: 'http', protocol: 'HTTP', targetPort: 8080 }],
        endpoints: [{ address: '10.1.0.2', ports: { tcp: 15432 } }, { address: '10.1.0.1' }],
      },
      expected: { 'db.example.com': ['10.1.0.1@10.1.0.1:5432', '10.1.0.1@10.1.0.1:8080', '10.1.0.2@10.1.0.2:8080', '10.1.0.2@10.1.0.2:15432'] },
    },
    {
      name: 'workloadSelector selects WorkloadEntries and instances of its namespace',
      spec: {
        hosts: ['vm.mesh.internal'],
        location: 'MESH_INTERNAL',
        resolution: 'STATIC',
        ports: [{ number: 80, name: 'http', targetPort: 8080 }],
        workloadSelector: { labels: { app: 'vm' } },
      },
      resources: [
        we('vm-1', { address: '10.2.0.1', labels: { app: 'vm' }, ports: { http: 9000 } }),
        we('vm-2', { address: '10.2.0.2', labels: { app: 'vm' } }),
        we('vm-3', { address: '10.2.0.3', labels: { app: 'other' } }),
        we('vm-4', { address: '10.2.0.4', labels: { app: 'vm' } }, 'other'),
        we('vm-dns', { address: 'vm.example.com', labels: { app: 'vm' } }),
      ],
      reg: registry({ workloads: [workload('vm-pods', { app: 'vm' })], instances: [instance('vm-pods-1', 'vm-pods', '10.0.0.5')] }),
      expected: { 'vm.mesh.internal': ['vm-1@10.2.0.1:9000', 'vm-2@10.2.0.2:8080', 'vm-pods-1@10.0.0.5:9080'] },
    },
    {
      name: 'DNS workloadSelector also takes WorkloadEntries with hostname addresses',
      spec: { hosts: ['vm.mesh.internal'], resolution: 'DNS', ports: [{ number: 80, name: 'http' }], workloadSelector: { labels: { app: 'vm' } } },
      resources: [we('vm-dns', { address: 'vm.example.com', labels: { app: 'vm' } })],
      expected: { 'vm.mesh.internal': ['vm-dns@vm.example.com:80'] },
    },
    {
      name: 'DNS without endpoints: the host itself, per host and port',
      spec: { hosts: ['api.example.com', 'cdn.example.com'], resolution: 'DNS', ports: [{ number: 443, name: 'tls', protocol: 'TLS' }, { number: 80, name: 'http', targetPort: 8080 }] },
      expected: {
        'api.example.com': ['api.example.com@api.example.com:443', 'api.example.com@api.example.com:8080'],
        'cdn.example.com': ['cdn.example.com@cdn.example.com:443', 'cdn.example.com@cdn.example.com:8080'],
      },
    },
    {
      name: 'DNS_ROUND_ROBIN without endpoints: the host itself',
      spec: { hosts: ['api.example.com'], resolution: 'DNS_ROUND_ROBIN', ports: [{ number: 443, name: 'tls' }] },
      expected: { 'api.example.com': ['api.example.com@api.example.com:443'] },
    },
    {
      name: 'DNS with a wildcard host: no endpoints',
      spec: { hosts: ['*.example.com'], resolution: 'DNS', ports: [{ number: 443, name: 'tls' }] },
      expected: { '*.example.com': [] },
    },
    {
      name: 'NONE (the default): no endpoints, passthrough',
      spec: { hosts: ['*.google.com', 'example.org'], ports: [{ number: 443, name: 'tls' }] },
      expected: { '*.google.com': [], 'example.org': [] },
    },
    {
      name: 'STATIC with a selector matching nothing: no endpoints (and no host fallback)',
      spec: { hosts: ['x.internal'], resolution: 'STATIC', ports: [{ number: 80, name: 'http' }], workloadSelector: { labels: { app: 'none' } } },
      expected: { 'x.internal': [] },
    },
  ];
  it.each(cases)('$name', ({ spec, resources = [], reg = registry({}), expected }) => {
    const out = resolveServices(reg, [se('entry', spec), ...resources]);
    expect(Object.fromEntries(out.map((s) => [s.host, eps(s)]))).toEqual(expected);
  });

  it('builds one service per host, hosts as written, with defaults and ports mapped', () => {
    const out = resolveServices(registry({}), [
      se('ext', { hosts: ['httpbin', 'b.example.com'], ports: [{ number: 80, name: 'http', protocol: 'HTTP', targetPort: 8080 }], exportTo: ['.'] }, 'ns1'),
    ]);
    expect(out.map((s) => s.host)).toEqual(['b.example.com', 'httpbin']);
    expect(out[1]).toEqual({
      host: 'httpbin',
      namespace: 'ns1',
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'HTTP' }],
      endpoints: [],
      source: 'ServiceEntry',
      location: 'MESH_EXTERNAL',
      resolution: 'NONE',
      serviceEntry: 'ns1/ext',
      exportTo: ['.'],
    });
  });

  it('an inline endpoint is named by its address, its workload is the ServiceEntry', () => {
    const out = resolveServices(registry({}), [
      se('db', {
        hosts: ['db.internal'],
        resolution: 'STATIC',
        ports: [{ number: 5432, name: 'tcp' }],
        endpoints: [{ address: '10.1.0.1', labels: { zone: 'a' }, weight: 2, locality: 'r/z' }],
      }),
    ]);
    expect(out[0]!.endpoints).toEqual([
      {
        address: '10.1.0.1',
        port: 5432,
        labels: { zone: 'a' },
        source: 'ServiceEntry',
        name: '10.1.0.1',
        namespace: 'default',
        workload: 'db',
        health: 'Healthy',
        weight: 2,
        locality: 'r/z',
      },
    ]);
  });
});

describe('ordering and purity', () => {
  it('sorts services by host then namespace, and is deterministic', () => {
    const reg = registry({ services: [svc('b', { app: 'b' }), svc('a', { app: 'a' }, { namespace: 'z' })] });
    const resources = [se('s2', { hosts: ['a.z.svc.cluster.local'] }, 'y'), se('s1', { hosts: ['0.example.com'] })];
    const out = resolveServices(reg, resources);
    expect(out.map((s) => `${s.host} ${s.namespace}`)).toEqual([
      '0.example.com default',
      'a.z.svc.cluster.local y',
      'a.z.svc.cluster.local z',
      'b.default.svc.cluster.local default',
    ]);
    expect(resolveServices(reg, [...resources].reverse())).toEqual(out);
  });

  it('does not mutate its inputs', () => {
    const reg = registry({ services: [svc('reviews', { app: 'reviews' })] });
    const resources = [se('e', { hosts: ['x.com'], resolution: 'DNS', ports: [{ number: 80, name: 'http' }] })];
    const before = JSON.stringify([reg, resources]);
    resolveServices(reg, resources);
    expect(JSON.stringify([reg, resources])).toBe(before);
  });
});

describe('Bookinfo', () => {
  const apps: [string, string][] = [
    ['productpage', 'v1'],
    ['details', 'v1'],
    ['reviews', 'v1'],
    ['reviews', 'v2'],
    ['reviews', 'v3'],
    ['ratings', 'v1'],
  ];
  const reg = registry({
    services: ['productpage', 'details', 'reviews', 'ratings'].map((app) => svc(app, { app })),
    workloads: apps.map(([app, v]) => workload(`${app}-${v}`, { app, version: v })),
    instances: [
      ...apps.map(([app, v], i) => instance(`${app}-${v}-1`, `${app}-${v}`, `10.0.0.${i + 1}`)),
      instance('reviews-v1-2', 'reviews-v1', '10.0.0.20'),
    ],
  });

  it('yields the expected endpoints per service', () => {
    const out = resolveServices(reg, []);
    expect(Object.fromEntries(out.map((s) => [s.host, s.endpoints.map((e) => `${e.name} ${e.labels.version}`)]))).toEqual({
      'details.default.svc.cluster.local': ['details-v1-1 v1'],
      'productpage.default.svc.cluster.local': ['productpage-v1-1 v1'],
      'ratings.default.svc.cluster.local': ['ratings-v1-1 v1'],
      'reviews.default.svc.cluster.local': ['reviews-v1-1 v1', 'reviews-v1-2 v1', 'reviews-v2-1 v2', 'reviews-v3-1 v3'],
    });
    expect(eps(find(out, REVIEWS))).toEqual([
      'reviews-v1-1@10.0.0.3:9080',
      'reviews-v1-2@10.0.0.20:9080',
      'reviews-v2-1@10.0.0.4:9080',
      'reviews-v3-1@10.0.0.5:9080',
    ]);
  });
});
