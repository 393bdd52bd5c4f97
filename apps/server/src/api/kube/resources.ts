// Istio resources at Kubernetes' paths:
// /apis/networking.istio.io/{version}[/namespaces/{ns}]/{plural}[/{name}]
// GET (list with selectors), POST, PUT, PATCH (merge, JSON patch, server-side apply), DELETE.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ISTIO_GROUP, ISTIO_VERSIONS, kindByPlural, type KindDefinition, type Resource } from '@rudder/shared/kinds';
import { RudderError } from '@rudder/shared/errors';
import type { ResourceStore } from '../../store/resource-store.js';
import { admit, asVersion, parseDryRun, parseFieldValidation, type SemanticValidator } from '../admit.js';
import { type ParsedBody, singleDocument } from '../content.js';
import { actorOf } from '../principal.js';
import { addWarnings } from '../status.js';
import { applyPatch } from './patch.js';
import { matchesFields, matchesRequirements, parseFieldSelector, parseLabelSelector } from './selectors.js';

export interface ResourceRoutesOptions {
  store: ResourceStore;
  validators: readonly SemanticValidator[];
}

interface Params {
  version: string;
  namespace?: string;
  plural: string;
  name?: string;
}
type Query = Record<string, string | string[] | undefined>;
type Req = FastifyRequest<{ Params: Params; Querystring: Query }>;

const BASE = `/apis/${ISTIO_GROUP}/:version`;

export async function resourceRoutes(app: FastifyInstance, { store, validators }: ResourceRoutesOptions) {
  app.get(`${BASE}/:plural`, (req: Req, reply) => list(req, reply, store));
  app.get(`${BASE}/namespaces/:namespace/:plural`, (req: Req, reply) => list(req, reply, store));
  app.get(`${BASE}/namespaces/:namespace/:plural/:name`, (req: Req) => {
    const { def, version, namespace, name } = target(req);
    return asVersion(getOrThrow(store, def, namespace, name), version);
  });

  app.post(`${BASE}/namespaces/:namespace/:plural`, (req: Req, reply) => {
    const { def, version, namespace } = target(req);
    const { resource, warnings } = admit(def, singleDocument(req.body), { namespace, version, ...writeMode(req), validators });
    const saved = store.create(resource, { actor: actorOf(req), dryRun: parseDryRun(req.query.dryRun) });
    addWarnings(reply, warnings);
    return reply.code(201).send(asVersion(saved, version));
  });

  app.put(`${BASE}/namespaces/:namespace/:plural/:name`, (req: Req, reply) => {
    const { def, version, namespace, name } = target(req);
    getOrThrow(store, def, namespace, name);
    const { resource, warnings } = admit(def, singleDocument(req.body), { namespace, name, version, ...writeMode(req), validators });
    const saved = store.update(resource, { actor: actorOf(req), dryRun: parseDryRun(req.query.dryRun) });
    addWarnings(reply, warnings);
    return asVersion(saved, version);
  });

  app.patch(`${BASE}/namespaces/:namespace/:plural/:name`, (req: Req, reply) => {
    const { def, version, namespace, name } = target(req);
    const body = req.body as ParsedBody | undefined;
    const current = store.get({ kind: def.kind, namespace, name });
    const isApply = body?.mediaType === 'application/apply-patch+yaml';
    if (!current && !isApply) throw notFound(def, name);
    const patched = applyPatch(body, current ? asVersion(current, version) : undefined);
    const { resource, warnings } = admit(def, patched, { namespace, name, version, ...writeMode(req), validators });
    const options = { actor: actorOf(req), dryRun: parseDryRun(req.query.dryRun) };
    const saved = current ? store.update(resource, options) : store.create(resource, options);
    addWarnings(reply, warnings);
    return reply.code(current ? 200 : 201).send(asVersion(saved, version));
  });

  app.delete(`${BASE}/namespaces/:namespace/:plural/:name`, (req: Req) => {
    const { def, version, namespace, name } = target(req);
    const options = deleteOptions(req);
    getOrThrow(store, def, namespace, name);
    const deleted = store.delete({ kind: def.kind, namespace, name }, { actor: actorOf(req), ...options });
    return asVersion(deleted, version);
  });
}

function list(req: Req, reply: FastifyReply, store: ResourceStore) {
  const { def, version } = target(req);
  const labels = parseLabelSelector(one(req.query.labelSelector));
  const fields = parseFieldSelector(one(req.query.fieldSelector));
  if (req.query.watch === 'true' || req.query.watch === '1') {
    throw new RudderError('MethodNotAllowed', 'watch is not served yet on this path');
  }
  const items = store
    .list({ kind: def.kind, ...(req.params.namespace ? { namespace: req.params.namespace } : {}) })
    .filter((r) => matchesRequirements(labels, r.metadata.labels) && matchesFields(fields, r.metadata))
    .map((r) => asVersion(r, version));
  return reply.send({
    apiVersion: `${def.group}/${version}`,
    kind: `${def.kind}List`,
    metadata: { resourceVersion: String(store.currentVersion()) },
    items,
  });
}

function target(req: Req): { def: KindDefinition; version: string; namespace: string; name: string } {
  const { version, plural, namespace = '', name = '' } = req.params;
  const def = kindByPlural(plural);
  if (!def || !(ISTIO_VERSIONS as readonly string[]).includes(version)) {
    throw new RudderError('NotFound', 'the server could not find the requested resource');
  }
  return { def, version, namespace, name };
}

function getOrThrow(store: ResourceStore, def: KindDefinition, namespace: string, name: string): Resource {
  const found = store.get({ kind: def.kind, namespace, name });
  if (!found) throw notFound(def, name);
  return found;
}

const notFound = (def: KindDefinition, name: string) =>
  new RudderError('NotFound', `${def.plural}.${def.group} ${JSON.stringify(name)} not found`, [], { name, group: def.group, kind: def.plural });

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function writeMode(req: Req) {
  return { mode: parseFieldValidation(one(req.query.fieldValidation)) };
}

/** DeleteOptions from the body (kubectl sends them there) and the query. */
function deleteOptions(req: Req) {
  const body = req.body as ParsedBody | undefined;
  const options = (body?.documents[0] ?? {}) as { dryRun?: string[]; preconditions?: { uid?: string; resourceVersion?: string } };
  const dryRun = parseDryRun(req.query.dryRun) || parseDryRun(options.dryRun);
  return {
    dryRun,
    ...(options.preconditions?.resourceVersion ? { preconditionRv: options.preconditions.resourceVersion } : {}),
    ...(options.preconditions?.uid ? { preconditionUid: options.preconditions.uid } : {}),
  };
}
