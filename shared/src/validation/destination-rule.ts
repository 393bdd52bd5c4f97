// DestinationRule semantic rules (validation.go ValidateDestinationRule, validateSubset,
// validateExportTo, validateWorkloadSelector); traffic policies in traffic-policy.ts.
import type { DestinationRuleSpec } from '../kinds/index.js';
import { validateWildcardDomain } from './hosts.js';
import { at, child, type Report } from './report.js';
import { checkTrafficPolicy } from './traffic-policy.js';
import { checkExportTo, checkLabels, checkSelectorLabels } from './values.js';
import { checkSubsetName } from './vs-refs.js';

/** ValidateDestinationRule */
export function validateDestinationRule(report: Report, namespace: string, dr: DestinationRuleSpec): void {
  const host = dr.host ?? '';
  if (host === '') report.required('spec.host', 'host is required');
  else report.check('spec.host', host, validateWildcardDomain(host));
  checkTrafficPolicy(report, 'spec.trafficPolicy', namespace, dr.trafficPolicy);

  const names = new Set<string>();
  dr.subsets?.forEach((subset, i) => {
    const path = at('spec.subsets', i);
    if (subset.name !== undefined && names.has(subset.name)) report.duplicate(child(path, 'name'), subset.name, 'duplicate subset names');
    if (subset.name !== undefined) names.add(subset.name);
    // validateSubset
    checkSubsetName(report, child(path, 'name'), subset.name);
    checkLabels(report, child(path, 'labels'), subset.labels);
    checkTrafficPolicy(report, child(path, 'trafficPolicy'), namespace, subset.trafficPolicy);
  });

  checkExportTo(report, 'spec.exportTo', namespace, dr.exportTo, { withSelector: dr.workloadSelector !== undefined });
  if (dr.workloadSelector !== undefined) {
    checkSelectorLabels(report, 'spec.workloadSelector.matchLabels', dr.workloadSelector.matchLabels, 'workload selector specified without labels');
  }
}
