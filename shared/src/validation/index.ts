// Istio's webhook validation (istio/istio pkg/config/validation) as pure functions: the
// semantic rules a networking.istio.io resource must pass once its structure is valid.
// Every problem is collected with its field path; Istio's warnings stay warnings.
// Node-only: regexes are compiled with the native re2, as Envoy compiles them.
import type { FieldProblem } from '../errors/index.js';
import type { DestinationRuleSpec, GatewaySpec, Resource, ServiceEntrySpec, VirtualServiceSpec, WorkloadEntrySpec } from '../kinds/index.js';
import { validateDestinationRule } from './destination-rule.js';
import { validateGateway } from './gateway.js';
import { Report } from './report.js';
import { validateServiceEntry } from './service-entry.js';
import { validateVirtualService } from './virtual-service.js';
import { validateWorkloadEntry } from './workload-entry.js';

export interface IstioValidation {
  problems: FieldProblem[];
  warnings: string[];
}

/** Annotations Istio's validateMetadata refuses on these kinds. */
const REFUSED_ANNOTATIONS: Record<string, string> = {
  'istio.io/dry-run': 'unsupported annotation istio.io/dry-run (AuthorizationPolicy only), please remove the annotation',
  'internal.istio.io/webhook-always-reject': '"internal.istio.io/webhook-always-reject" annotation found, rejecting',
  'internal.istio.io/parent-namespace': '"internal.istio.io/parent-namespace" annotation found, this may not be set by users',
  'internal.istio.io/parents': '"internal.istio.io/parents" annotation found, this may not be set by users',
};

/** validateMetadata: the dry-run annotation belongs to AuthorizationPolicy; internal annotations are Istio's own. */
function checkAnnotations(report: Report, annotations: Record<string, string> | undefined): void {
  for (const key of Object.keys(annotations ?? {})) {
    const detail = REFUSED_ANNOTATIONS[key];
    if (detail !== undefined) report.forbidden(`metadata.annotations[${key}]`, detail);
  }
}

/** The kind's validator over a spec that passed structural validation. */
function validateSpec(report: Report, resource: Resource): void {
  const { name, namespace, labels } = resource.metadata;
  const spec = resource.spec ?? {};
  switch (resource.kind) {
    case 'VirtualService':
      validateVirtualService(report, namespace, spec as VirtualServiceSpec);
      break;
    case 'DestinationRule':
      validateDestinationRule(report, namespace, spec as DestinationRuleSpec);
      break;
    case 'Gateway':
      validateGateway(report, name, spec as GatewaySpec);
      break;
    case 'ServiceEntry':
      validateServiceEntry(report, namespace, { ...spec, hosts: Array.isArray(spec.hosts) ? spec.hosts : [] } as ServiceEntrySpec, labels);
      break;
    case 'WorkloadEntry':
      validateWorkloadEntry(report, spec as WorkloadEntrySpec);
      break;
    default:
      report.notSupported('kind', resource.kind, ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'WorkloadEntry']);
  }
}

/** Istio's semantic rules for one resource: every problem with its path, and Istio's warnings. */
export function validateIstio(resource: Resource): IstioValidation {
  const report = new Report();
  checkAnnotations(report, resource.metadata.annotations);
  validateSpec(report, resource);
  return { problems: report.problems, warnings: report.warnings };
}

export { MAX_REGEX_BYTES, compileFullMatch, re2Error, validateRegex } from './regex.js';
export { firstOverlaps, hostSubsetOf, isIPAddress, isIPPrefix, validateFQDN, validateWildcardDomain } from './hosts.js';
export { isDNS1123Label, validateDuration } from './values.js';
// The unreachable-rule analysis, for Istio's analyzer messages (IST0130/IST0131) in the server's cross-checks.
export { Report } from './report.js';
export { warnUnreachable } from './unreachable.js';
