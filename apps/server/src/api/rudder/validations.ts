// /rudder/v1/validations: per resource, Istio's errors and warnings and Kiali's cross-resource
// findings (KIA codes, kiali/kiali models/istio_validation.go; Kiali serves the like at
// /api/istio/validations). Every finding is a warning to Rudder; Kiali's severity is kept.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { kindByName, kindByPlural } from '@rudder/shared/kinds';
import { RudderError } from '@rudder/shared/errors';
import { VALIDATION_STATES, type ValidationService, type ValidationState } from '../../validations/service.js';

type ListReq = FastifyRequest<{ Querystring: { kind?: string; namespace?: string; name?: string; state?: string; watch?: string } }>;
type OneReq = FastifyRequest<{ Params: { kind: string; namespace: string; name: string } }>;

/** `VirtualService`, `virtualservices` or `virtualservice` → `VirtualService`. */
function kindOf(value: string): string {
  const def = kindByName(value) ?? kindByPlural(value.toLowerCase()) ?? kindByPlural(`${value.toLowerCase()}s`);
  if (!def) throw new RudderError('BadRequest', `kind: Unsupported value: ${JSON.stringify(value)}: supported values: "VirtualService", "DestinationRule", "Gateway", "ServiceEntry", "WorkloadEntry"`);
  return def.kind;
}

function stateOf(value: string): ValidationState {
  if (!(VALIDATION_STATES as readonly string[]).includes(value)) {
    throw new RudderError('BadRequest', `state: Unsupported value: ${JSON.stringify(value)}: supported values: "valid", "warning", "error"`);
  }
  return value as ValidationState;
}

export async function validationRoutes(app: FastifyInstance, { validations }: { validations: ValidationService }) {
  app.addHook('onClose', async () => validations.close());

  app.get('/rudder/v1/validations', (req: ListReq, reply) => {
    const { namespace, name } = req.query;
    const kind = req.query.kind ? kindOf(req.query.kind) : undefined;
    const state = req.query.state ? stateOf(req.query.state) : undefined;
    const select = (list: ReturnType<ValidationService['list']>) =>
      list.filter((v) => (!kind || v.kind === kind) && (!namespace || v.namespace === namespace) && (!name || v.name === name) && (!state || v.state === state));
    if (req.query.watch !== 'true') return { kind: 'ValidationList', items: select(validations.list()) };
    // ?watch=true: the list now, then the whole selection again after every recomputation,
    // one JSON object per line (what the dashboard's Istio Config page follows).
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
    const send = () => res.write(`${JSON.stringify({ kind: 'ValidationList', items: select(validations.list()) })}\n`);
    send();
    const unsubscribe = validations.onChange(() => {
      // A slow reader gets the next frame, not a backlog.
      if (res.writableLength < 1 << 20) send();
    });
    res.on('close', unsubscribe);
  });

  app.get('/rudder/v1/validations/:kind/:namespace/:name', (req: OneReq) => {
    const { namespace, name } = req.params;
    const kind = kindOf(req.params.kind);
    const found = validations.get(kind, namespace, name);
    if (!found) throw new RudderError('NotFound', `${kind} "${namespace}/${name}" not found`);
    return found;
  });
}
