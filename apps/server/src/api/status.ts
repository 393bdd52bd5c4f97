// The one place errors become HTTP answers: a Kubernetes `Status` object with reason,
// code and details.causes (kubectl builds its messages from them; kubectl-api.md §8).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_HTTP_STATUS, type ErrorCode, type FieldProblem, RudderError } from '@rudder/shared/errors';

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: ErrorCode | '';
  details?: { name?: string; group?: string; kind?: string; causes?: { reason: string; message: string; field: string }[] };
  code: number;
}

export function statusOf(error: RudderError): Status {
  const { name, group, kind } = error.details;
  const causes = error.problems.map((p: FieldProblem) => ({ reason: p.reason, message: p.message, field: p.field }));
  const hasDetails = name !== undefined || kind !== undefined || causes.length > 0;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: error.message,
    reason: error.code,
    ...(hasDetails
      ? { details: { ...(name ? { name } : {}), ...(group ? { group } : {}), ...(kind ? { kind } : {}), ...(causes.length ? { causes } : {}) } }
      : {}),
    code: ERROR_HTTP_STATUS[error.code],
  };
}

/** Fastify's error handler: RudderErrors as they are, Fastify's own errors (body too large, bad JSON) mapped. */
export function handleError(error: FastifyError | RudderError, request: FastifyRequest, reply: FastifyReply) {
  const rudder = error instanceof RudderError ? error : fromFastify(error);
  if (rudder.code === 'InternalError') request.log.error({ err: error }, 'internal error');
  return reply.code(ERROR_HTTP_STATUS[rudder.code]).type('application/json').send(statusOf(rudder));
}

function fromFastify(error: FastifyError): RudderError {
  const status = error.statusCode ?? 500;
  if (status === 413) return new RudderError('BadRequest', `the request body is too large: ${error.message}`);
  if (status === 415) return new RudderError('UnsupportedMediaType', error.message);
  if (status === 404) return new RudderError('NotFound', 'the server could not find the requested resource');
  if (status >= 400 && status < 500) return new RudderError('BadRequest', error.message);
  return new RudderError('InternalError', `Internal error occurred: ${error.message}`);
}

/** `Warning: 299 - "text"` headers, one per warning, as the apiserver sends them (RFC 7234 §5.5). */
export function addWarnings(reply: FastifyReply, warnings: readonly string[]) {
  if (warnings.length === 0) return;
  const values = warnings.map((w) => `299 - ${JSON.stringify(w.replace(/[\r\n]+/g, ' '))}`);
  const existing = reply.getHeader('Warning');
  const prior = existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)];
  reply.header('Warning', [...prior, ...values]);
}
