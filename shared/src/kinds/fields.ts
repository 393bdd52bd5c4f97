// Field builders shared by the kind schemas: protobuf scalar types as Istio's CRDs
// declare them (istio/api kubernetes/customresourcedefinitions.gen.yaml), so the
// JSON Schema we emit matches what a real apiserver checks.
import { type TSchema, Type, type ObjectOptions, type TProperties } from '@sinclair/typebox';

const INT32_MAX = 2147483647;
const UINT32_MAX = 4294967295;

/** A proto message: a closed object (unknown fields are refused or pruned). */
export function message<P extends TProperties>(description: string, properties: P, options: ObjectOptions = {}) {
  return Type.Object(properties, { description, additionalProperties: false, ...options });
}

/** Optional field with its doc string. */
export function opt<T extends TSchema>(schema: T, description?: string) {
  return Type.Optional(description === undefined ? schema : Type.Unsafe<T['static']>({ ...schema, description }));
}

export const int32 = (description?: string) =>
  Type.Integer({ format: 'int32', minimum: -INT32_MAX - 1, maximum: INT32_MAX, ...(description ? { description } : {}) });

/** uint32 and google.protobuf.UInt32Value (the wrapper is a plain number in JSON). */
export const uint32 = (description?: string) =>
  Type.Integer({ format: 'int32', minimum: 0, maximum: UINT32_MAX, ...(description ? { description } : {}) });

export const double = (description?: string) => Type.Number({ format: 'double', ...(description ? { description } : {}) });

export const bool = (description?: string) => Type.Boolean(description ? { description } : {});

export const str = (description?: string) => Type.String(description ? { description } : {});

/** google.protobuf.Duration, written as Istio writes it: `10s`, `100ms`, `1.5s`. Semantic checks parse it. */
export const duration = (description?: string) =>
  Type.String({ format: 'duration', ...(description ? { description } : {}) });

export const stringList = (description?: string) => Type.Array(Type.String(), description ? { description } : {});

/** map<string, string> */
export const stringMap = (description?: string) =>
  Type.Record(Type.String(), Type.String(), description ? { description } : {});

/** A proto enum, serialised by name. */
export function enumOf<const V extends readonly string[]>(values: V, description?: string) {
  return Type.Unsafe<V[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
}

/** istio.networking.v1alpha3.Percent: `{ value: 0..100 }` (range checked semantically, as Istio does). */
export const percent = (description?: string) =>
  message(description ?? 'Percent specifies a percentage in the range of [0.0, 100.0].', { value: opt(double()) });

/** istio.type.v1beta1.WorkloadSelector */
export const workloadSelector = (description: string) =>
  message(description, {
    matchLabels: opt(stringMap('One or more labels that indicate a specific set of pods/VMs on which a policy should be applied.')),
  });
