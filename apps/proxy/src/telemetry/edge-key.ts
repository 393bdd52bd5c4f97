// The Istio metric dimensions of one finished request (istio-semantics.md §7): who called
// (peer metadata), which workload answered (the endpoint picked, or the inbound listener's
// own), which service was addressed, code and flags. Parts are cached per identity object,
// endpoint and host, so a request costs one short string for its aggregate key.
import type { Endpoint, WorkloadIdentity } from '@rudder/shared/protocol';
import { CLUSTER_DOMAIN, type EdgeKey, type Reporter } from '@rudder/shared/protocol';
import type { RouteTable } from '@rudder/shared/routing';
import { type RequestContext, responseFlagsText } from '../pipeline/context.js';

const UNKNOWN = 'unknown';
export const UNKNOWN_IDENTITY: WorkloadIdentity = { workload: UNKNOWN, namespace: UNKNOWN, app: UNKNOWN, version: UNKNOWN };

export interface ServiceRef {
  host: string;
  name: string;
  namespace: string;
}

const UNKNOWN_SERVICE: ServiceRef = { host: UNKNOWN, name: UNKNOWN, namespace: UNKNOWN };
const SUFFIX = `.${CLUSTER_DOMAIN}`;

export interface KeyResult {
  id: string;
  key: EdgeKey;
  service: ServiceRef;
}

export interface EdgeKeyCache {
  /**
   * The key of a request and an id for it that ignores `mirrored`. The result is one scratch
   * object, overwritten by the next call: read it (or copy it) at once.
   */
  keyOf(ctx: RequestContext, reporter: Reporter, local: WorkloadIdentity): KeyResult;
  /** The key of a mirror copy as its sender reports it: its own edge kind, never a request of the original edge. */
  mirrorKeyOf(local: WorkloadIdentity, endpoint: Endpoint, host: string, status: number): { id: string; key: EdgeKey };
  identityOfEndpoint(endpoint: Endpoint): WorkloadIdentity;
}

export function createEdgeKeyCache(): EdgeKeyCache {
  const ids = new WeakMap<object, number>();
  const byContent = new Map<string, number>();
  const endpoints = new WeakMap<Endpoint, WorkloadIdentity>();
  const services = new Map<string, ServiceRef>();
  const scratch: KeyResult = {
    id: '',
    key: {
      reporter: 'source',
      source: UNKNOWN_IDENTITY,
      destination: UNKNOWN_IDENTITY,
      destinationService: UNKNOWN,
      destinationServiceName: UNKNOWN,
      destinationServiceNamespace: UNKNOWN,
      responseCode: 0,
      responseFlags: '-',
      mirrored: false,
    },
    service: UNKNOWN_SERVICE,
  };

  const idOf = (peer: WorkloadIdentity): number => {
    let id = ids.get(peer);
    if (id === undefined) {
      const content = `${peer.workload}\u0000${peer.namespace}\u0000${peer.app}\u0000${peer.version}`;
      id = byContent.get(content);
      if (id === undefined) {
        id = byContent.size;
        byContent.set(content, id);
      }
      ids.set(peer, id);
    }
    return id;
  };

  const identityOfEndpoint = (e: Endpoint): WorkloadIdentity => {
    let peer = endpoints.get(e);
    if (!peer) {
      peer = { workload: e.workload, namespace: e.namespace, app: e.labels.app ?? e.workload, version: e.labels.version ?? UNKNOWN };
      endpoints.set(e, peer);
    }
    return peer;
  };

  const serviceOf = (host: string, namePrefix?: string): ServiceRef => {
    const cacheKey = namePrefix ? `${namePrefix}\u0000${host}` : host;
    let ref = services.get(cacheKey);
    if (!ref) {
      if (services.size > 10_000) services.clear();
      ref = parseService(host, namePrefix);
      services.set(cacheKey, ref);
    }
    return ref;
  };

  return {
    identityOfEndpoint,
    mirrorKeyOf(local, endpoint, host, status) {
      const destination = identityOfEndpoint(endpoint);
      const service = serviceOf(host);
      const key: EdgeKey = {
        reporter: 'source',
        source: local,
        destination,
        destinationService: service.host,
        destinationServiceName: service.name,
        destinationServiceNamespace: service.namespace,
        responseCode: status,
        responseFlags: '-',
        mirrored: true,
      };
      return { id: `source|${idOf(local)}|${idOf(destination)}|${service.host}|${service.name}|${status}|-`, key };
    },
    keyOf(ctx, reporter, local) {
      const source = reporter === 'source' ? local : ctx.source;
      let destination: WorkloadIdentity;
      if (reporter === 'destination') destination = local;
      else destination = ctx.endpoint ? identityOfEndpoint(ctx.endpoint) : UNKNOWN_IDENTITY;
      const service = reporter === 'destination' ? inboundService(ctx, local, serviceOf) : outboundService(ctx, serviceOf);
      const flags = responseFlagsText(ctx.flags);
      const code = ctx.status ?? 0;
      // No allocation beyond the id string: the scratch result is refilled per request.
      scratch.id = `${reporter}|${idOf(source)}|${idOf(destination)}|${service.host}|${service.name}|${code}|${flags}`;
      const key = scratch.key;
      key.reporter = reporter;
      key.source = source;
      key.destination = destination;
      key.destinationService = service.host;
      key.destinationServiceName = service.name;
      key.destinationServiceNamespace = service.namespace;
      key.responseCode = code;
      key.responseFlags = flags;
      key.mirrored = reporter === 'destination' ? ctx.mirrored : false;
      scratch.service = service;
      return scratch;
    },
  };
}

/** `reviews.default.svc.cluster.local` → name reviews, namespace default; other hosts name themselves. */
export function parseService(host: string, nameOverride?: string): ServiceRef {
  if (host === UNKNOWN) return UNKNOWN_SERVICE;
  if (host.endsWith(SUFFIX)) {
    const [name = UNKNOWN, namespace = UNKNOWN] = host.slice(0, -SUFFIX.length).split('.');
    return { host, name: nameOverride ?? name, namespace };
  }
  return { host, name: nameOverride ?? host, namespace: UNKNOWN };
}


type ServiceLookup = (host: string, namePrefix?: string) => ServiceRef;

/** Source side: the destination picked, else the route's (fault aborts), passthrough or none. */
function outboundService(ctx: RequestContext, lookup: ServiceLookup): ServiceRef {
  if (ctx.destination) return lookup(ctx.destination.host);
  const route = ctx.route;
  if (!route) return UNKNOWN_SERVICE;
  switch (route.kind) {
    case 'route': {
      const first = route.rule.destinations[0]?.host;
      return first && route.rule.destinations.every((d) => d.host === first) ? lookup(first) : UNKNOWN_SERVICE;
    }
    case 'default':
      return lookup(route.service.host);
    case 'passthrough':
      return lookup(route.host.split(':')[0] ?? route.host, 'PassthroughCluster');
    default:
      // REGISTRY_ONLY refuses unknown hosts with 502: Istio's BlackHoleCluster.
      return ctx.status === 502 ? lookup(ctx.host, 'BlackHoleCluster') : UNKNOWN_SERVICE;
  }
}

/** Destination side: the Host the caller addressed, qualified in this workload's namespace; `-shadow` dropped. */
function inboundService(ctx: RequestContext, local: WorkloadIdentity, lookup: ServiceLookup): ServiceRef {
  let host = ctx.host.toLowerCase();
  if (host.endsWith('-shadow')) host = host.slice(0, -'-shadow'.length);
  // Addressed by IP: the service whose endpoints are this workload (Envoy's inbound cluster knows it).
  if (host === '' || /^[\d.]+$/.test(host) || host === 'localhost') return lookup(serviceOfWorkload(ctx.table, local) ?? UNKNOWN);
  if (!host.includes('.')) host = `${host}.${local.namespace}.${CLUSTER_DOMAIN}`;
  else if (host.endsWith('.svc')) host = `${host}.cluster.local`;
  else if (host.split('.').length === 2) host = `${host}.${CLUSTER_DOMAIN}`;
  return lookup(host);
}

const byWorkload = new WeakMap<RouteTable, Map<string, string | undefined>>();

/** The first registry service selecting `local`'s workload in this table (cached per table). */
function serviceOfWorkload(table: RouteTable | undefined, local: WorkloadIdentity): string | undefined {
  if (!table) return undefined;
  let cache = byWorkload.get(table);
  if (!cache) {
    cache = new Map();
    byWorkload.set(table, cache);
  }
  const id = `${local.namespace}/${local.workload}`;
  if (!cache.has(id)) {
    let found: string | undefined;
    for (const service of table.services.exact.values()) {
      if (service.endpoints.some((e) => e.workload === local.workload && e.namespace === local.namespace)) {
        found = service.host;
        break;
      }
    }
    cache.set(id, found);
  }
  return cache.get(id);
}
