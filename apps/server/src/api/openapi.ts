// /openapi/v3: the index and one document per group/version, generated from the shared
// kind schemas (the one source of types and validation). kubectl reads the PATCH
// operation's GVK and fieldValidation parameter to decide that the server validates
// fields, and never sees strategic merge patch for Istio kinds (kubectl-api.md §7b).
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KINDS, type KindDefinition, ObjectMeta } from '@rudder/shared/kinds';
import { RudderError } from '@rudder/shared/errors';

const META_REF = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const STATUS_REF = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status';

const schemaName = (def: KindDefinition, version: string) => `io.istio.networking.${version}.${def.kind}`;
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>;

function kindSchema(def: KindDefinition, version: string) {
  return {
    type: 'object',
    description: def.description,
    properties: {
      apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' },
      kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' },
      metadata: { allOf: [{ $ref: `#/components/schemas/${META_REF}` }], description: 'Standard object metadata.' },
      spec: json(def.spec),
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
    'x-kubernetes-group-version-kind': [{ group: def.group, kind: def.kind, version }],
  };
}

function operations(def: KindDefinition, version: string) {
  const gvk = { group: def.group, version, kind: def.kind };
  const ref = { $ref: `#/components/schemas/${schemaName(def, version)}` };
  const body = (types: string[]) => ({ required: true, content: Object.fromEntries(types.map((t) => [t, { schema: ref }])) });
  const ok = (code: string) => ({ [code]: { description: 'OK', content: { 'application/json': { schema: ref } } } });
  const queryParam = (name: string, description: string) => ({ name, in: 'query', description, schema: { type: 'string' }, uniqueItems: true });
  const dryRun = queryParam('dryRun', 'When present (All), the write is validated and not persisted.');
  const fieldValidation = queryParam('fieldValidation', 'Strict (default in Rudder), Warn or Ignore: what to do with unknown fields.');
  const common = { 'x-kubernetes-group-version-kind': gvk };
  const pathParams = [
    { name: 'namespace', in: 'path', required: true, schema: { type: 'string' } },
    { name: 'name', in: 'path', required: true, schema: { type: 'string' } },
  ];
  const base = `/apis/${def.group}/${version}/namespaces/{namespace}/${def.plural}`;
  return {
    [base]: {
      parameters: [pathParams[0]],
      get: { ...common, operationId: `list${def.kind}`, 'x-kubernetes-action': 'list', parameters: [queryParam('labelSelector', 'Label selector.'), queryParam('fieldSelector', 'metadata.name / metadata.namespace.')], responses: { '200': { description: 'OK' } } },
      post: { ...common, operationId: `create${def.kind}`, 'x-kubernetes-action': 'post', parameters: [dryRun, fieldValidation], requestBody: body(['application/json', 'application/yaml']), responses: ok('201') },
    },
    [`${base}/{name}`]: {
      parameters: pathParams,
      get: { ...common, operationId: `read${def.kind}`, 'x-kubernetes-action': 'get', responses: ok('200') },
      put: { ...common, operationId: `replace${def.kind}`, 'x-kubernetes-action': 'put', parameters: [dryRun, fieldValidation], requestBody: body(['application/json', 'application/yaml']), responses: ok('200') },
      patch: {
        ...common,
        operationId: `patch${def.kind}`,
        'x-kubernetes-action': 'patch',
        parameters: [dryRun, fieldValidation, queryParam('fieldManager', 'Name of the actor making the change.'), queryParam('force', 'Server-side apply: force conflicts.')],
        requestBody: { required: true, content: { 'application/json-patch+json': { schema: { type: 'array' } }, 'application/merge-patch+json': { schema: { type: 'object' } }, 'application/apply-patch+yaml': { schema: { type: 'object' } } } },
        responses: ok('200'),
      },
      delete: { ...common, operationId: `delete${def.kind}`, 'x-kubernetes-action': 'delete', parameters: [dryRun], responses: ok('200') },
    },
  };
}

/** One OpenAPI 3.0 document for group/version. */
export function groupVersionDocument(group: string, version: string) {
  const kinds = KINDS.filter((k) => k.group === group && k.versions.includes(version));
  if (kinds.length === 0) return undefined;
  return {
    openapi: '3.0.0',
    info: { title: 'Rudder', version: 'v1' },
    paths: Object.assign({}, ...kinds.map((k) => operations(k, version))),
    components: {
      schemas: {
        ...Object.fromEntries(kinds.map((k) => [schemaName(k, version), kindSchema(k, version)])),
        [META_REF]: json(ObjectMeta),
        [STATUS_REF]: { type: 'object', description: 'Status is a return value for calls that do not return other objects.' },
      },
    },
  };
}

const groupVersions = () => [...new Set(KINDS.flatMap((k) => k.versions.map((v) => `apis/${k.group}/${v}`)))];

export async function openApiRoutes(app: FastifyInstance) {
  const documents = new Map<string, { body: string; hash: string }>();
  for (const gv of groupVersions()) {
    const [, group = '', version = ''] = gv.split('/');
    const body = JSON.stringify(groupVersionDocument(group, version));
    documents.set(gv, { body, hash: createHash('sha512').update(body).digest('hex').toUpperCase().slice(0, 64) });
  }

  app.get('/openapi/v3', () => ({
    paths: Object.fromEntries([...documents].map(([gv, d]) => [gv, { serverRelativeURL: `/openapi/v3/${gv}?hash=${d.hash}` }])),
  }));

  app.get('/openapi/v3/apis/:group/:version', (req: FastifyRequest<{ Params: { group: string; version: string }; Querystring: { hash?: string } }>, reply) => {
    const doc = documents.get(`apis/${req.params.group}/${req.params.version}`);
    if (!doc) throw new RudderError('NotFound', 'the server could not find the requested resource');
    if (req.query.hash === doc.hash) {
      reply.header('Cache-Control', 'public, immutable').header('Expires', new Date(Date.now() + 365 * 864e5).toUTCString());
    }
    return reply.type('application/json').send(doc.body);
  });

  // kubectl asks for v2 in protobuf only; a 404 is what it handles (kubectl-api.md §7b).
  app.get('/openapi/v2', () => {
    throw new RudderError('NotFound', 'the server could not find the requested resource');
  });
}
