// Typed problems inside, translated once at each edge (STYLE.md principle 9): a
// FieldProblem becomes a Kubernetes Status cause (`field`, `reason`, `message`).

/** Kubernetes' field error types (k8s.io/apimachinery pkg/util/validation/field). */
export type FieldReason =
  | 'FieldValueRequired'
  | 'FieldValueNotFound'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueTypeInvalid'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueUnknown';

export interface FieldProblem {
  /** Kubernetes-style path: `spec.http[0].route[1].weight`. */
  field: string;
  reason: FieldReason;
  /** apiserver style: `Invalid value: -5: must be greater than or equal to 0`. */
  message: string;
}

/** `field: message`, as kubectl prints a cause. */
export const formatProblem = (p: FieldProblem): string => (p.field ? `${p.field}: ${p.message}` : p.message);

/** Codes the API translates to HTTP status + Kubernetes Status reason. */
export type ErrorCode =
  | 'BadRequest'
  | 'Invalid'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Unauthorized'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'UnsupportedMediaType'
  | 'NotAcceptable'
  | 'Gone'
  | 'InternalError';

export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  BadRequest: 400,
  Invalid: 422,
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Unauthorized: 401,
  Forbidden: 403,
  MethodNotAllowed: 405,
  UnsupportedMediaType: 415,
  NotAcceptable: 406,
  Gone: 410,
  InternalError: 500,
};

/** An error with a code, a message and optional field problems; the API turns it into a Status. */
export class RudderError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: FieldProblem[] = [],
    readonly details: { name?: string; group?: string; kind?: string } = {},
  ) {
    super(message);
    this.name = 'RudderError';
  }
}
