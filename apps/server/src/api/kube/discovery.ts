// Discovery as kubectl 1.32 reads it (kubectl-api.md §0, §2, §9 steps 1, 2, 14): /version
// (minor 32 picks kubectl 1.32 through Google's dispatcher), aggregated discovery v2 and
// v2beta1 on /api and /apis with the exact Content-Type, and the legacy documents
// (APIVersions, APIGroupList, APIGroup, APIResourceList) every client falls back to.
// https://kubernetes.io/docs/concepts/overview/kubernetes-api/#discovery-api
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ISTIO_GROUP, ISTIO_VERSIONS, KINDS } from '@rudder/shared/kinds';
import { RudderError } from '@rudder/shared/errors';
import { sendExact } from './tables.js';

export interface DiscoveredResource {
  name: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  verbs: readonly string[];
  shortNames?: readonly string[];
  categories?: readonly string[];
  subresources?: readonly { name: string; kind: string; verbs: readonly string[] }[];
}

export interface GroupVersion {
  /** '' for the core group. */
  group: string;
  version: string;
  resources: readonly DiscoveredResource[];
}

const WRITABLE = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const READ_ONLY = ['get', 'list', 'watch'];
const STATUS_VERBS = ['get', 'patch', 'update'];

const CORE: GroupVersion = {
  group: '',
  version: 'v1',
  resources: [
    { name: 'events', singularName: 'event', kind: 'Event', namespaced: true, verbs: ['get', 'list'], shortNames: ['ev'] },
    { name: 'namespaces', singularName: 'namespace', kind: 'Namespace', namespaced: false, verbs: READ_ONLY, shortNames: ['ns'] },
    {
      name: 'pods',
      singularName: 'pod',
      kind: 'Pod',
      namespaced: true,
      verbs: READ_ONLY,
      shortNames: ['po'],
      categories: ['all'],
      subresources: [{ name: 'log', kind: 'Pod', verbs: ['get'] }],
    },
    { name: 'services', singularName: 'service', kind: 'Service', namespaced: true, verbs: READ_ONLY, shortNames: ['svc'], categories: ['all'] },
  ],
};

const APPS: GroupVersion = {
  group: 'apps',
  version: 'v1',
  resources: [{ name: 'deployments', singularName: 'deployment', kind: 'Deployment', namespaced: true, verbs: READ_ONLY, shortNames: ['deploy'], categories: ['all'] }],
};

/** networking.istio.io in its served versions, storage (preferred) version first; every entry from KINDS. */
export const ISTIO: readonly GroupVersion[] = ISTIO_VERSIONS.map((version) => ({
  group: ISTIO_GROUP,
  version,
  resources: KINDS.filter((k) => k.versions.includes(version)).map((k) => ({
    name: k.plural,
    singularName: k.singular,
    kind: k.kind,
    namespaced: k.namespaced,
    verbs: WRITABLE,
    shortNames: k.shortNames,
    categories: k.categories,
    subresources: [{ name: 'status', kind: k.kind, verbs: STATUS_VERBS }],
  })),
}));

/** Groups of /apis, each with its versions in preference order. */
const GROUPS: readonly (readonly GroupVersion[])[] = [[APPS], ISTIO];

const groupVersionOf = (gv: GroupVersion) => (gv.group ? `${gv.group}/${gv.version}` : gv.version);

/** Legacy APIResourceList, with `<plural>/<subresource>` entries. */
export function resourceList(gv: GroupVersion) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersionOf(gv),
    resources: gv.resources.flatMap((r) => [
      {
        name: r.name,
        singularName: r.singularName,
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: r.verbs,
        ...(r.shortNames ? { shortNames: r.shortNames } : {}),
        ...(r.categories ? { categories: r.categories } : {}),
      },
      ...(r.subresources ?? []).map((s) => ({ name: `${r.name}/${s.name}`, singularName: '', namespaced: r.namespaced, kind: s.kind, verbs: s.verbs })),
    ]),
  };
}

function apiGroup(versions: readonly GroupVersion[]) {
  const entries = versions.map((gv) => ({ groupVersion: groupVersionOf(gv), version: gv.version }));
  return { name: versions[0]?.group ?? '', versions: entries, preferredVersion: entries[0] };
}

/** One item of an APIGroupDiscoveryList; responseKind and scope are required or the resource vanishes (§2). */
export function discoveryGroup(versions: readonly GroupVersion[]) {
  const group = versions[0]?.group ?? '';
  return {
    metadata: group ? { name: group } : {},
    versions: versions.map((gv) => ({
      version: gv.version,
      freshness: 'Current',
      resources: gv.resources.map((r) => ({
        resource: r.name,
        responseKind: { group, version: gv.version, kind: r.kind },
        scope: r.namespaced ? 'Namespaced' : 'Cluster',
        singularResource: r.singularName,
        verbs: r.verbs,
        ...(r.shortNames ? { shortNames: r.shortNames } : {}),
        ...(r.categories ? { categories: r.categories } : {}),
        ...(r.subresources
          ? { subresources: r.subresources.map((s) => ({ subresource: s.name, responseKind: { group, version: gv.version, kind: s.kind }, verbs: s.verbs })) }
          : {}),
      })),
    })),
  };
}

/** The aggregated discovery version the Accept asks for first (v2 or v2beta1), if any. */
export function aggregatedVersionOf(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  for (const range of (accept ?? '').split(',')) {
    const [type = '', ...params] = range.split(';').map((p) => p.trim());
    const p = Object.fromEntries(params.map((kv) => kv.split('=').map((x) => x.trim()) as [string, string]));
    if (type === 'application/json' && p.g === 'apidiscovery.k8s.io' && p.as === 'APIGroupDiscoveryList' && (p.v === 'v2' || p.v === 'v2beta1')) return p.v;
    if ((type === 'application/json' || type === '*/*') && p.as === undefined) return undefined;
  }
  return undefined;
}

/** The aggregated document when asked for, with the media type repeated exactly (kubectl reads it as legacy otherwise). */
function sendDiscovery(req: FastifyRequest, reply: FastifyReply, groups: readonly (readonly GroupVersion[])[], legacy: () => unknown) {
  reply.header('vary', 'Accept');
  const v = aggregatedVersionOf(req.headers.accept);
  if (!v) return reply.type('application/json').send(JSON.stringify(legacy()));
  const body = { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${v}`, metadata: {}, items: groups.map(discoveryGroup) };
  return sendExact(reply, `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`, body);
}

export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-rudder',
  gitCommit: '',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: `node${process.versions.node}`,
  compiler: 'node',
  platform: 'linux/amd64',
};

export async function discoveryRoutes(app: FastifyInstance) {
  // Public, as on an apiserver (system:public-info-viewer): the dispatcher asks before any credentials matter.
  app.get('/version', { config: { auth: 'public' } }, () => VERSION_INFO);

  app.get('/api', (req, reply) =>
    sendDiscovery(req, reply, [[CORE]], () => ({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: req.headers.host ?? '' }],
    })),
  );
  app.get('/apis', (req, reply) =>
    sendDiscovery(req, reply, GROUPS, () => ({ kind: 'APIGroupList', apiVersion: 'v1', groups: GROUPS.map(apiGroup) })),
  );
  app.get('/api/v1', () => resourceList(CORE));
  for (const versions of GROUPS) {
    const group = versions[0]?.group ?? '';
    app.get(`/apis/${group}`, () => ({ kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(versions) }));
  }
  app.get('/apis/apps/v1', () => resourceList(APPS));
  app.get(`/apis/${ISTIO_GROUP}/:version`, (req: FastifyRequest<{ Params: { version: string } }>) => {
    const gv = ISTIO.find((v) => v.version === req.params.version);
    if (!gv) throw new RudderError('NotFound', 'the server could not find the requested resource');
    return resourceList(gv);
  });
}
