// Istio resources at Kubernetes' paths:
// /apis/networking.istio.io/{version}[/namespaces/{ns}]/{plural}[/{name}]
// GET (list with selectors, Tables, watch), POST, PUT, PATCH (merge, JSON patch,
// server-side apply with field managers), DELETE.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ISTIO_GROUP, ISTIO_VERSIONS, kindByPlural, type KindDefinition, type Resource } from '@rudder/shared/kinds';
import { RudderError } from '@rudder/shared/errors';
import type { ResourceStore } from '../../store/resource-store.js';
import { admit, asVersion, parseDryRun, parseFieldValidation, type SemanticValidator } from '../admit.js';
import { type ParsedBody, singleDocument } from '../content.js';
import { actorOf } from '../principal.js';
import { addWarnings } from '../status.js';
import { recordUpdate, serverSideApply, type WriteContext } from './managed-fields.js';
import { applyPatch } from './patch.js';
import { matchesFields, matchesRequirements, parseFieldSelector, parseLabelSelector } from './selectors.js';
import { istioTable, sendList, sendObject } from './tables.js';
import { isWatch, watchResources, type WatchHub } from './watch.js';

export interface ResourceRoutesOptions {
  store: ResourceStore;
  validators: readonly SemanticValidator[];
  hub: WatchHub;
  now?: () => Date;
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

export async function resourceRoutes(app: FastifyInstance, options: ResourceRoutesOptions) {
  const { store, validators } = options;
  const now = options.now ?? (() => new Date());
  app.get(`${BASE}/:plural`, (req: Req, reply) => list(req, reply, options));
  app.get(`${BASE}/namespaces/:namespace/:plural`, (req: Req, reply) => list(req, reply, options));
  app.get(`${BASE}/namespaces/:namespace/:plural/:name`, (req: Req, reply) => {
    const { def, version, namespace, name } = target(req);
    return sendObject(req, reply, asVersion(getOrThrow(store, def, namespace, name), version), istioTable(def), now());
  });

  app.post(`${BASE}/namespaces/:namespace/:plural`, (req: Req, reply) => {
    const { def, version, namespace } = target(req);
    const { resource, warnings } = admit(def, singleDocument(req.body), { namespace, version, ...writeMode(req), validators });
    withManagedFields(resource, recordUpdate(undefined, resource, writeContext(req, def, version, now)));
    const saved = kubeWording(def, () => store.create(resource, { actor: actorOf(req), dryRun: parseDryRun(req.query.dryRun) }));
    addWarnings(reply, warnings);
    return reply.code(201).send(asVersion(saved, version));
  });

  app.put(`${BASE}/namespaces/:namespace/:plural/:name`, (req: Req, reply) => {
    const { def, version, namespace, name } = target(req);
    const current = getOrThrow(store, def, namespace, name);
    const { resource, warnings } = admit(def, singleDocument(req.body), { namespace, name, version, ...writeMode(req), validators });
    withManagedFields(resource, recordUpdate(current, resource, writeContext(req, def, version, now)));
    const saved = kubeWording(def, () => store.update(resource, { actor: actorOf(req), dryRun: parseDryRun(req.query.dryRun) }));
    addWarnings(reply, warnings);
    return asVersion(saved, version);
  });

  app.patch(`${BASE}/namespaces/:namespace/:plural/:name`, (req: Req, reply) => {
    const { def, version, namespace, name } = target(req);
    const body = req.body as ParsedBody | undefined;
    const current = store.get({ kind: def.kind, namespace, name });
    const isApply = body?.mediaType === 'application/apply-patch+yaml';
    if (!current && !isApply) throw notFound(def, name);
    const live = current ? asVersion(current, version) : undefined;
    const ctx = writeContext(req, def, version, now, isApply);
    const force = parseForce(req.query.force, isApply);
    const patched = isApply ? serverSideApply(live, singleDocument(body), { ...ctx, force }) : applyPatch(body, live);
    const { resource, warnings } = admit(def, patched, { namespace, name, version, ...writeMode(req), validators });
    if (!isApply) withManagedFields(resource, recordUpdate(current, resource, ctx));
    const options = { actor: actorOf(req), dryRun: parseDryRun(req.query.dryRun) };
    const saved = kubeWording(def, () => (current ? store.update(resource, options) : store.create(resource, options)));
    addWarnings(reply, warnings);
    return reply.code(current ? 200 : 201).send(asVersion(saved, version));
  });

  app.delete(`${BASE}/namespaces/:namespace/:plural/:name`, (req: Req) => {
    const { def, version, namespace, name } = target(req);
    const options = deleteOptions(req);
    getOrThrow(store, def, namespace, name);
    const deleted = kubeWording(def, () => store.delete({ kind: def.kind, namespace, name }, { actor: actorOf(req), ...options }));
    return asVersion(deleted, version);
  });
}

function list(req: Req, reply: FastifyReply, { store, hub, now = () => new Date() }: ResourceRoutesOptions) {
  const { def, version } = target(req);
  const labels = parseLabelSelector(one(req.query.labelSelector));
  const fields = parseFieldSelector(one(req.query.fieldSelector));
  const { namespace } = req.params;
  if (isWatch(req.query)) {
    return watchResources(req, reply, { store, def, version, ...(namespace ? { namespace } : {}), labels, fields, spec: istioTable(def), hub, now });
  }
  const items = store
    .list({ kind: def.kind, ...(namespace ? { namespace } : {}) })
    .filter((r) => matchesRequirements(labels, r.metadata.labels) && matchesFields(fields, r.metadata))
    .map((r) => asVersion(r, version));
  const body = { apiVersion: `${def.group}/${version}`, kind: `${def.kind}List`, metadata: { resourceVersion: String(store.currentVersion()) }, items };
  return sendList(req, reply, body, istioTable(def), now());
}

/** The field manager: `fieldManager`, else the User-Agent's product (as the apiserver does); apply requires one. */
function writeContext(req: Req, def: KindDefinition, version: string, now: () => Date, isApply = false): WriteContext {
  const named = one(req.query.fieldManager);
  if (isApply && !named) throw new RudderError('BadRequest', 'fieldManager: Required value: is required for apply patch');
  if (named && named.length > 128) throw new RudderError('BadRequest', 'fieldManager: Too long: must have at most 128 bytes');
  const manager = named || (req.headers['user-agent'] ?? '').split('/')[0]?.slice(0, 128) || 'unknown';
  return { manager, apiVersion: `${def.group}/${version}`, now: now() };
}

function parseForce(value: string | string[] | undefined, isApply: boolean): boolean {
  const force = one(value);
  if (force === undefined || force === 'false') return false;
  if (!isApply) throw new RudderError('BadRequest', 'force: Forbidden: may not be specified for non-apply patch');
  if (force !== 'true') throw new RudderError('BadRequest', `force: Invalid value: ${JSON.stringify(force)}: must be true or false`);
  return true;
}

/** Sets or clears managedFields without leaving an undefined key (a no-op write must compare equal). */
function withManagedFields(resource: Resource, fields: unknown[] | undefined) {
  if (fields === undefined) delete resource.metadata.managedFields;
  else resource.metadata.managedFields = fields as Record<string, unknown>[];
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

/** The store names kinds; the apiserver names `virtualservices.networking.istio.io` (kubectl-api.md §5, §8). */
function kubeWording<T>(def: KindDefinition, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof RudderError) || !['AlreadyExists', 'Conflict', 'NotFound'].includes(error.code) || error.problems.length > 0) throw error;
    const message = error.message.replace(`${def.kind} "`, `${def.plural}.${def.group} "`).replace(/ in namespace "[^"]*"$/, '');
    throw new RudderError(error.code, message, [], { ...error.details, group: def.group, kind: def.plural });
  }
}

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
