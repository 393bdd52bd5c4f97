// POST /rudder/v1/delete: several resources deleted all or nothing, the counterpart of
// /rudder/v1/apply. The dashboard's wizards use it to remove the routing they added
// (a VirtualService and a DestinationRule together). Every target must exist (and match
// its resourceVersion when one is given) or nothing is deleted; each delete is recorded
// as a revision, like the Kubernetes DELETE handler's.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { kindByName, type Resource } from '@rudder/shared/kinds';
import { type FieldProblem, RudderError } from '@rudder/shared/errors';
import type { ResourceStore } from '../../store/resource-store.js';
import { parseDryRun } from '../admit.js';
import type { ParsedBody } from '../content.js';
import { actorOf } from '../principal.js';

export interface DeleteTarget {
  kind: string;
  namespace: string;
  name: string;
  resourceVersion?: string;
}

type Req = FastifyRequest<{ Querystring: { dryRun?: string } }>;

export async function deleteRoutes(app: FastifyInstance, opts: { store: ResourceStore }) {
  app.post('/rudder/v1/delete', (req: Req) => {
    const targets = parseTargets(req.body);
    const dryRun = parseDryRun(req.query.dryRun);
    const actor = actorOf(req);
    // A missing target or a stale resourceVersion throws inside the transaction: the
    // deletes already made roll back and subscribers hear of none of them.
    const deleted = opts.store.transaction(() =>
      targets.map(({ resourceVersion, ...key }) => {
        const def = kindByName(key.kind);
        const options = { actor, dryRun, ...(resourceVersion ? { preconditionRv: resourceVersion } : {}) };
        const gone: Resource = opts.store.delete({ ...key, kind: def?.kind ?? key.kind }, options);
        return { kind: gone.kind, namespace: key.namespace, name: key.name, resourceVersion: gone.metadata.resourceVersion ?? '' };
      }),
    );
    return { kind: 'DeleteResult', apiVersion: 'rudder.dev/v1', dryRun, items: deleted };
  });
}

/** The body: a JSON array of targets, or `{ items: [...] }`; every problem is reported. */
function parseTargets(body: unknown): DeleteTarget[] {
  const doc = (body as ParsedBody | undefined)?.documents?.[0];
  const list = Array.isArray(doc) ? doc : (doc as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(list) || list.length === 0) {
    throw new RudderError('BadRequest', 'nothing to delete: send a JSON array of {kind, namespace, name, resourceVersion?}');
  }
  const problems: FieldProblem[] = [];
  const targets = list.map((item, i) => {
    const t = (item ?? {}) as Record<string, unknown>;
    for (const field of ['kind', 'namespace', 'name'] as const) {
      if (typeof t[field] !== 'string' || t[field] === '') {
        problems.push({ field: `items[${i}].${field}`, reason: 'FieldValueRequired', message: `Required value: ${field} must be a non-empty string` });
      }
    }
    if (typeof t.kind === 'string' && t.kind && !kindByName(t.kind)) {
      problems.push({ field: `items[${i}].kind`, reason: 'FieldValueNotSupported', message: `Unsupported value: ${JSON.stringify(t.kind)}` });
    }
    if (t.resourceVersion !== undefined && typeof t.resourceVersion !== 'string') {
      problems.push({ field: `items[${i}].resourceVersion`, reason: 'FieldValueTypeInvalid', message: 'Invalid value: must be a string' });
    }
    return t as unknown as DeleteTarget;
  });
  if (problems.length > 0) throw new RudderError('Invalid', `nothing was deleted: ${problems.length} problem(s)`, problems);
  return targets;
}
