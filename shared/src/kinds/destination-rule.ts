// DestinationRule: policies applied to traffic for a service after routing (load balancing,
// connection pool, outlier detection, TLS, subsets). From istio/api networking/v1alpha3/destination_rule.proto.
import { Type, type Static } from '@sinclair/typebox';
import { ageColumn, ISTIO_CATEGORIES, ISTIO_GROUP, ISTIO_VERSIONS, type KindDefinition } from './kind.js';
import { message, opt, str, stringList, stringMap, workloadSelector } from './fields.js';
import { TrafficPolicy, trafficPolicyNotEnforced } from './traffic-policy.js';

export const Subset = message('A named set of endpoints of the service (usually one version), with its own traffic policy.', {
  name: str('Name of the subset, used with the host in route destinations.'),
  labels: opt(stringMap(), 'Labels that select the subset\'s endpoints in the service registry.'),
  trafficPolicy: opt(TrafficPolicy, 'Policy for this subset; each section it sets replaces the rule-level one.'),
});
export type Subset = Static<typeof Subset>;

export const DestinationRuleSpec = message(
  'Configuration affecting load balancing, outlier detection, etc. See more details at: https://istio.io/docs/reference/config/networking/destination-rule.html',
  {
    host: str('Service name from the registry (Kubernetes service or ServiceEntry host); short names resolve in the rule\'s namespace.'),
    trafficPolicy: opt(TrafficPolicy, 'Traffic policy for the destination: load balancing, connection pool, outlier detection, TLS.'),
    subsets: opt(Type.Array(Subset), 'Named subsets (versions) of the service; each may override the traffic policy.'),
    exportTo: opt(stringList(), 'Namespaces this rule is visible to: "." is its own namespace, "*" (the default) all.'),
    workloadSelector: opt(
      workloadSelector('Client workloads in the rule\'s namespace it applies to.'),
      'Limits the rule to client workloads in its namespace with these labels; all workloads if omitted.',
    ),
  },
);
export type DestinationRuleSpec = Static<typeof DestinationRuleSpec>;

/** Settings the HTTP/1.1 data plane ignores, at rule level and per subset (each with its portLevelSettings). */
function destinationRuleNotEnforced(spec: Record<string, unknown>): string[] {
  const subsets: unknown[] = Array.isArray(spec.subsets) ? spec.subsets : [];
  return [
    ...trafficPolicyNotEnforced(spec.trafficPolicy, 'spec.trafficPolicy'),
    ...subsets.flatMap((subset, i) =>
      trafficPolicyNotEnforced((subset as { trafficPolicy?: unknown } | null)?.trafficPolicy, `spec.subsets[${i}].trafficPolicy`),
    ),
  ];
}

export const destinationRule: KindDefinition<typeof DestinationRuleSpec> = {
  kind: 'DestinationRule',
  group: ISTIO_GROUP,
  versions: ISTIO_VERSIONS,
  plural: 'destinationrules',
  singular: 'destinationrule',
  shortNames: ['dr'],
  categories: ISTIO_CATEGORIES,
  namespaced: true,
  description: DestinationRuleSpec.description ?? '',
  spec: DestinationRuleSpec,
  printerColumns: [
    { name: 'Host', type: 'string', jsonPath: '.spec.host', description: 'The name of a service from the service registry' },
    ageColumn(),
  ],
  notEnforced: destinationRuleNotEnforced,
};
