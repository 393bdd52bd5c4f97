// VirtualService HTTP sub-messages (HTTPRoute and everything it holds), from istio/api
// networking/v1alpha3/virtual_service.proto; the top level is in virtual-service.ts.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { bool, duration, enumOf, int32, message, opt, percent, str, stringList, stringMap, uint32 } from './fields.js';

/** A field the proto marks REQUIRED (the CRD lists it in `required`), with its doc string. */
export function required<T extends TSchema>(schema: T, description: string) {
  return Type.Unsafe<Static<T>>({ ...schema, description });
}

export const StringMatch = message('Describes how to match a given string in HTTP headers: exactly one of exact, prefix or regex.', {
  exact: opt(str(), 'Exact string match.'),
  prefix: opt(str(), 'Prefix-based match.'),
  regex: opt(str(), 'RE2-style regex match (https://github.com/google/re2/wiki/Syntax); it must match the whole value.'),
});
export type StringMatch = Static<typeof StringMatch>;

export const PortSelector = message('Specifies the number of a port to be used for matching or selection for final routing.', {
  number: opt(uint32(), 'Valid port number.'),
});
export type PortSelector = Static<typeof PortSelector>;

export const Destination = message(
  'Destination indicates the network addressable service to which the request/connection will be sent after processing a routing rule.',
  {
    host: required(
      str(),
      'The name of a service from the service registry (Kubernetes services or ServiceEntry hosts). A short name is qualified with the namespace of the rule, not of the service.',
    ),
    subset: opt(str(), 'The name of a subset within the service, which must be defined in a corresponding DestinationRule.'),
    port: opt(PortSelector, 'Specifies the port on the host that is being addressed; needed only if the service exposes more than one port.'),
  },
);
export type Destination = Static<typeof Destination>;

const HeaderOperations = message('Header manipulations to apply.', {
  set: opt(stringMap(), 'Overwrite the headers specified by key with the given values.'),
  add: opt(stringMap(), 'Append the given values to the headers specified by keys (comma-separated list).'),
  remove: opt(stringList(), 'Remove the specified headers.'),
});

export const Headers = message('Message headers can be manipulated when Envoy forwards requests to, or responses from, a destination service.', {
  request: opt(HeaderOperations, 'Header manipulation rules to apply before forwarding a request to the destination service.'),
  response: opt(HeaderOperations, 'Header manipulation rules to apply before returning a response to the caller.'),
});
export type Headers = Static<typeof Headers>;

const stringMatchMap = () => Type.Record(Type.String(), StringMatch);

export const HTTPMatchRequest = message(
  'A set of criteria to be met in order for the rule to be applied to the HTTP request: all conditions inside one match are ANDed.',
  {
    name: opt(str(), 'The name assigned to a match; it is concatenated with the parent route name and logged in the access logs.'),
    uri: opt(StringMatch, 'URI (path, without the query string) to match; case-sensitive unless ignoreUriCase is set.'),
    scheme: opt(StringMatch, 'URI scheme to match; case-sensitive.'),
    method: opt(StringMatch, 'HTTP method to match; case-sensitive.'),
    authority: opt(StringMatch, 'HTTP authority (Host header) to match; case-sensitive.'),
    headers: opt(
      stringMatchMap(),
      'The request headers to match, keyed by lower-case header name; an empty match means the header must be present.',
    ),
    port: opt(uint32(), 'Specifies the ports on the host that is being addressed.'),
    sourceLabels: opt(
      stringMap(),
      'One or more labels that constrain the applicability of a rule to source (client) workloads with the given labels.',
    ),
    gateways: opt(stringList(), 'Names of gateways where the rule should be applied; overrides the top-level gateways for this match.'),
    queryParams: opt(stringMatchMap(), 'Query parameters to match, keyed by parameter name.'),
    ignoreUriCase: opt(bool(), 'Whether the URI matching should be case-insensitive (exact and prefix only).'),
    withoutHeaders: opt(stringMatchMap(), 'Same syntax as headers with the opposite meaning: the match fails if the condition holds.'),
    sourceNamespace: opt(str(), 'Source namespace constraining the applicability of a rule to workloads in that namespace.'),
    statPrefix: opt(str(), 'The human-readable prefix to use when emitting statistics for this route.'),
  },
);
export type HTTPMatchRequest = Static<typeof HTTPMatchRequest>;

export const HTTPRouteDestination = message(
  'Each routing rule is associated with one or more service versions, with a weight giving the share of traffic each receives.',
  {
    destination: required(Destination, 'Destination uniquely identifies the instances of a service to which the request should be forwarded.'),
    weight: opt(int32(), 'The relative proportion of traffic to be forwarded to the destination; an absent or zero weight gets no traffic when there are several destinations.'),
    headers: opt(Headers, 'Header manipulation rules applied for this destination, after the route-level ones.'),
  },
);
export type HTTPRouteDestination = Static<typeof HTTPRouteDestination>;

export const HTTPRedirect = message('Sends a redirect response (301 by default) to the caller instead of forwarding the request.', {
  uri: opt(str(), 'On a redirect, overwrite the path portion of the URL with this value.'),
  authority: opt(str(), 'On a redirect, overwrite the authority/host portion of the URL with this value.'),
  port: opt(uint32(), 'On a redirect, overwrite the port portion of the URL with this value.'),
  derivePort: opt(
    enumOf(['FROM_PROTOCOL_DEFAULT', 'FROM_REQUEST_PORT'] as const),
    'On a redirect, set the port dynamically: FROM_PROTOCOL_DEFAULT (80 for HTTP, 443 for HTTPS) or FROM_REQUEST_PORT (the port of the request).',
  ),
  scheme: opt(str(), 'On a redirect, overwrite the scheme portion of the URL with this value (http or https).'),
  redirectCode: opt(uint32(), 'On a redirect, the HTTP status code to use in the redirect response (default 301).'),
  prefixRewrite: opt(str(), 'On a redirect, replace only the matched URI prefix with this value; every uri match of the route must be a prefix match.'),
});
export type HTTPRedirect = Static<typeof HTTPRedirect>;

export const HTTPDirectResponse = message('Answers the request directly with a fixed status and optional body, without forwarding it.', {
  status: required(uint32(), 'The HTTP response status to return.'),
  body: opt(
    message('The content of the response body: exactly one of string or bytes.', {
      string: opt(str(), 'Response body as a string.'),
      bytes: opt(Type.String({ format: 'byte' }), 'Response body as base64-encoded bytes.'),
    }),
    'Specifies the content of the response body.',
  ),
});
export type HTTPDirectResponse = Static<typeof HTTPDirectResponse>;

export const HTTPRewrite = message('Rewrites parts of the request (path, authority) before forwarding it to the destination.', {
  uri: opt(str(), 'Rewrite the path (or the matched prefix) portion of the URI with this value.'),
  authority: opt(str(), 'Rewrite the Authority/Host header with this value.'),
  uriRegexRewrite: opt(
    message('Regex-based rewrite of the path.', {
      match: opt(str(), 'RE2-style regex to match against the path.'),
      rewrite: opt(str(), 'The replacement for the matched portions of the path; capture groups are written \\1.'),
    }),
    'Rewrite the path portion of the URI with the specified regex; cannot be combined with uri.',
  ),
});
export type HTTPRewrite = Static<typeof HTTPRewrite>;

export const HTTPRetry = message('Retry policy to use when an HTTP request fails.', {
  attempts: opt(int32(), 'Number of retries allowed for a request (0 disables retries).'),
  perTryTimeout: opt(duration(), 'Timeout per attempt, including the initial call and every retry (at least 1ms).'),
  retryOn: opt(str(), 'Comma-separated conditions (Envoy retry policies and/or HTTP status codes) under which a retry takes place.'),
  retryRemoteLocalities: opt(bool(), 'Whether retries may go to endpoints in other localities.'),
  retryIgnorePreviousHosts: opt(bool(), 'Whether retries should avoid previously tried hosts (default true).'),
  backoff: opt(duration(), 'The base interval between retry attempts (exponential back-off with jitter).'),
});
export type HTTPRetry = Static<typeof HTTPRetry>;

export const HTTPFaultInjection = message(
  'Fault injection on the client side of the route: delays and/or aborts a share of the requests, independently.',
  {
    delay: opt(
      message('Delay requests before forwarding, emulating network issues or an overloaded upstream.', {
        percent: opt(int32(), 'Deprecated: percentage of requests to delay (0-100); use percentage.'),
        fixedDelay: opt(duration(), 'Add a fixed delay before forwarding the request (at least 1ms).'),
        exponentialDelay: opt(duration(), 'Add an exponential delay before forwarding the request (not supported by Istio).'),
        percentage: opt(percent(), 'Percentage of requests on which the delay is injected.'),
      }),
      'Delay requests before forwarding.',
    ),
    abort: opt(
      message('Abort requests and return an error code to the caller, as if the upstream were faulty.', {
        httpStatus: opt(int32(), 'HTTP status code to use to abort the request.'),
        grpcStatus: opt(str(), 'gRPC status code name (e.g. UNAVAILABLE) to use to abort the request.'),
        http2Error: opt(str(), 'HTTP/2 error to use to abort the request (not supported by Istio).'),
        percentage: opt(percent(), 'Percentage of requests to be aborted with the given error code.'),
      }),
      'Abort requests and return error codes to the caller.',
    ),
  },
);
export type HTTPFaultInjection = Static<typeof HTTPFaultInjection>;

export const CorsPolicy = message('Cross-Origin Resource Sharing (CORS) policy for the route.', {
  allowOrigin: opt(stringList(), 'Deprecated: exact origins allowed to perform CORS requests; use allowOrigins.'),
  allowOrigins: opt(Type.Array(StringMatch), 'String patterns that match allowed origins; a matching origin is echoed in Access-Control-Allow-Origin.'),
  allowMethods: opt(stringList(), 'HTTP methods allowed to access the resource (Access-Control-Allow-Methods).'),
  allowHeaders: opt(stringList(), 'HTTP headers that can be used when requesting the resource (Access-Control-Allow-Headers).'),
  exposeHeaders: opt(stringList(), 'HTTP headers that browsers are allowed to access (Access-Control-Expose-Headers).'),
  maxAge: opt(duration(), 'How long the results of a preflight request can be cached (Access-Control-Max-Age).'),
  allowCredentials: opt(bool(), 'Whether the caller may send the actual request (not the preflight) with credentials.'),
  unmatchedPreflights: opt(
    enumOf(['UNSPECIFIED', 'FORWARD', 'IGNORE'] as const),
    'What to do with preflight requests whose origin does not match: FORWARD them upstream (default) or IGNORE them.',
  ),
});
export type CorsPolicy = Static<typeof CorsPolicy>;

export const HTTPMirrorPolicy = message('A destination to mirror HTTP traffic to, in addition to the original destination.', {
  destination: required(Destination, 'The target of the mirror operation.'),
  percentage: opt(percent(), 'Percentage of the traffic to be mirrored to this destination; absent means 100%.'),
});
export type HTTPMirrorPolicy = Static<typeof HTTPMirrorPolicy>;

export const Delegate = message('The delegate VirtualService whose HTTP routes are merged into this route.', {
  name: opt(str(), 'The name of the delegate VirtualService.'),
  namespace: opt(str(), "The namespace of the delegate VirtualService; defaults to the root's namespace."),
});
export type Delegate = Static<typeof Delegate>;

export const HTTPRoute = message('Match conditions and actions for routing HTTP/1.1, HTTP/2 and gRPC traffic.', {
  name: opt(str(), 'The name assigned to the route for debugging; it is logged in the access logs.'),
  match: opt(Type.Array(HTTPMatchRequest), 'Match conditions for the rule: the list is ORed, the conditions inside one match are ANDed.'),
  route: opt(Type.Array(HTTPRouteDestination), 'The weighted destinations to forward the traffic to.'),
  redirect: opt(HTTPRedirect, 'Send a redirect instead of forwarding the traffic.'),
  directResponse: opt(HTTPDirectResponse, 'Answer the request directly instead of forwarding or redirecting it.'),
  delegate: opt(Delegate, 'The VirtualService whose routes define this route; only when route, redirect and directResponse are empty.'),
  rewrite: opt(HTTPRewrite, 'Rewrite the URI and Authority header before forwarding; cannot be used with redirect.'),
  timeout: opt(duration(), 'Timeout for HTTP requests, retries included; default is disabled.'),
  retries: opt(HTTPRetry, 'Retry policy for HTTP requests.'),
  fault: opt(HTTPFaultInjection, 'Fault injection policy applied to the HTTP traffic at the client side.'),
  mirror: opt(Destination, 'Mirror the HTTP traffic to another destination too, on a best-effort, fire-and-forget basis.'),
  mirrors: opt(Type.Array(HTTPMirrorPolicy), 'Destinations to mirror the HTTP traffic to, each with its own percentage; not with mirror.'),
  mirrorPercent: opt(uint32(), 'Deprecated: integer percentage of the traffic mirrored by mirror; use mirrorPercentage.'),
  mirror_percent: opt(uint32(), 'Deprecated: the proto field name of mirrorPercent; use mirrorPercentage.'),
  mirrorPercentage: opt(percent(), 'Percentage of the traffic to be mirrored by the mirror field; absent means 100%.'),
  corsPolicy: opt(CorsPolicy, 'Cross-Origin Resource Sharing (CORS) policy.'),
  headers: opt(Headers, 'Header manipulation rules for all destinations of the route.'),
});
export type HTTPRoute = Static<typeof HTTPRoute>;
