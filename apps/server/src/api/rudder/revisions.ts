// Revisions: every change of every resource, with who and when (the store's change
// log), a YAML diff between two revisions, and rollback, which writes an old revision
// back as a new one (through validation, like any write).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createTwoFilesPatch } from 'diff';
import { kindByName, type Resource } from '@rudder/shared/kinds';
import { RudderError } from '@rudder/shared/errors';
import { printYaml } from '@rudder/shared/yaml';
import type { Change, ResourceStore } from '../../store/resource-store.js';
import { admit, type SemanticValidator } from '../admit.js';
import { actorOf } from '../principal.js';
import { addWarnings } from '../status.js';

type ListReq = FastifyRequest<{ Querystring: { kind?: string; namespace?: string; name?: string; since?: string; limit?: string } }>;
type OneReq = FastifyRequest<{ Params: { rv: string }; Querystring: { against?: string } }>;

export async function revisionRoutes(app: FastifyInstance, opts: { store: ResourceStore; validators: readonly SemanticValidator[] }) {
  const { store } = opts;

  app.get('/rudder/v1/revisions', (req: ListReq) => {
    const { kind, namespace, name } = req.query;
    const limit = Math.min(Number(req.query.limit ?? 500) || 500, 5000);
    const changes =
      kind && namespace && name
        ? store.history({ kind, namespace, name })
        : store.changesSince(Number(req.query.since ?? 0) || 0, { ...(kind ? { kind } : {}), ...(namespace ? { namespace } : {}) });
    return { items: changes.slice(-limit).reverse().map(summary) };
  });

  app.get('/rudder/v1/revisions/:rv', (req: OneReq) => ({ ...summary(find(store, req.params.rv)), object: find(store, req.params.rv).object }));

  app.get('/rudder/v1/revisions/:rv/diff', (req: OneReq, reply) => {
    const to = find(store, req.params.rv);
    const from = req.query.against ? find(store, req.query.against) : previousOf(store, to);
    const text = createTwoFilesPatch(
      from ? `${label(from)}` : '/dev/null',
      label(to),
      from && from.type !== 'DELETED' ? printYaml(comparable(from.object)) : '',
      to.type === 'DELETED' ? '' : printYaml(comparable(to.object)),
    );
    return reply.type('text/plain; charset=utf-8').send(text);
  });

  app.post('/rudder/v1/revisions/:rv/rollback', (req: OneReq, reply) => {
    const target = find(store, req.params.rv);
    const def = kindByName(target.kind);
    if (!def) throw new RudderError('NotFound', `revision ${req.params.rv} holds an unknown kind`);
    const current = store.get(target);
    const { metadata } = target.object;
    const wanted = {
      ...target.object,
      metadata: {
        name: metadata.name,
        namespace: metadata.namespace,
        ...(metadata.labels ? { labels: metadata.labels } : {}),
        ...(metadata.annotations ? { annotations: metadata.annotations } : {}),
      },
    };
    const { resource, warnings } = admit(def, wanted, { namespace: metadata.namespace, mode: 'Strict', validators: opts.validators });
    const actor = `${actorOf(req)} (rollback to ${req.params.rv})`;
    const saved = current ? store.update(resource, { actor }) : store.create(resource, { actor });
    addWarnings(reply, warnings);
    return reply.code(current ? 200 : 201).send(saved);
  });
}

function find(store: ResourceStore, rv: string): Change {
  const change = /^\d+$/.test(rv) ? store.change(Number(rv)) : undefined;
  if (!change) throw new RudderError('NotFound', `revision ${JSON.stringify(rv)} not found`);
  return change;
}

function previousOf(store: ResourceStore, change: Change): Change | undefined {
  return store.history(change).filter((c) => c.rv < change.rv).at(-1);
}

const label = (c: Change) => `${c.kind}/${c.namespace}/${c.name}@${c.rv}`;

/** What a reader compares: labels, annotations and spec; not the server's bookkeeping. */
function comparable(o: Resource) {
  const { labels, annotations } = o.metadata;
  return { metadata: { name: o.metadata.name, namespace: o.metadata.namespace, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) }, spec: o.spec };
}

function summary(c: Change) {
  return {
    resourceVersion: String(c.rv),
    type: c.type,
    kind: c.kind,
    namespace: c.namespace,
    name: c.name,
    generation: c.object.metadata.generation,
    actor: c.actor,
    at: c.at,
  };
}
