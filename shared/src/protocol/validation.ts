// The validations API's answer (/rudder/v1/validations): per stored resource, Istio's webhook
// errors and warnings and the cross-resource findings, with Kiali's codes and severities
// (kiali/kiali models/istio_validation.go) and Istio's analyzer codes (istio/istio
// pkg/config/analysis/msg/messages.yaml). Browser-safe types; the checks live in the server.

/** Kiali's severities; its "unknown" is `info` here. */
export type Severity = 'error' | 'warning' | 'info';

export type FindingCode =
  | 'KIA0201'
  | 'KIA0202'
  | 'KIA0203'
  | 'KIA0209'
  | 'KIA0301'
  | 'KIA0302'
  | 'KIA1101'
  | 'KIA1102'
  | 'KIA1104'
  | 'KIA1105'
  | 'KIA1106'
  | 'KIA1107'
  | 'KIA1108'
  | 'KIA1211'
  | 'KIA1212'
  | 'IST0106'
  | 'IST0130'
  | 'IST0131'
  | 'IST0133';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  /** Kubernetes-style field path: `spec.http[0].route[1].destination.subset`. */
  field: string;
}

export type ValidationState = 'valid' | 'warning' | 'error';
export const VALIDATION_STATES: readonly ValidationState[] = ['valid', 'warning', 'error'];

/** GET /rudder/v1/validations/{kind}/{namespace}/{name}, and one item of the list. */
export interface ResourceValidation {
  kind: string;
  namespace: string;
  name: string;
  state: ValidationState;
  /** Istio's webhook errors on the stored object (IST0106); none unless the rules changed since it was written. */
  errors: Finding[];
  /** Istio's webhook warnings (IST0133), its analyzer's (IST0130/IST0131) and Kiali's findings with Kiali's severity. */
  warnings: Finding[];
}

/** GET /rudder/v1/validations (and each NDJSON line of `?watch=true`). */
export interface ValidationList {
  kind: 'ValidationList';
  items: ResourceValidation[];
}
