// Kiali's cross-resource checks (kiali/kiali business/checkers/*_checker.go, run together by
// business/istio_validations.go) and Istio's unreachable-rule analyzer (IST0130/IST0131), as
// one pure function over the config and the registry. Rudder shows every finding as a warning.
import type { Resource } from '@rudder/shared/kinds';
import type { MeshSettings } from '@rudder/shared/protocol';
import { buildContext, type RegistryView } from './context.js';
import { checkDestinationRules } from './destination-rules.js';
import type { Finding } from './findings.js';
import { checkGateways } from './gateways.js';
import { checkServiceEntries } from './service-entries.js';
import { checkUnreachable } from './unreachable.js';
import { checkVirtualServices } from './virtual-services.js';

export type { GatewayWorkload, RegistryView } from './context.js';
export { DEFAULT_GATEWAY } from './context.js';
export { describeFinding, type Finding, type FindingCode, resourceKey, type Severity } from './findings.js';

/** Findings by `Kind/namespace/name`; resources without findings are absent. */
export function crossChecks(
  resources: readonly Resource[],
  registry: RegistryView,
  mesh: Pick<MeshSettings, 'outboundTrafficPolicy'>,
): Map<string, Finding[]> {
  const ctx = buildContext(resources, registry, mesh);
  checkVirtualServices(ctx);
  checkDestinationRules(ctx);
  checkGateways(ctx);
  checkServiceEntries(ctx);
  checkUnreachable(ctx);
  return ctx.findings.byKey;
}
