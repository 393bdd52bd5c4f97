// POST /rudder/v1/apply: a multi-document YAML (or JSON) applied all or nothing. One
// invalid document and nothing is stored; every problem is listed with its document.
// Each document is created when absent and otherwise replaced, like `kubectl apply`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { kindByName, type Resource } from '@rudder/shared/kinds';
import { type FieldProblem, RudderError } from '@rudder/shared/errors';
import type { ResourceStore } from '../../store/resource-store.js';
import { admit, asVersion, parseDryRun, parseFieldValidation, type SemanticValidator } from '../admit.js';
import type { ParsedBody } from '../content.js';
import { actorOf } from '../principal.js';
import { addWarnings } from '../status.js';

export interface ApplyItem {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  action: 'created' | 'configured' | 'unchanged';
  resourceVersion: string;
}

type Req = FastifyRequest<{ Querystring: { dryRun?: string; fieldValidation?: string; namespace?: string } }>;

export async function applyRoutes(app: FastifyInstance, opts: { store: ResourceStore; validators: readonly SemanticValidator[] }) {
  app.post('/rudder/v1/apply', (req: Req, reply) => {
    const documents = (req.body as ParsedBody | undefined)?.documents ?? [];
    if (documents.length === 0) throw new RudderError('BadRequest', 'nothing to apply: the body holds no document');
    const mode = parseFieldValidation(req.query.fieldValidation);
    const dryRun = parseDryRun(req.query.dryRun);
    const namespace = req.query.namespace ?? 'default';
    const { admitted, problems, warnings } = admitAll(documents, namespace, mode, opts.validators);
    if (problems.length > 0) {
      throw new RudderError('Invalid', `nothing was applied: ${problems.length} problem(s) in ${documents.length} document(s)`, problems);
    }
    const actor = actorOf(req);
    const items = opts.store.transaction(() =>
      admitted.map(({ resource, version }) => applyOne(opts.store, resource, version, actor, dryRun)),
    );
    addWarnings(reply, warnings);
    return { kind: 'ApplyResult', apiVersion: 'rudder.dev/v1', dryRun, items };
  });
}

function admitAll(documents: unknown[], namespace: string, mode: ReturnType<typeof parseFieldValidation>, validators: readonly SemanticValidator[]) {
  const admitted: { resource: Resource; version: string }[] = [];
  const problems: FieldProblem[] = [];
  const warnings: string[] = [];
  documents.forEach((doc, index) => {
    const prefix = `documents[${index}]`;
    const { kind, apiVersion } = (doc ?? {}) as { kind?: unknown; apiVersion?: unknown };
    const def = typeof kind === 'string' ? kindByName(kind) : undefined;
    if (!def) {
      problems.push({ field: `${prefix}.kind`, reason: 'FieldValueNotSupported', message: `Unsupported value: ${JSON.stringify(kind)}: supported values: "VirtualService", "DestinationRule", "Gateway", "ServiceEntry", "WorkloadEntry"` });
      return;
    }
    const docNamespace = ((doc as { metadata?: { namespace?: unknown } }).metadata?.namespace as string | undefined) ?? namespace;
    const version = typeof apiVersion === 'string' ? (apiVersion.split('/')[1] ?? '') : '';
    try {
      const result = admit(def, doc, { namespace: docNamespace, mode, validators });
      admitted.push({ resource: result.resource, version: def.versions.includes(version) ? version : (def.versions[0] as string) });
      warnings.push(...result.warnings.map((w) => `${def.kind} ${docNamespace}/${result.resource.metadata.name}: ${w}`));
    } catch (error) {
      if (!(error instanceof RudderError)) throw error;
      const name = error.details.name ? `${def.kind} ${docNamespace}/${error.details.name}` : def.kind;
      const list = error.problems.length > 0 ? error.problems : [{ field: '', reason: 'FieldValueInvalid' as const, message: error.message }];
      for (const p of list) problems.push({ ...p, field: p.field ? `${prefix}.${p.field}` : prefix, message: `${name}: ${p.message}` });
    }
  });
  return { admitted, problems, warnings };
}

function applyOne(store: ResourceStore, resource: Resource, version: string, actor: string, dryRun: boolean): ApplyItem {
  const key = { kind: resource.kind, namespace: resource.metadata.namespace, name: resource.metadata.name };
  const current = store.get(key);
  const saved = current ? store.update(resource, { actor, dryRun }) : store.create(resource, { actor, dryRun });
  const unchanged = current !== undefined && saved.metadata.resourceVersion === current.metadata.resourceVersion && !dryRun;
  return {
    apiVersion: asVersion(saved, version).apiVersion,
    kind: saved.kind,
    namespace: key.namespace,
    name: key.name,
    action: !current ? 'created' : unchanged ? 'unchanged' : 'configured',
    resourceVersion: saved.metadata.resourceVersion ?? '',
  };
}
