// Admission of a written object: the shared structural validation, then the semantic
// validators (Istio's webhook rules, added by their own module), then the envelope rules
// the apiserver applies (namespace, name, apiVersion). Nothing is stored on refusal.
import { type FieldValidation, FIELD_VALIDATIONS, ISTIO_VERSIONS, type KindDefinition, type Resource, validateStructure } from '@rudder/shared/kinds';
import { type FieldProblem, RudderError } from '@rudder/shared/errors';

/** Istio's semantic rules for one resource; errors refuse, warnings are sent as headers. */
export type SemanticValidator = (resource: Resource, def: KindDefinition) => { problems: FieldProblem[]; warnings: string[] };

export const STORAGE_VERSION = ISTIO_VERSIONS[0];

export interface AdmitOptions {
  /** The namespace of the request path; the body's must agree. */
  namespace: string;
  /** The name in the request path (PUT, PATCH); the body's must agree. */
  name?: string;
  /** The version in the request path; the body's apiVersion must name it. */
  version?: string;
  mode: FieldValidation;
  validators: readonly SemanticValidator[];
}

export interface Admitted {
  /** The object to store: in the storage version, unknown fields pruned unless Strict. */
  resource: Resource;
  warnings: string[];
}

export function parseFieldValidation(value: unknown): FieldValidation {
  if (value === undefined || value === '') return 'Strict';
  if (typeof value === 'string' && (FIELD_VALIDATIONS as readonly string[]).includes(value)) return value as FieldValidation;
  throw new RudderError('BadRequest', `fieldValidation: Unsupported value: ${JSON.stringify(value)}: supported values: "Ignore", "Strict", "Warn"`);
}

export function parseDryRun(value: unknown): boolean {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  for (const v of values) {
    if (v !== 'All') throw new RudderError('BadRequest', `dryRun: Unsupported value: ${JSON.stringify(v)}: supported values: "All"`);
  }
  return values.length > 0;
}

export function admit(def: KindDefinition, body: unknown, options: AdmitOptions): Admitted {
  const details = { group: def.group, kind: def.kind, name: nameOf(body) ?? options.name ?? '' };
  const structural = validateStructure(def, fillNamespace(body, options.namespace), options.mode);
  const unknown = structural.problems.filter((p) => p.reason === 'FieldValueUnknown');
  if (unknown.length > 0) {
    // The apiserver decodes strictly before it validates: unknown fields are a 400 of their own.
    const version = options.version ?? STORAGE_VERSION;
    throw new RudderError(
      'BadRequest',
      `${def.kind} in version "${version}" cannot be handled as a ${def.kind}: strict decoding error: ${unknown.map((p) => p.message).join(', ')}`,
      structural.problems,
      details,
    );
  }
  const problems = [...structural.problems, ...envelopeProblems(def, structural.value, options)];
  if (problems.length > 0) throw invalid(def, details.name, problems);
  const resource = withoutEmptyMaps({ ...structural.value, apiVersion: `${def.group}/${STORAGE_VERSION}` } as unknown as Resource);
  const warnings = [...structural.warnings];
  const semanticProblems: FieldProblem[] = [];
  for (const validate of options.validators) {
    const result = validate(resource, def);
    semanticProblems.push(...result.problems);
    warnings.push(...result.warnings);
  }
  if (semanticProblems.length > 0) throw invalid(def, details.name, semanticProblems);
  return { resource, warnings };
}

export function invalid(def: KindDefinition, name: string, problems: FieldProblem[]): RudderError {
  const summary = problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join(', ');
  return new RudderError('Invalid', `${def.kind}.${def.group} ${JSON.stringify(name)} is invalid: ${summary}`, problems, {
    group: def.group,
    kind: def.kind,
    name,
  });
}

function envelopeProblems(def: KindDefinition, value: Record<string, unknown>, options: AdmitOptions): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const meta = value.metadata as { name?: string; namespace?: string } | undefined;
  if (meta?.namespace !== undefined && meta.namespace !== options.namespace) {
    throw new RudderError(
      'BadRequest',
      `the namespace of the provided object (${meta.namespace}) does not match the namespace sent on the request (${options.namespace})`,
    );
  }
  if (options.name !== undefined && meta?.name !== undefined && meta.name !== options.name) {
    throw new RudderError('BadRequest', `the name of the object (${meta.name}) does not match the name on the URL (${options.name})`);
  }
  if (options.version !== undefined && value.apiVersion !== `${def.group}/${options.version}` && typeof value.apiVersion === 'string') {
    throw new RudderError(
      'BadRequest',
      `the API version in the data (${value.apiVersion}) does not match the expected API version (${def.group}/${options.version})`,
    );
  }
  return problems;
}

function fillNamespace(body: unknown, namespace: string): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const object = body as Record<string, unknown>;
  const meta = object.metadata;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return body;
  if ((meta as Record<string, unknown>).namespace !== undefined) return body;
  return { ...object, metadata: { ...meta, namespace } };
}

function nameOf(body: unknown): string | undefined {
  const name = (body as { metadata?: { name?: unknown } } | undefined)?.metadata?.name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * ObjectMeta's labels and annotations are `omitempty` in the apiserver: an empty map (left by
 * a merge patch that removes the last key) is not stored, so `kubectl diff` shows no `{}`.
 */
function withoutEmptyMaps(resource: Resource): Resource {
  const { labels, annotations } = resource.metadata;
  if ((labels && Object.keys(labels).length === 0) || (annotations && Object.keys(annotations).length === 0)) {
    const metadata = { ...resource.metadata };
    if (labels && Object.keys(labels).length === 0) delete metadata.labels;
    if (annotations && Object.keys(annotations).length === 0) delete metadata.annotations;
    return { ...resource, metadata };
  }
  return resource;
}

/** The object as served in `version`: same schema, apiVersion set to the path's. */
export const asVersion = (resource: Resource, version: string): Resource => ({
  ...resource,
  apiVersion: `${resource.apiVersion.split('/')[0]}/${version}`,
});
