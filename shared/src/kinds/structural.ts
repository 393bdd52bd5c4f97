// Structural validation from the schema, as a Kubernetes apiserver validates a CRD
// object: types are not coerced, enums are checked, unknown fields are refused
// (fieldValidation=Strict, Rudder's default), dropped with a warning (Warn) or dropped
// silently (Ignore, CRD pruning). Every problem is collected with its path; nothing
// stops at the first. Browser-safe: the dashboard runs the same checks as you type.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FieldProblem } from '../errors/index.js';
import type { KindDefinition } from './kind.js';
import { checkMetadata, ObjectMeta } from './meta.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';
export const FIELD_VALIDATIONS: readonly FieldValidation[] = ['Strict', 'Warn', 'Ignore'];

export interface StructuralResult {
  /** The object as it will be stored: a copy, with unknown fields pruned unless Strict. */
  value: Record<string, unknown>;
  problems: FieldProblem[];
  /** Paths of unknown fields (refused under Strict, warned under Warn). */
  unknownFields: string[];
  warnings: string[];
}

// Our own Ajv: no coercion, no defaults, no removal, every error (unlike Fastify's defaults).
export const AJV_OPTIONS = { allErrors: true, strict: false, validateFormats: false, coerceTypes: false, useDefaults: false } as const;
const ajv = new Ajv(AJV_OPTIONS);
const compiled = new Map<string, { schema: TSchema; check: ValidateFunction }>();
const precompiled = new Map<string, ValidateFunction>();

/**
 * Validators compiled ahead of time (standalone.ts) for pages whose Content-Security-Policy
 * forbids eval, which Ajv's compile needs: the dashboard. Same schema, same errors.
 */
export function installPrecompiledValidators(byKind: Readonly<Record<string, unknown>>) {
  for (const [kind, check] of Object.entries(byKind)) if (typeof check === 'function') precompiled.set(kind, check as ValidateFunction);
  compiled.clear();
}

/** The whole object's schema: envelope, metadata and the kind's spec. */
export function resourceSchema(def: KindDefinition): TSchema {
  return Type.Object(
    {
      apiVersion: Type.String({ description: 'The versioned schema of this representation of an object.' }),
      kind: Type.String({ description: 'The REST resource this object represents.' }),
      metadata: ObjectMeta,
      spec: Type.Optional(def.spec),
      status: Type.Optional(Type.Object({}, { additionalProperties: true })),
    },
    { additionalProperties: false, required: ['apiVersion', 'kind', 'metadata'] },
  );
}

function validatorFor(def: KindDefinition) {
  let entry = compiled.get(def.kind);
  if (!entry) {
    const schema = resourceSchema(def);
    entry = { schema, check: precompiled.get(def.kind) ?? ajv.compile(schema) };
    compiled.set(def.kind, entry);
  }
  return entry;
}

/** Validates one object of a kind against its schema (the semantic Istio rules are a separate layer). */
export function validateStructure(def: KindDefinition, input: unknown, mode: FieldValidation = 'Strict'): StructuralResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const problem: FieldProblem = { field: '', reason: 'FieldValueTypeInvalid', message: 'the body must be an object' };
    return { value: {}, problems: [problem], unknownFields: [], warnings: [] };
  }
  const value = structuredClone(input) as Record<string, unknown>;
  dropNullCreationTimestamp(value);
  const { schema, check } = validatorFor(def);
  check(value);
  let errors = check.errors ?? [];
  const unknownFields = errors.filter(isUnknownField).map((e) => unknownFieldPath(schema, value, e));
  if (mode !== 'Strict' && unknownFields.length > 0) {
    for (const error of errors.filter(isUnknownField)) pruneUnknown(value, error);
    check(value);
    errors = check.errors ?? [];
  }
  const problems = errors.filter((e) => mode !== 'Strict' || !isUnknownField(e)).map((e) => toProblem(schema, value, e));
  if (mode === 'Strict') {
    for (const field of unknownFields) {
      problems.push({ field, reason: 'FieldValueUnknown', message: `unknown field "${field}"` });
    }
  }
  problems.push(...checkEnvelope(def, value));
  if (isObject(value.metadata)) problems.push(...checkMetadata(value.metadata));
  const warnings = mode === 'Warn' ? unknownFields.map((f) => `unknown field "${f}"`) : [];
  if (problems.length === 0 && def.notEnforced && isObject(value.spec)) warnings.push(...def.notEnforced(value.spec));
  return { value, problems: dedupe(problems), unknownFields, warnings };
}

const schemaChecks = new WeakMap<TSchema, ValidateFunction>();

/** Any schema's problems with Kubernetes paths (registry bodies, settings); unknown fields are problems. */
export function validateAgainst(schema: TSchema, value: unknown): FieldProblem[] {
  let check = schemaChecks.get(schema);
  if (!check) {
    check = ajv.compile(schema);
    schemaChecks.set(schema, check);
  }
  check(value);
  return dedupe(
    (check.errors ?? []).map((e) => {
      if (!isUnknownField(e)) return toProblem(schema, value, e);
      const field = unknownFieldPath(schema, value, e);
      return { field, reason: 'FieldValueUnknown' as const, message: `unknown field "${field}"` };
    }),
  );
}

function checkEnvelope(def: KindDefinition, value: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (typeof value.kind === 'string' && value.kind !== def.kind) {
    problems.push({ field: 'kind', reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value.kind)}: must be ${def.kind}` });
  }
  if (typeof value.apiVersion === 'string') {
    const supported = def.versions.map((v) => `${def.group}/${v}`);
    if (!supported.includes(value.apiVersion)) {
      problems.push({
        field: 'apiVersion',
        reason: 'FieldValueNotSupported',
        message: `Unsupported value: ${JSON.stringify(value.apiVersion)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
      });
    }
  }
  return problems;
}

// kubectl's `create --dry-run -o yaml` writes `creationTimestamp: null`; the apiserver ignores it.
function dropNullCreationTimestamp(value: Record<string, unknown>) {
  const meta = value.metadata;
  if (isObject(meta) && meta.creationTimestamp === null) delete meta.creationTimestamp;
}

const isUnknownField = (e: ErrorObject) => e.keyword === 'additionalProperties';

function unknownFieldPath(schema: TSchema, value: unknown, e: ErrorObject): string {
  const parent = kubePath(schema, value, e.instancePath);
  const name = String((e.params as { additionalProperty: string }).additionalProperty);
  return parent ? `${parent}.${name}` : name;
}

function pruneUnknown(value: unknown, e: ErrorObject) {
  const parent = resolvePointer(value, e.instancePath);
  if (isObject(parent)) delete parent[String((e.params as { additionalProperty: string }).additionalProperty)];
}

function toProblem(schema: TSchema, value: unknown, e: ErrorObject): FieldProblem {
  const field = kubePath(schema, value, e.instancePath);
  const actual = resolvePointer(value, e.instancePath);
  const shown = showValue(actual);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return { field: field ? `${field}.${missing}` : missing, reason: 'FieldValueRequired', message: 'Required value' };
    }
    case 'type':
      return { field, reason: 'FieldValueTypeInvalid', message: `Invalid value: ${shown}: must be of type ${String(params.type)}` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return { field, reason: 'FieldValueNotSupported', message: `Unsupported value: ${shown}: supported values: ${allowed}` };
    }
    case 'minimum':
      return { field, reason: 'FieldValueInvalid', message: `Invalid value: ${shown}: must be greater than or equal to ${String(params.limit)}` };
    case 'maximum':
      return { field, reason: 'FieldValueInvalid', message: `Invalid value: ${shown}: must be less than or equal to ${String(params.limit)}` };
    default:
      return { field, reason: 'FieldValueInvalid', message: `Invalid value: ${shown}: ${e.message ?? e.keyword}` };
  }
}

function showValue(v: unknown): string {
  if (Array.isArray(v)) return '"array"';
  if (isObject(v)) return '"object"';
  const text = JSON.stringify(v) ?? 'null';
  return text.length > 80 ? `${text.slice(0, 77)}..."` : text;
}

/**
 * JSON pointer → Kubernetes field path, walking the schema beside the data so that
 * array items print as `[0]` and map keys as `[key]` (`metadata.labels[app]`).
 */
export function kubePath(schema: TSchema, value: unknown, pointer: string): string {
  if (pointer === '') return '';
  let out = '';
  let node: Record<string, unknown> | undefined = schema as Record<string, unknown>;
  let data: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(data)) {
      out += `[${key}]`;
      node = node?.items as Record<string, unknown> | undefined;
    } else {
      const props = node?.properties as Record<string, Record<string, unknown>> | undefined;
      if (props && key in props) {
        out += out ? `.${key}` : key;
        node = props[key];
      } else {
        out += `[${key}]`;
        const patterns = node?.patternProperties as Record<string, Record<string, unknown>> | undefined;
        node = patterns ? Object.values(patterns)[0] : (node?.additionalProperties as Record<string, unknown> | undefined);
      }
    }
    data = isObject(data) || Array.isArray(data) ? (data as Record<string, unknown>)[key] : undefined;
  }
  return out;
}

function resolvePointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let data: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    data = isObject(data) || Array.isArray(data) ? (data as Record<string, unknown>)[key] : undefined;
  }
  return data;
}

function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
