// Routing core shared by the proxy and the server's simulator: host qualification and
// matching, the route-table compiler, the request matcher and destination resolution.
// Node-only: regexes are compiled with the native re2 (RE2 semantics, as in Envoy).
export {
  hostAliases,
  hostIntersection,
  hostMatches,
  hostSubsetOf,
  qualifyHost,
  resolveGatewayName,
  sidecarHostCandidates,
  splitAuthority,
} from './hosts.js';
export { compileRouteTable, RouteCompileError } from './compile.js';
export { matchRoute } from './match.js';
export { hashPolicy, pickDestination, type ResolveOptions, resolveDestination } from './destination.js';
export { type DestinationClient, effectivePolicy, findDestinationRule, ROOT_NAMESPACE } from './destination-rules.js';
export { mergeHTTPRoutes } from './delegate.js';
export { DEFAULT_GATEWAY_LABELS, GATEWAY_PORTS } from './gateways.js';
export { type CompiledStringMatch, compileFullMatch, compileStringMatch, matchValue, RegexError } from './string-match.js';
export type * from './types.js';
export { explainRules, firstFailure, type RuleExplanation } from './explain.js';
