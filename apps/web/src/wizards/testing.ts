// A wizard context for the unit tests: Bookinfo's reviews as the baseline scenario leaves it.
import { kindByName, type Resource, validateStructure } from '@rudder/shared/kinds';
import type { WizardContext } from './model.js';

export const baselineReviewsRule: Resource = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'reviews', namespace: 'default', resourceVersion: '7' },
  spec: { host: 'reviews', subsets: ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } })) },
};

export const reviews = (live: WizardContext['live'] = { dr: baselineReviewsRule }): WizardContext => ({ namespace: 'default', service: 'reviews', subsets: ['v1', 'v2', 'v3'], live });

/** Schema problems of what a wizard wrote (none expected), as `Kind: field: message`. */
export function schemaProblems(resources: readonly Resource[]): string[] {
  return resources.flatMap((r) => {
    const def = kindByName(r.kind);
    if (!def) return [`${r.kind}: unknown kind`];
    return validateStructure(def, r).problems.map((p) => `${r.kind}: ${p.field}: ${p.message}`);
  });
}
