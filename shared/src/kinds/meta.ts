// Kubernetes ObjectMeta as Rudder stores it, and the checks the apiserver applies to
// names and labels (k8s.io/apimachinery pkg/util/validation: IsDNS1123Subdomain,
// IsQualifiedName, IsValidLabelValue).
import { Type, type Static } from '@sinclair/typebox';
import { message, opt, str, stringMap } from './fields.js';
import type { FieldProblem } from '../errors/index.js';

export const ManagedFieldsEntry = Type.Object({}, { additionalProperties: true });

export const ObjectMeta = message(
  'Standard object metadata: name, namespace, labels, annotations and the fields the server sets.',
  {
    name: opt(str(), 'Name must be unique within a namespace (a DNS-1123 subdomain).'),
    generateName: opt(str(), 'Optional prefix used by the server to generate a unique name when name is not given.'),
    namespace: opt(str(), 'The namespace of the object; `default` when absent.'),
    labels: opt(stringMap(), 'Map of string keys and values to organise and select objects.'),
    annotations: opt(stringMap(), 'Unstructured key/value map stored with the object.'),
    resourceVersion: opt(str(), 'Opaque version of the object, set by the server; a precondition when sent.'),
    generation: opt(Type.Integer({ format: 'int64' }), 'Sequence number of the desired state (spec), set by the server.'),
    uid: opt(str(), 'Unique identifier of the object, set by the server.'),
    creationTimestamp: opt(Type.Union([str(), Type.Null()]), 'Server time at creation (RFC 3339).'),
    deletionTimestamp: opt(str(), 'Set when deletion was requested.'),
    deletionGracePeriodSeconds: opt(Type.Integer({ format: 'int64' })),
    finalizers: opt(Type.Array(str())),
    ownerReferences: opt(Type.Array(Type.Object({}, { additionalProperties: true }))),
    managedFields: opt(Type.Array(ManagedFieldsEntry)),
    selfLink: opt(str()),
  },
);
export type ObjectMeta = Static<typeof ObjectMeta>;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export const isDns1123Label = (v: string) => v.length <= 63 && DNS1123_LABEL.test(v);
export const isDns1123Subdomain = (v: string) => v.length <= 253 && DNS1123_SUBDOMAIN.test(v);

/** A label or annotation key: optional DNS subdomain prefix, then a qualified name of at most 63 characters. */
export function isQualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) return false;
  return name.length > 0 && name.length <= 63 && QUALIFIED_NAME.test(name);
}

export const isLabelValue = (v: string) => v.length <= 63 && LABEL_VALUE.test(v);

/** The apiserver's checks on metadata that JSON Schema cannot express. */
export function checkMetadata(meta: ObjectMeta): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (meta.name === undefined || meta.name === '') {
    problems.push({ field: 'metadata.name', reason: 'FieldValueRequired', message: 'Required value: name is required' });
  } else if (!isDns1123Subdomain(meta.name)) {
    problems.push({
      field: 'metadata.name',
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${JSON.stringify(meta.name)}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')`,
    });
  }
  if (meta.namespace !== undefined && !isDns1123Label(meta.namespace)) {
    problems.push({
      field: 'metadata.namespace',
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${JSON.stringify(meta.namespace)}: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name')`,
    });
  }
  for (const [key, value] of Object.entries(meta.labels ?? {})) {
    if (!isQualifiedName(key)) {
      problems.push({
        field: `metadata.labels`,
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(key)}: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (at most 63 characters, with an optional DNS subdomain prefix and '/')`,
      });
    }
    if (!isLabelValue(value)) {
      problems.push({
        field: `metadata.labels[${key}]`,
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(value)}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (at most 63 characters)`,
      });
    }
  }
  for (const key of Object.keys(meta.annotations ?? {})) {
    if (!isQualifiedName(key)) {
      problems.push({
        field: 'metadata.annotations',
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(key)}: annotation keys must be qualified names`,
      });
    }
  }
  return problems;
}
