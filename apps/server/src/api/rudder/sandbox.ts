// /rudder/v1/sandbox/*: the Bookinfo sandbox registers its control URL here, and the
// dashboard and `rudder scenario|traffic` reach it through the server with the server's
// auth (viewer reads, editor writes). The sandbox is a client like any other; the server
// only relays.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RudderError } from '@rudder/shared/errors';
import { singleDocument } from '../content.js';

interface Registration {
  url: string;
  /** Bearer token the sandbox expects on its control API. */
  token: string;
  registeredAt: string;
}

export async function sandboxRoutes(app: FastifyInstance) {
  let registration: Registration | undefined;

  app.put('/rudder/v1/sandbox', (req) => {
    const body = singleDocument(req.body) as { url?: unknown; token?: unknown };
    if (typeof body.url !== 'string' || !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(body.url)) {
      throw new RudderError('Invalid', 'url: must be http://127.0.0.1:<port>', [
        { field: 'url', reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(body.url)}: must be a loopback http URL` },
      ]);
    }
    if (typeof body.token !== 'string' || body.token.length < 16) {
      throw new RudderError('Invalid', 'token: Required value', [{ field: 'token', reason: 'FieldValueRequired', message: 'Required value: at least 16 characters' }]);
    }
    registration = { url: body.url, token: body.token, registeredAt: new Date().toISOString() };
    return { url: registration.url, registeredAt: registration.registeredAt };
  });

  app.get('/rudder/v1/sandbox', () => (registration ? { url: registration.url, registeredAt: registration.registeredAt } : { url: null }));

  const relay = async (req: FastifyRequest<{ Params: { '*': string } }>) => {
    if (!registration) throw new RudderError('NotFound', 'no sandbox is running: start one with `npm start` (or `rudder start`)');
    const body = req.method === 'GET' ? undefined : JSON.stringify(req.body === undefined ? {} : singleDocument(req.body));
    let res: Response;
    try {
      res = await fetch(`${registration.url}/${req.params['*']}`, {
        method: req.method,
        headers: { authorization: `Bearer ${registration.token}`, 'content-type': 'application/json' },
        ...(body !== undefined ? { body } : {}),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (error) {
      throw new RudderError('InternalError', `the sandbox at ${registration.url} did not answer: ${(error as Error).message}`);
    }
    const text = await res.text();
    const json = text ? (JSON.parse(text) as { message?: string }) : {};
    if (!res.ok) {
      const code = res.status === 404 ? 'NotFound' : res.status === 422 ? 'Invalid' : res.status === 400 ? 'BadRequest' : 'InternalError';
      throw new RudderError(code, json.message ?? `the sandbox answered ${res.status}`);
    }
    return json;
  };
  app.get('/rudder/v1/sandbox/*', relay);
  app.post('/rudder/v1/sandbox/*', relay);
  app.put('/rudder/v1/sandbox/*', relay);
}
