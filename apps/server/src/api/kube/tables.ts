// Server-side Tables (meta.k8s.io/v1 Table) for `kubectl get`: kubectl 1.32 prints no
// columns of its own, so every kind needs them here (kubectl-api.md §3, §9 step 4).
// Istio kinds use their CRDs' printer columns, rendered as the apiserver's CRD table
// convertor does (apiextensions-apiserver pkg/registry/customresource/tableconvertor).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KindDefinition, Resource } from '@rudder/shared/kinds';
import { RudderError } from '@rudder/shared/errors';
import { ageOf } from './age.js';

export interface ColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'date' | 'number' | 'boolean';
  format: string;
  description: string;
  priority: number;
}

/** How one kind prints: the columns and, per object, the cells in the same order. */
export interface TableSpec<T = KubeObject> {
  columns: readonly ColumnDefinition[];
  cells(object: T, now: Date): unknown[];
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string };
}

export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string };
  items: T[];
}

type TableVersion = 'v1' | 'v1beta1';
type IncludeObject = 'None' | 'Metadata' | 'Object';

export const NAME_COLUMN: ColumnDefinition = {
  name: 'Name',
  type: 'string',
  // format "name" is what makes `get vs,dr` print `virtualservice.networking.istio.io/reviews` (§3).
  format: 'name',
  description: 'Name must be unique within a namespace. Is required when creating resources.',
  priority: 0,
};

export const column = (name: string, type: ColumnDefinition['type'], description: string, priority = 0): ColumnDefinition => ({
  name,
  type,
  format: '',
  description,
  priority,
});

/** The first Accept entry that kubectl's Table media type or plain JSON satisfies (content negotiation order). */
export function tableVersionOf(accept: string | undefined): TableVersion | undefined {
  for (const range of (accept ?? '').split(',')) {
    const [type = '', ...params] = range.split(';').map((p) => p.trim());
    const p = Object.fromEntries(params.map((kv) => kv.split('=').map((x) => x.trim()) as [string, string]));
    if (type === 'application/json' && p.as === 'Table' && p.g === 'meta.k8s.io' && (p.v === 'v1' || p.v === 'v1beta1')) return p.v;
    if ((type === 'application/json' || type === '*/*') && p.as === undefined) return undefined;
  }
  return undefined;
}

function includeObjectOf(req: FastifyRequest): IncludeObject {
  const value = (req.query as Record<string, unknown>).includeObject;
  if (value === undefined || value === '') return 'Metadata';
  if (value === 'None' || value === 'Metadata' || value === 'Object') return value;
  throw new RudderError('BadRequest', `includeObject: Unsupported value: ${JSON.stringify(value)}: supported values: "None", "Metadata", "Object"`);
}

/** A row's object: PartialObjectMetadata by default, the whole object for `includeObject=Object` (--sort-by). */
function rowObject(object: KubeObject, include: IncludeObject, version: TableVersion) {
  if (include === 'None') return undefined;
  if (include === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: object.metadata };
}

export interface TableOptions {
  version: TableVersion;
  include: IncludeObject;
  resourceVersion?: string;
  now: Date;
  /** Watch events after the first carry no column definitions (kubectl prints the header once). */
  noHeaders?: boolean;
}

export function buildTable<T extends KubeObject>(spec: TableSpec<T>, objects: readonly T[], options: TableOptions) {
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${options.version}`,
    metadata: options.resourceVersion ? { resourceVersion: options.resourceVersion } : {},
    columnDefinitions: options.noHeaders ? [] : spec.columns,
    rows: objects.map((o) => {
      const object = rowObject(o, options.include, options.version);
      return { cells: spec.cells(o, options.now), ...(object ? { object } : {}) };
    }),
  };
}

/** The table options a request asks for, or undefined when it wants plain JSON. */
export function tableRequest(req: FastifyRequest, now: Date): Omit<TableOptions, 'resourceVersion'> | undefined {
  const version = tableVersionOf(req.headers.accept);
  return version ? { version, include: includeObjectOf(req), now } : undefined;
}

const TABLE_TYPE = (v: TableVersion) => `application/json;as=Table;v=${v};g=meta.k8s.io`;

/** A list as JSON, or as a Table when the Accept asks for one. Always carries the list resourceVersion (§3 Watch). */
export function sendList<T extends KubeObject>(req: FastifyRequest, reply: FastifyReply, list: KubeList<T>, spec: TableSpec<T>, now: Date) {
  const table = tableRequest(req, now);
  if (!table) return reply.type('application/json').send(JSON.stringify(list));
  const body = buildTable(spec, list.items, { ...table, resourceVersion: list.metadata.resourceVersion });
  return sendExact(reply, TABLE_TYPE(table.version), body);
}

/** One object as JSON, or as a one-row Table (`kubectl get svc reviews`). */
export function sendObject<T extends KubeObject>(req: FastifyRequest, reply: FastifyReply, object: T, spec: TableSpec<T>, now: Date) {
  const table = tableRequest(req, now);
  if (!table) return reply.type('application/json').send(JSON.stringify(object));
  const body = buildTable(spec, [object], { ...table, ...optional('resourceVersion', object.metadata.resourceVersion) });
  return sendExact(reply, TABLE_TYPE(table.version), body);
}

/** JSON with the media type exactly as given: Fastify would quote the parameters of a string body and add a charset. */
export function sendExact(reply: FastifyReply, contentType: string, body: unknown) {
  return reply.header('content-type', contentType).send(Buffer.from(JSON.stringify(body)));
}

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** `.spec.hosts` → the value at that dotted path (Istio's printer columns are simple paths). */
export function valueAt(object: unknown, jsonPath: string): unknown {
  let value: unknown = object;
  for (const part of jsonPath.split('.').filter(Boolean)) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * A CRD printer-column cell: string columns print arrays and objects as compact JSON
 * (`["reviews"]`, what Istio clusters show), dates as ages, missing values as null (blank).
 */
export function crdCell(value: unknown, type: string, now: Date): unknown {
  if (value === undefined || value === null) return null;
  if (type === 'date') return typeof value === 'string' ? ageOf(value, now) : null;
  if (type === 'string') return typeof value === 'string' ? value : JSON.stringify(value);
  return value;
}

const specs = new Map<string, TableSpec<Resource>>();

/** The Table of an Istio kind, from KINDS[].printerColumns (the same in every served version). */
export function istioTable(def: KindDefinition): TableSpec<Resource> {
  const known = specs.get(def.kind);
  if (known) return known;
  const spec: TableSpec<Resource> = {
    columns: [NAME_COLUMN, ...def.printerColumns.map((c) => column(c.name, c.type, c.description))],
    cells: (o, now) => [o.metadata.name, ...def.printerColumns.map((c) => crdCell(valueAt(o, c.jsonPath), c.type, now))],
  };
  specs.set(def.kind, spec);
  return spec;
}
