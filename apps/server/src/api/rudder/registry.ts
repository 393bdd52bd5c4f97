// /rudder/v1/registry: Services, Workloads and Instances (register, heartbeat,
// deregister), used by the sandbox and standalone sidecars; and the merged view of
// services with their endpoints, as proxies receive it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import { validateAgainst } from '@rudder/shared/kinds';
import { RudderError } from '@rudder/shared/errors';
import { InstanceRegistration, RegistryService, type ResolvedService, Workload } from '@rudder/shared/protocol';
import type { Registry } from '../../registry/registry.js';
import { singleDocument } from '../content.js';

type Named = FastifyRequest<{ Params: { namespace: string; name: string } }>;

export interface RegistryRoutesOptions {
  registry: Registry;
  resolved: () => ResolvedService[];
}

function checked<T>(schema: TSchema, what: string, body: unknown): T {
  const value = singleDocument(body);
  const problems = validateAgainst(schema, value);
  if (problems.length > 0) {
    throw new RudderError('Invalid', `${what} is invalid: ${problems.map((p) => `${p.field}: ${p.message}`).join(', ')}`, problems, { kind: what });
  }
  return value as T;
}

/** The path names the object; the body may repeat them but not contradict them. */
function named<T extends { name: string; namespace?: string }>(req: Named, value: T): T & { namespace: string } {
  const { namespace, name } = req.params;
  if (value.name !== name) throw new RudderError('BadRequest', `the name in the body (${value.name}) does not match the path (${name})`);
  if (value.namespace !== undefined && value.namespace !== namespace) {
    throw new RudderError('BadRequest', `the namespace in the body (${value.namespace}) does not match the path (${namespace})`);
  }
  return { ...value, namespace };
}

export async function registryRoutes(app: FastifyInstance, { registry, resolved }: RegistryRoutesOptions) {
  app.get('/rudder/v1/registry', () => registry.state());
  app.get('/rudder/v1/registry/resolved', () => ({ services: resolved() }));

  app.put('/rudder/v1/registry/services/:namespace/:name', (req: Named) => {
    const service = named(req, checked<RegistryService>(RegistryService, 'Service', req.body));
    registry.putService(service);
    return service;
  });
  app.delete('/rudder/v1/registry/services/:namespace/:name', (req: Named, reply) => {
    registry.deleteService(req.params.namespace, req.params.name);
    return reply.code(204).send();
  });

  app.put('/rudder/v1/registry/workloads/:namespace/:name', (req: Named) => {
    const workload = named(req, checked<Workload>(Workload, 'Workload', req.body));
    registry.putWorkload(workload);
    return workload;
  });
  app.delete('/rudder/v1/registry/workloads/:namespace/:name', (req: Named, reply) => {
    registry.deleteWorkload(req.params.namespace, req.params.name);
    return reply.code(204).send();
  });

  app.put('/rudder/v1/registry/instances/:namespace/:name', (req: Named) =>
    registry.register(named(req, checked<InstanceRegistration>(InstanceRegistration, 'Instance', req.body))),
  );
  app.post('/rudder/v1/registry/instances/:namespace/:name/heartbeat', (req: Named) =>
    registry.heartbeat(req.params.namespace, req.params.name),
  );
  app.delete('/rudder/v1/registry/instances/:namespace/:name', (req: Named, reply) => {
    registry.deregister(req.params.namespace, req.params.name);
    return reply.code(204).send();
  });
}
