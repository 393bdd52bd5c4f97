// Test fixtures for the routing tests: Istio's Bookinfo YAML (shared/testdata/istio-bookinfo)
// as stored resources, a Bookinfo-like registry, and request builders. Excluded from the build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Resource } from '../../kinds/index.js';
import { type ConfigSnapshot, DEFAULT_MESH_SETTINGS, type MeshSettings } from '../../protocol/config.js';
import type { Endpoint, ResolvedService } from '../../protocol/registry.js';
import { parseYamlDocuments } from '../../yaml/index.js';
import type { ListenerContext, RouteRequest } from '../types.js';

const corpus = join(import.meta.dirname, '../../../testdata/istio-bookinfo');

let clock = Date.parse('2026-01-01T00:00:00Z');

/** A stored resource: namespace defaulted, creationTimestamp one second after the previous one. */
export function stored(doc: unknown, namespace?: string): Resource {
  const r = structuredClone(doc) as Resource;
  clock += 1000;
  r.metadata = {
    ...r.metadata,
    namespace: namespace ?? r.metadata.namespace ?? 'default',
    creationTimestamp: new Date(clock).toISOString(),
  };
  return r;
}

/** The networking documents of a Bookinfo sample file, stored in order. */
export function bookinfo(file: string, namespace?: string): Resource[] {
  return parseYamlDocuments(readFileSync(join(corpus, file), 'utf8')).map((doc) => stored(doc, namespace));
}

/** A resource written inline: `vs('reviews', spec)` → VirtualService default/reviews. */
export function resource(kind: string, name: string, spec: unknown, namespace = 'default'): Resource {
  return stored({ apiVersion: 'networking.istio.io/v1', kind, metadata: { name, namespace }, spec }, namespace);
}

function endpoint(app: string, version: string, n: number, namespace: string): Endpoint {
  return {
    address: '127.0.0.1',
    port: 19000 + n,
    labels: { app, version },
    source: 'Instance',
    name: `${app}-${version}-${n}`,
    namespace,
    workload: `${app}-${version}`,
    health: 'Healthy',
  };
}

function service(app: string, versions: string[], namespace = 'default'): ResolvedService {
  let n = 0;
  return {
    host: `${app}.${namespace}.svc.cluster.local`,
    namespace,
    name: app,
    ports: [{ name: 'http', port: 9080 }],
    endpoints: versions.flatMap((v) => [endpoint(app, v, ++n, namespace), ...(v === 'v1' ? [endpoint(app, v, ++n, namespace)] : [])]),
    source: 'Kubernetes',
  };
}

/** Bookinfo's registry: productpage, details, reviews v1/v2/v3 (v1 has two pods), ratings. */
export function bookinfoServices(): ResolvedService[] {
  return [
    service('productpage', ['v1']),
    service('details', ['v1']),
    service('reviews', ['v1', 'v2', 'v3']),
    service('ratings', ['v1']),
  ];
}

export function snapshot(resources: Resource[], services = bookinfoServices(), mesh: Partial<MeshSettings> = {}): ConfigSnapshot {
  return { version: '1', resources, services, workloads: [], mesh: { ...DEFAULT_MESH_SETTINGS, ...mesh } };
}

export const productpageSidecar: ListenerContext = {
  kind: 'sidecar',
  namespace: 'default',
  labels: { app: 'productpage', version: 'v1' },
};

export const bookinfoGateway: ListenerContext = { kind: 'gateway', gateways: ['default/bookinfo-gateway'] };

/** A GET from the productpage sidecar unless told otherwise. */
export function request(host: string, path = '/', extra: Partial<RouteRequest> = {}): RouteRequest {
  return { listener: productpageSidecar, host, method: 'GET', path, headers: {}, ...extra };
}
