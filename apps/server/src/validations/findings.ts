// Findings of the cross-resource checks: Kiali's codes, wording and severities (kiali/kiali
// models/istio_validation.go checkDescriptors) and Istio's analyzer messages IST0130/IST0131
// (istio/istio pkg/config/analysis/msg/messages.yaml; IST0106/IST0133 carry the webhook's own
// errors and warnings, as istioctl analyze does). The wire types (Finding, its codes and
// severities) are @rudder/shared/protocol's; the wording and the collecting live here.
import type { Resource } from '@rudder/shared/kinds';
import type { Finding, FindingCode, Severity } from '@rudder/shared/protocol';

export type { Finding, FindingCode, Severity };

type KiaCode = Extract<FindingCode, `KIA${string}`>;

/** Kiali's message and default severity per code (models/istio_validation.go). */
export const KIALI: Record<KiaCode, { message: string; severity: Severity }> = {
  KIA0201: { message: 'More than one DestinationRules for the same host subset combination', severity: 'warning' },
  KIA0202: { message: 'This host has no matching entry in the service registry (service, workload or service entries)', severity: 'error' },
  KIA0203: { message: "This subset's labels are not found in any matching host", severity: 'error' },
  KIA0209: { message: 'This subset has not labels', severity: 'warning' },
  KIA0301: { message: 'More than one Gateway for the same host port combination', severity: 'warning' },
  KIA0302: { message: 'No matching workload found for gateway selector in this namespace', severity: 'warning' },
  KIA1101: { message: "DestinationWeight on route doesn't have a valid service (host not found)", severity: 'error' },
  KIA1102: { message: 'VirtualService is pointing to a non-existent gateway', severity: 'error' },
  KIA1104: { message: 'The weight is assumed to be 100 because there is only one route destination', severity: 'warning' },
  KIA1105: { message: 'This host subset combination is already referenced in another route destination', severity: 'warning' },
  KIA1106: { message: 'More than one Virtual Service for same host', severity: 'warning' },
  KIA1107: { message: 'Subset not found', severity: 'warning' },
  KIA1108: { message: 'Preferred nomenclature: <gateway namespace>/<gateway name>', severity: 'info' },
  KIA1211: { message: 'More than one ServiceEntry for the same host and port', severity: 'warning' },
  KIA1212: { message: 'ServiceEntries have conflicting protocols for the same host and port', severity: 'warning' },
};

/** A Kiali finding with its wording; `severity` overrides Kiali's default (ALLOW_ANY, unreferenced subsets). */
export const kiali = (code: KiaCode, field: string, severity?: Severity): Finding => ({
  code,
  severity: severity ?? KIALI[code].severity,
  message: KIALI[code].message,
  field,
});

/** `Kind/namespace/name`: the key of one resource's results. */
export const resourceKey = (r: { kind: string; metadata: { namespace: string; name: string } }): string =>
  `${r.kind}/${r.metadata.namespace}/${r.metadata.name}`;

/** Collects findings per resource, once each (Kiali merges repeated checks of one object). */
export class Findings {
  readonly byKey = new Map<string, Finding[]>();

  add(resource: Resource, finding: Finding): void {
    const key = resourceKey(resource);
    const list = this.byKey.get(key) ?? [];
    if (list.some((f) => f.code === finding.code && f.field === finding.field && f.message === finding.message)) return;
    list.push(finding);
    this.byKey.set(key, list);
  }
}

/** How a finding reads in a `Warning` header or a CLI line. */
export const describeFinding = (f: Finding): string => `${f.field}: ${f.message} (${f.code})`;
