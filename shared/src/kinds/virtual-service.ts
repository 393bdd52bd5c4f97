// VirtualService: routing rules applied when a host is addressed. Fields from istio/api
// networking/v1alpha3/virtual_service.proto (HTTP sub-messages in virtual-service-http.ts).
import { Type, type Static } from '@sinclair/typebox';
import { ageColumn, ISTIO_CATEGORIES, ISTIO_GROUP, ISTIO_VERSIONS, type KindDefinition } from './kind.js';
import { int32, message, opt, str, stringList, stringMap, uint32 } from './fields.js';
import { Destination, HTTPRoute, required } from './virtual-service-http.js';

export {
  CorsPolicy,
  Delegate,
  Destination,
  Headers,
  HTTPDirectResponse,
  HTTPFaultInjection,
  HTTPMatchRequest,
  HTTPMirrorPolicy,
  HTTPRedirect,
  HTTPRetry,
  HTTPRewrite,
  HTTPRoute,
  HTTPRouteDestination,
  PortSelector,
  StringMatch,
} from './virtual-service-http.js';

export const RouteDestination = message('L4 routing rule destination, with the share of the connections it receives.', {
  destination: required(Destination, 'Destination uniquely identifies the instances of a service to which the connection should be forwarded.'),
  weight: opt(int32(), 'The relative proportion of connections to be forwarded to the destination.'),
});
export type RouteDestination = Static<typeof RouteDestination>;

/** Match fields shared by TCP (L4MatchAttributes) and TLS (TLSMatchAttributes) routes. */
const l4MatchFields = {
  destinationSubnets: opt(stringList(), 'IPv4 or IPv6 addresses of the destination, with optional subnet (a.b.c.d/xx).'),
  port: opt(uint32(), 'Specifies the port on the host that is being addressed.'),
  sourceLabels: opt(stringMap(), 'One or more labels that constrain the applicability of a rule to workloads with the given labels.'),
  gateways: opt(stringList(), 'Names of gateways where the rule should be applied; overrides the top-level gateways for this match.'),
  sourceNamespace: opt(str(), 'Source namespace constraining the applicability of a rule to workloads in that namespace.'),
};

export const L4MatchAttributes = message('L4 connection match attributes.', {
  ...l4MatchFields,
  sourceSubnet: opt(str(), 'IPv4 or IPv6 address of the source, with optional subnet (a.b.c.d/xx).'),
});
export type L4MatchAttributes = Static<typeof L4MatchAttributes>;

export const TLSMatchAttributes = message('TLS connection match attributes.', {
  sniHosts: required(stringList(), 'SNI (server name indicator) values to match on; each must fall within the VirtualService hosts.'),
  ...l4MatchFields,
});
export type TLSMatchAttributes = Static<typeof TLSMatchAttributes>;

export const TCPRoute = message('Match conditions and actions for routing opaque TCP traffic.', {
  match: opt(Type.Array(L4MatchAttributes), 'Match conditions to be satisfied for the rule to be activated (ORed).'),
  route: opt(Type.Array(RouteDestination), 'The destinations to which the connection should be forwarded.'),
});
export type TCPRoute = Static<typeof TCPRoute>;

export const TLSRoute = message('Match conditions and actions for routing unterminated TLS traffic, typically by SNI.', {
  match: required(Type.Array(TLSMatchAttributes), 'Match conditions to be satisfied for the rule to be activated (ORed).'),
  route: opt(Type.Array(RouteDestination), 'The destinations to which the connection should be forwarded.'),
});
export type TLSRoute = Static<typeof TLSRoute>;

export const VirtualServiceSpec = message(
  'Configuration affecting label/content routing, sni routing, etc. See more details at: https://istio.io/docs/reference/config/networking/virtual-service.html',
  {
    hosts: opt(
      stringList(),
      'The destination hosts to which traffic is being sent: DNS names (wildcard prefix allowed), IP addresses or short names qualified with the rule namespace. Empty for a delegate VirtualService.',
    ),
    gateways: opt(
      stringList(),
      'The names of gateways and sidecars that should apply these routes, as <namespace>/<name>; the reserved name mesh means all sidecars and is the default.',
    ),
    http: opt(Type.Array(HTTPRoute), 'An ordered list of route rules for HTTP traffic; the first rule matching a request is used.'),
    tls: opt(Type.Array(TLSRoute), 'An ordered list of route rules for non-terminated TLS and HTTPS traffic, routed by SNI.'),
    tcp: opt(Type.Array(TCPRoute), 'An ordered list of route rules for opaque TCP traffic.'),
    exportTo: opt(
      stringList(),
      'The namespaces to which this virtual service is exported: "." for its own namespace, "*" for all (the default).',
    ),
  },
);
export type VirtualServiceSpec = Static<typeof VirtualServiceSpec>;

const NOT_ENFORCED = "stored but not enforced by Rudder's HTTP/1.1 data plane";

function isNonEmptyArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.length > 0;
}

/** Warnings for the stored-but-not-enforced parts of a spec: L4 routes and non-HTTP abort codes. */
export function virtualServiceNotEnforced(spec: Record<string, unknown>): string[] {
  const warnings: string[] = [];
  if (isNonEmptyArray(spec.tcp)) warnings.push(`spec.tcp: TCP routes are ${NOT_ENFORCED}`);
  if (isNonEmptyArray(spec.tls)) warnings.push(`spec.tls: TLS routes are ${NOT_ENFORCED}`);
  if (Array.isArray(spec.http)) {
    spec.http.forEach((route: unknown, i) => {
      const abort = (route as Partial<HTTPRoute> | null)?.fault?.abort;
      if (abort?.grpcStatus !== undefined) {
        warnings.push(`spec.http[${i}].fault.abort.grpcStatus: gRPC abort statuses are ${NOT_ENFORCED}`);
      }
      if (abort?.http2Error !== undefined) {
        warnings.push(`spec.http[${i}].fault.abort.http2Error: HTTP/2 abort errors are ${NOT_ENFORCED}`);
      }
    });
  }
  return warnings;
}

export const virtualService: KindDefinition<typeof VirtualServiceSpec> = {
  kind: 'VirtualService',
  group: ISTIO_GROUP,
  versions: ISTIO_VERSIONS,
  plural: 'virtualservices',
  singular: 'virtualservice',
  shortNames: ['vs'],
  categories: ISTIO_CATEGORIES,
  namespaced: true,
  description: VirtualServiceSpec.description ?? '',
  spec: VirtualServiceSpec,
  printerColumns: [
    { name: 'Gateways', type: 'string', jsonPath: '.spec.gateways', description: 'The names of gateways and sidecars that should apply these routes' },
    { name: 'Hosts', type: 'string', jsonPath: '.spec.hosts', description: 'The destination hosts to which traffic is being sent' },
    ageColumn(),
  ],
  notEnforced: virtualServiceNotEnforced,
};
