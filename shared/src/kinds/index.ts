// The one list of resource kinds. The API, kubectl discovery, OpenAPI and the
// dashboard's generic pages iterate it; nothing else names the kinds one by one.
import { destinationRule } from './destination-rule.js';
import { gateway } from './gateway.js';
import type { KindDefinition } from './kind.js';
import { serviceEntry } from './service-entry.js';
import { virtualService } from './virtual-service.js';
import { workloadEntry } from './workload-entry.js';

export const KINDS: readonly KindDefinition[] = [virtualService, destinationRule, gateway, serviceEntry, workloadEntry];

const byPlural = new Map(KINDS.map((k) => [k.plural, k]));
const byKind = new Map(KINDS.map((k) => [k.kind, k]));

export const kindByPlural = (plural: string): KindDefinition | undefined => byPlural.get(plural);
export const kindByName = (kind: string): KindDefinition | undefined => byKind.get(kind);

/** A stored resource: a Kubernetes object of one of the kinds. */
export interface Resource<Spec = Record<string, unknown>> {
  apiVersion: string;
  kind: string;
  metadata: import('./meta.js').ObjectMeta & { name: string; namespace: string };
  spec?: Spec;
  status?: Record<string, unknown>;
}

export * from './kind.js';
export * from './meta.js';
export * from './structural.js';
export * from './fields.js';
export * from './virtual-service.js';
export * from './destination-rule.js';
export * from './gateway.js';
export * from './service-entry.js';
export * from './workload-entry.js';
export * from './traffic-policy.js';
