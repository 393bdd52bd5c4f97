// What every resource kind module declares: identity, names, schema and printer
// columns. One registry (index.ts) lists them; the API, discovery, OpenAPI and the
// dashboard iterate it (STYLE.md principle 1).
import type { TObject } from '@sinclair/typebox';

export const ISTIO_GROUP = 'networking.istio.io';
/** Served versions, storage version first. istio/api generates v1beta1 and v1 as aliases of v1alpha3: one schema. */
export const ISTIO_VERSIONS = ['v1', 'v1beta1', 'v1alpha3'] as const;
export type IstioVersion = (typeof ISTIO_VERSIONS)[number];

/** A column kubectl prints for this kind (additionalPrinterColumns in Istio's CRDs). */
export interface PrinterColumn {
  name: string;
  type: 'string' | 'date' | 'integer';
  /** JSONPath-like dotted path into the object, as in the CRD (`.spec.hosts`). */
  jsonPath: string;
  description: string;
}

export interface KindDefinition<Spec extends TObject = TObject> {
  kind: string;
  group: string;
  versions: readonly string[];
  plural: string;
  singular: string;
  shortNames: readonly string[];
  categories: readonly string[];
  namespaced: boolean;
  description: string;
  spec: Spec;
  /** After NAME; AGE is placed where the CRD places it. */
  printerColumns: readonly PrinterColumn[];
  /**
   * Fields Rudder stores but its HTTP/1.1 data plane does not enforce (tcp/tls routes,
   * HTTP/2 settings): each present one is reported as a warning, never a refusal.
   */
  notEnforced?: (spec: Record<string, unknown>) => string[];
}

export const ISTIO_CATEGORIES = ['istio-io', 'networking-istio-io'] as const;

export function ageColumn(): PrinterColumn {
  return {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description:
      'CreationTimestamp is a timestamp representing the server time when this object was created.',
  };
}
