// /rudder/v1/validations over real HTTP: for every cross-resource check (Kiali's KIA codes,
// Istio's IST0130/IST0131) the situation is built through the API, its warning found, then
// fixed and the warning gone; and a write that causes a KIA1107 carries it as a Warning header.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kindByName } from '@rudder/shared/kinds';
import { type CallResult, type Harness, startHarness } from '../../testing/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

type Spec = Record<string, unknown>;
const path = (kind: string, ns: string, name = '') => {
  const def = kindByName(kind);
  if (!def) throw new Error(kind);
  return `/apis/networking.istio.io/v1/namespaces/${ns}/${def.plural}${name ? `/${name}` : ''}`;
};

/** Creates or replaces an object through the Kubernetes API; refusals fail the test. */
async function write(kind: string, ns: string, name: string, spec: Spec): Promise<CallResult> {
  const body = { apiVersion: 'networking.istio.io/v1', kind, metadata: { name, namespace: ns }, spec };
  const exists = (await h.call('GET', path(kind, ns, name))).status === 200;
  const res = await h.call(exists ? 'PUT' : 'POST', exists ? path(kind, ns, name) : path(kind, ns), { body });
  expect(res.status, res.text).toBeLessThan(300);
  return res;
}
const remove = async (kind: string, ns: string, name: string) => expect((await h.call('DELETE', path(kind, ns, name))).status).toBe(200);
const putService = (ns: string, name: string, selector: Record<string, string> = { app: name }) =>
  h.call('PUT', `/rudder/v1/registry/services/${ns}/${name}`, { body: { name, ports: [{ name: 'http', port: 9080 }], selector } });
const putWorkload = (ns: string, name: string, labels: Record<string, string>) => h.call('PUT', `/rudder/v1/registry/workloads/${ns}/${name}`, { body: { name, labels } });

/** `CODE field` of one object's warnings, as /rudder/v1/validations serves them. */
async function warnings(kind: string, ns: string, name: string, code: string): Promise<string[]> {
  const res = await h.call('GET', `/rudder/v1/validations/${kind}/${ns}/${name}`);
  expect(res.status, res.text).toBe(200);
  return res.json.warnings.filter((f: { code: string }) => f.code === code).map((f: { code: string; field: string }) => `${f.code} ${f.field}`);
}

const route = (host: string, extra: Spec = {}) => ({ destination: { host, ...extra } });
const subset = (name: string, labels?: Record<string, string>) => ({ name, ...(labels ? { labels } : {}) });
const server = (host: string, port = 80) => ({ port: { number: port, name: `http-${port}`, protocol: 'HTTP' }, hosts: [host] });
const ingress = { istio: 'ingressgateway' };

/** Registers reviews with workloads v1 and v2 in `ns`. */
async function bookinfo(ns: string) {
  await putService(ns, 'reviews');
  await putWorkload(ns, 'reviews-v1', { app: 'reviews', version: 'v1' });
  await putWorkload(ns, 'reviews-v2', { app: 'reviews', version: 'v2' });
}

interface Case {
  code: string;
  kind: string;
  name: string;
  /** Where the warning is; KIA1105 marks every repeated destination. */
  field: string | string[];
  build(ns: string): Promise<unknown>;
  fix(ns: string): Promise<unknown>;
}

const CASES: Case[] = [
  {
    code: 'KIA1101', kind: 'VirtualService', name: 'details', field: 'spec.http[0].route[0].destination.host',
    build: (ns) => write('VirtualService', ns, 'details', { hosts: ['details'], http: [{ route: [route('details')] }] }),
    fix: (ns) => putService(ns, 'details'),
  },
  {
    code: 'KIA1102', kind: 'VirtualService', name: 'front', field: 'spec.gateways[0]',
    build: (ns) => write('VirtualService', ns, 'front', { hosts: ['kia1102.example.com'], gateways: ['front-gw'], http: [{ route: [route('reviews')] }] }),
    fix: (ns) => write('Gateway', ns, 'front-gw', { selector: ingress, servers: [server('kia1102.example.com')] }),
  },
  {
    code: 'KIA1104', kind: 'VirtualService', name: 'reviews', field: 'spec.http[0].route[0].weight',
    build: (ns) => write('VirtualService', ns, 'reviews', { hosts: ['reviews'], http: [{ route: [{ ...route('reviews'), weight: 60 }] }] }),
    fix: (ns) => write('VirtualService', ns, 'reviews', { hosts: ['reviews'], http: [{ route: [{ ...route('reviews'), weight: 100 }] }] }),
  },
  {
    code: 'KIA1105', kind: 'VirtualService', name: 'reviews', field: ['spec.http[0].route[0].destination', 'spec.http[0].route[1].destination'],
    build: async (ns) => {
      await write('DestinationRule', ns, 'reviews', { host: 'reviews', subsets: [subset('v1', { version: 'v1' }), subset('v2', { version: 'v2' })] });
      return write('VirtualService', ns, 'reviews', { hosts: ['reviews'], http: [{ route: [{ ...route('reviews', { subset: 'v1' }), weight: 50 }, { ...route('reviews', { subset: 'v1' }), weight: 50 }] }] });
    },
    fix: (ns) => write('VirtualService', ns, 'reviews', { hosts: ['reviews'], http: [{ route: [{ ...route('reviews', { subset: 'v1' }), weight: 50 }, { ...route('reviews', { subset: 'v2' }), weight: 50 }] }] }),
  },
  {
    code: 'KIA1106', kind: 'VirtualService', name: 'second', field: 'spec.hosts',
    build: async (ns) => {
      await write('VirtualService', ns, 'first', { hosts: ['reviews'], http: [{ route: [route('reviews')] }] });
      return write('VirtualService', ns, 'second', { hosts: [`reviews.${ns}.svc.cluster.local`], http: [{ route: [route('reviews')] }] });
    },
    fix: (ns) => remove('VirtualService', ns, 'first'),
  },
  {
    code: 'KIA1107', kind: 'VirtualService', name: 'reviews', field: 'spec.http[0].route[0].destination.subset',
    build: async (ns) => {
      await write('DestinationRule', ns, 'reviews', { host: 'reviews', subsets: [subset('v1', { version: 'v1' })] });
      return write('VirtualService', ns, 'reviews', { hosts: ['reviews'], http: [{ route: [route('reviews', { subset: 'v2' })] }] });
    },
    fix: (ns) => write('DestinationRule', ns, 'reviews', { host: 'reviews', subsets: [subset('v1', { version: 'v1' }), subset('v2', { version: 'v2' })] }),
  },
  {
    code: 'KIA1108', kind: 'VirtualService', name: 'front', field: 'spec.gateways[0]',
    build: async (ns) => {
      await write('Gateway', ns, 'gw', { selector: ingress, servers: [server('kia1108.example.com')] });
      return write('VirtualService', ns, 'front', { hosts: ['kia1108.example.com'], gateways: [`gw.${ns}`], http: [{ route: [route('reviews')] }] });
    },
    fix: (ns) => write('VirtualService', ns, 'front', { hosts: ['kia1108.example.com'], gateways: [`${ns}/gw`], http: [{ route: [route('reviews')] }] }),
  },
  {
    code: 'KIA0201', kind: 'DestinationRule', name: 'reviews-b', field: 'spec.host',
    build: async (ns) => {
      await write('DestinationRule', ns, 'reviews-a', { host: 'reviews', subsets: [subset('v1', { version: 'v1' })] });
      return write('DestinationRule', ns, 'reviews-b', { host: 'reviews', subsets: [subset('v1', { version: 'v1' })] });
    },
    fix: (ns) => remove('DestinationRule', ns, 'reviews-a'),
  },
  {
    code: 'KIA0202', kind: 'DestinationRule', name: 'ratings', field: 'spec.host',
    build: (ns) => write('DestinationRule', ns, 'ratings', { host: 'ratings' }),
    fix: (ns) => putService(ns, 'ratings'),
  },
  {
    code: 'KIA0203', kind: 'DestinationRule', name: 'reviews', field: 'spec.subsets[1]',
    build: (ns) => write('DestinationRule', ns, 'reviews', { host: 'reviews', subsets: [subset('v1', { version: 'v1' }), subset('v3', { version: 'v3' })] }),
    fix: (ns) => putWorkload(ns, 'reviews-v3', { app: 'reviews', version: 'v3' }),
  },
  {
    code: 'KIA0209', kind: 'DestinationRule', name: 'reviews', field: 'spec.subsets[0]',
    build: (ns) => write('DestinationRule', ns, 'reviews', { host: 'reviews', subsets: [subset('all')] }),
    fix: (ns) => write('DestinationRule', ns, 'reviews', { host: 'reviews', subsets: [subset('all', { app: 'reviews' })] }),
  },
  {
    code: 'KIA0301', kind: 'Gateway', name: 'gw-b', field: 'spec.servers[0].hosts[0]',
    build: async (ns) => {
      await write('Gateway', ns, 'gw-a', { selector: ingress, servers: [server('kia0301.example.com')] });
      return write('Gateway', ns, 'gw-b', { selector: ingress, servers: [server('kia0301.example.com')] });
    },
    fix: (ns) => write('Gateway', ns, 'gw-b', { selector: ingress, servers: [server('kia0301.example.com', 8081)] }),
  },
  {
    code: 'KIA0302', kind: 'Gateway', name: 'gw', field: 'spec.selector',
    build: (ns) => write('Gateway', ns, 'gw', { selector: { istio: 'nowhere' }, servers: [server('kia0302.example.com')] }),
    fix: (ns) => write('Gateway', ns, 'gw', { selector: ingress, servers: [server('kia0302.example.com')] }),
  },
  {
    code: 'KIA1211', kind: 'ServiceEntry', name: 'api-b', field: 'spec.ports[0]',
    build: async (ns) => {
      const spec = { hosts: ['kia1211.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], resolution: 'DNS' };
      await write('ServiceEntry', ns, 'api-a', spec);
      return write('ServiceEntry', ns, 'api-b', spec);
    },
    fix: (ns) => write('ServiceEntry', ns, 'api-b', { hosts: ['kia1211.example.com'], ports: [{ number: 8443, name: 'tls', protocol: 'TLS' }], resolution: 'DNS' }),
  },
  {
    code: 'IST0130', kind: 'VirtualService', name: 'reviews', field: 'spec.http[1]',
    build: (ns) => write('VirtualService', ns, 'reviews', { hosts: ['reviews'], http: [{ route: [route('reviews')] }, { match: [{ uri: { prefix: '/a' } }], route: [route('reviews')] }] }),
    fix: (ns) => write('VirtualService', ns, 'reviews', { hosts: ['reviews'], http: [{ match: [{ uri: { prefix: '/a' } }], route: [route('reviews')] }, { route: [route('reviews')] }] }),
  },
  {
    code: 'IST0131', kind: 'VirtualService', name: 'reviews', field: 'spec.http[1].match[0]',
    build: (ns) =>
      write('VirtualService', ns, 'reviews', { hosts: ['reviews'], http: [{ match: [{ uri: { exact: '/a' } }], route: [route('reviews')] }, { match: [{ uri: { exact: '/a' } }, { uri: { exact: '/b' } }], route: [route('reviews')] }] }),
    fix: (ns) =>
      write('VirtualService', ns, 'reviews', { hosts: ['reviews'], http: [{ match: [{ uri: { exact: '/a' } }], route: [route('reviews')] }, { match: [{ uri: { exact: '/b' } }], route: [route('reviews')] }] }),
  },
];

describe('every cross-resource check through the API', () => {
  for (const c of CASES) {
    it(`${c.code}: built, found at ${[c.field].flat().join(' and ')}, fixed and gone`, async () => {
      const ns = `t-${c.code.toLowerCase()}`;
      await bookinfo(ns);
      await c.build(ns);
      expect(await warnings(c.kind, ns, c.name, c.code)).toEqual([c.field].flat().map((f) => `${c.code} ${f}`));
      const listed = await h.call('GET', `/rudder/v1/validations?namespace=${ns}&state=warning&kind=${c.kind}&name=${c.name}`);
      expect(listed.json.items).toHaveLength(1);
      await c.fix(ns);
      expect(await warnings(c.kind, ns, c.name, c.code)).toEqual([]);
    });
  }
});

describe('/rudder/v1/validations', () => {
  it("keeps Kiali's wording and severity, and filters by state", async () => {
    const ns = 't-list';
    await write('DestinationRule', ns, 'nowhere', { host: 'nowhere' });
    const one = await h.call('GET', `/rudder/v1/validations/destinationrules/${ns}/nowhere`);
    expect(one.json).toMatchObject({ kind: 'DestinationRule', namespace: ns, name: 'nowhere', state: 'warning', errors: [] });
    expect(one.json.warnings).toEqual([
      { code: 'KIA0202', severity: 'warning', field: 'spec.host', message: 'This host has no matching entry in the service registry (service, workload or service entries)' },
    ]);
    await putService(ns, 'nowhere');
    const valid = await h.call('GET', `/rudder/v1/validations?namespace=${ns}&state=valid`);
    expect(valid.json.items.map((v: { name: string }) => v.name)).toEqual(['nowhere']);
    expect((await h.call('GET', `/rudder/v1/validations?namespace=${ns}&state=warning`)).json.items).toEqual([]);
  });

  it('refuses unknown filters and answers 404 for unknown objects', async () => {
    expect((await h.call('GET', '/rudder/v1/validations?state=bad')).status).toBe(400);
    expect((await h.call('GET', '/rudder/v1/validations?kind=Sidecar')).status).toBe(400);
    expect((await h.call('GET', '/rudder/v1/validations/VirtualService/default/none')).status).toBe(404);
    expect((await h.call('GET', '/rudder/v1/validations', { as: 'viewer' })).status).toBe(200);
    expect((await h.call('GET', '/rudder/v1/validations', { as: 'anonymous' })).status).toBe(401);
  });

  it('sends the KIA warnings of a Kubernetes API write as Warning headers', async () => {
    const ns = 't-header';
    await bookinfo(ns);
    await write('DestinationRule', ns, 'reviews', { host: 'reviews', subsets: [subset('v1', { version: 'v1' })] });
    const res = await write('VirtualService', ns, 'reviews', { hosts: ['reviews'], http: [{ route: [route('reviews', { subset: 'v2' })] }] });
    expect(res.headers.get('warning')).toBe('299 - "spec.http[0].route[0].destination.subset: Subset not found (KIA1107)"');
    const fixed = await write('VirtualService', ns, 'reviews', { hosts: ['reviews'], http: [{ route: [route('reviews', { subset: 'v1' })] }] });
    expect(fixed.headers.get('warning')).toBeNull();
  });
});

describe('/rudder/v1/validations?watch=true', () => {
  it('streams the selection again after every recomputation (pushed to the dashboard)', async () => {
    const ns = 't-watch';
    const controller = new AbortController();
    const res = await fetch(`${h.url}/rudder/v1/validations?watch=true&namespace=${ns}`, {
      headers: { authorization: `Bearer ${h.tokens.viewer}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextFrame = async () => {
      for (;;) {
        const newline = buffer.indexOf('\n');
        if (newline >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          return JSON.parse(line) as { items: { name: string; warnings: { code: string }[] }[] };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    expect((await nextFrame()).items).toEqual([]);
    await write('VirtualService', ns, 'r', { hosts: ['r'], http: [{ route: [{ destination: { host: 'r', subset: 'v9' } }] }] });
    let frame = await nextFrame();
    while (!frame.items.some((v) => v.warnings.some((w) => w.code === 'KIA1107'))) frame = await nextFrame();
    expect(frame.items.map((v) => v.name)).toEqual(['r']);
    controller.abort();
  });
});
