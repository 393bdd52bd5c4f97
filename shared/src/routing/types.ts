// The compiled route table and the request/result shapes of the matcher: what the proxy
// and the server's simulator share (DESIGN.md "The proxy pipeline", steps 1-2 and 5).
import type {
  Destination,
  Headers,
  HTTPMatchRequest,
  HTTPRoute,
  Resource,
  Subset,
  VirtualServiceSpec,
} from '../kinds/index.js';
import type { TrafficPolicy } from '../kinds/traffic-policy.js';
import type { MeshSettings } from '../protocol/config.js';
import type { Endpoint, ResolvedService } from '../protocol/registry.js';
import type { CompiledStringMatch } from './string-match.js';

/** One HTTPMatchRequest, compiled (regexes built, names lower-cased, gateways resolved). */
export interface CompiledMatch {
  /** Position in the rule's `match` list (after delegate merging). */
  readonly index: number;
  readonly name?: string;
  readonly uri?: CompiledStringMatch;
  readonly ignoreUriCase: boolean;
  readonly scheme?: CompiledStringMatch;
  readonly method?: CompiledStringMatch;
  readonly authority?: CompiledStringMatch;
  readonly headers: readonly (readonly [string, CompiledStringMatch])[];
  readonly withoutHeaders: readonly (readonly [string, CompiledStringMatch])[];
  readonly queryParams: readonly (readonly [string, CompiledStringMatch])[];
  readonly port?: number;
  readonly sourceLabels: readonly (readonly [string, string])[];
  readonly sourceNamespace?: string;
  /** `ns/name` or `mesh`; empty when the match does not override the VirtualService's gateways. */
  readonly gateways: readonly string[];
  /** Istio's IsCatchAllRoute: path prefix `/` (or regex `.*`) with no header or query condition. */
  readonly catchAll: boolean;
  readonly spec: HTTPMatchRequest;
}

/** A weighted destination with its host qualified in the rule's namespace. */
export interface WeightedDestination {
  readonly host: string;
  readonly subset?: string;
  readonly port?: number;
  readonly weight: number;
  /** Running total of weights up to and including this one (for the weighted pick). */
  readonly upTo: number;
  readonly headers?: Headers;
  readonly destination: Destination;
}

/** One `http[]` rule after delegate merging; `spec` is the merged rule with destination and mirror hosts qualified. */
export interface CompiledRule {
  /** Index in the root VirtualService's `spec.http`. */
  readonly ruleIndex: number;
  /** Set when the rule came from a delegate VirtualService. */
  readonly delegate?: { readonly name: string; readonly namespace: string; readonly ruleIndex: number };
  readonly name?: string;
  readonly spec: HTTPRoute;
  /** Empty: the rule matches every request. */
  readonly matches: readonly CompiledMatch[];
  /** Destinations that can receive traffic (weight-0 ones dropped when there are several). */
  readonly destinations: readonly WeightedDestination[];
  readonly totalWeight: number;
  /** corsPolicy as Istio hands it to Envoy's CORS filter (route.go TranslateCORSPolicy). */
  readonly cors?: CompiledCors;
  /** Mirror targets with hosts qualified (`mirror` and `mirrors`). */
  readonly mirrors: readonly { readonly host: string; readonly subset?: string; readonly port?: number; readonly percentage?: number }[];
}

/** Envoy's CorsPolicy: origins as string matchers, the lists joined with `,`, maxAge in whole seconds. */
export interface CompiledCors {
  readonly allowOrigins: readonly CompiledStringMatch[];
  readonly allowMethods: string;
  readonly allowHeaders: string;
  readonly exposeHeaders: string;
  readonly maxAge: string;
  readonly allowCredentials: boolean;
  /** unmatchedPreflights FORWARD (the default) or IGNORE (answered here, without CORS headers). */
  readonly forwardNotMatchingPreflights: boolean;
}

export interface CompiledVirtualService {
  readonly name: string;
  readonly namespace: string;
  /** `namespace/name`. */
  readonly key: string;
  /** Fully qualified, lower-cased. */
  readonly hosts: readonly string[];
  /** `ns/name` of each bound gateway, or `mesh`. */
  readonly gateways: readonly string[];
  /** Namespaces that may see it; undefined means all. */
  readonly exportTo?: ReadonlySet<string>;
  readonly rules: readonly CompiledRule[];
  readonly resource: Resource<VirtualServiceSpec>;
}

/** An Envoy route: one (rule, match) pair; a rule without matches yields one entry without match. */
export interface RouteEntry {
  readonly virtualService: CompiledVirtualService;
  readonly rule: CompiledRule;
  readonly match?: CompiledMatch;
  readonly catchAll: boolean;
  /** At a gateway, the Gateway server port the route was built for (HTTPRedirect derivePort FROM_REQUEST_PORT). */
  readonly port?: number;
}

export interface CompiledServer {
  readonly port: number;
  readonly protocol: string;
  readonly hosts: readonly string[];
  readonly httpsRedirect: boolean;
}

export interface CompiledGateway {
  readonly name: string;
  readonly namespace: string;
  readonly key: string;
  readonly selector: Readonly<Record<string, string>>;
  /** HTTP servers on 80 or 8080, both served by Rudder's gateway listener. */
  readonly servers: readonly CompiledServer[];
}

/** The routes one set of gateways serves: virtual hosts by domain, as Envoy selects them. */
export interface GatewayContext {
  readonly gateways: readonly CompiledGateway[];
  readonly exact: ReadonlyMap<string, readonly RouteEntry[]>;
  /** Wildcard domains, most specific first, `*` last. */
  readonly wildcards: readonly (readonly [string, readonly RouteEntry[]])[];
}

/** What a sidecar sees: mesh-bound VirtualServices by host, each with its mesh routes. */
export interface SidecarIndex {
  /** Exact host → VirtualServices, oldest first (the oldest visible one wins). */
  readonly exact: ReadonlyMap<string, readonly CompiledVirtualService[]>;
  /** Wildcard hosts, most specific first then oldest. */
  readonly wildcards: readonly (readonly [string, CompiledVirtualService])[];
  /** Routes per VirtualService key for the `mesh` gateway. */
  readonly routes: ReadonlyMap<string, readonly RouteEntry[]>;
}

/** DestinationRules for one host in one namespace, merged as Istio merges them (oldest first). */
export interface CompiledDestinationRule {
  readonly host: string;
  readonly namespace: string;
  /** Names of the merged rules, oldest first. */
  readonly names: readonly string[];
  readonly trafficPolicy?: TrafficPolicy;
  readonly subsets: readonly Subset[];
  readonly exportTo?: ReadonlySet<string>;
  /** Client workload labels it is limited to (never merged with other rules). */
  readonly workloadSelector?: Readonly<Record<string, string>>;
}

export interface NamespaceRules {
  readonly exact: ReadonlyMap<string, readonly CompiledDestinationRule[]>;
  /** Wildcard hosts, most specific first. */
  readonly wildcards: readonly (readonly [string, readonly CompiledDestinationRule[]])[];
}

export interface DestinationRuleIndex {
  readonly byNamespace: ReadonlyMap<string, NamespaceRules>;
  /** Istio's root namespace (`istio-system`): its exported rules apply mesh-wide. */
  readonly rootNamespace: string;
}

export interface ServiceIndex {
  readonly exact: ReadonlyMap<string, ResolvedService>;
  readonly wildcards: readonly (readonly [string, ResolvedService])[];
}

/** An immutable, compiled snapshot: build once per config version, share between requests. */
export interface RouteTable {
  readonly version: string;
  readonly mesh: MeshSettings;
  /** Root VirtualServices (with hosts) by `ns/name`, delegates merged in. */
  readonly virtualServices: ReadonlyMap<string, CompiledVirtualService>;
  readonly gateways: ReadonlyMap<string, CompiledGateway>;
  readonly services: ServiceIndex;
  readonly destinationRules: DestinationRuleIndex;
  readonly sidecar: SidecarIndex;
  /** Non-fatal findings (missing delegate, conflicting delegate match, duplicate mesh host…). */
  readonly warnings: readonly string[];
  /** Gateway contexts built on first use per (gateway set, proxy namespace); an internal cache. */
  readonly gatewayContexts: Map<string, GatewayContext>;
  /** The same cache keyed by the listener object, so a proxy's listener resolves without allocating. */
  readonly listenerContexts: WeakMap<object, GatewayContext>;
  /** VirtualServices bound to each gateway (`ns/name`), oldest first. */
  readonly byGateway: ReadonlyMap<string, readonly CompiledVirtualService[]>;
  /** resolveDestination results per (host, port, subset, client namespace); an internal cache. */
  readonly destinationCache: Map<string, ResolvedDestination | null>;
}

/** A route destination resolved against the registry and DestinationRules (DESIGN.md step 5). */
export interface ResolvedDestination {
  readonly host: string;
  readonly service: ResolvedService;
  /** The destination port: as written, else the service's only port, else the listener port. */
  readonly port: number | undefined;
  readonly subset?: string;
  /** The service's endpoints, narrowed to the subset's labels. */
  readonly endpoints: readonly Endpoint[];
  /** Effective TrafficPolicy for this port and subset (no portLevelSettings left). */
  readonly policy: TrafficPolicy;
  /** `host|port|subset|<policy hash>`: the key per-destination state lives under. */
  readonly policyKey: string;
  readonly destinationRule?: CompiledDestinationRule;
}

/** Who is calling: the ingress gateway (by names or by its pod labels) or a sidecar's workload. */
export type ListenerContext =
  | {
      readonly kind: 'gateway';
      /** `ns/name` of the Gateway resources served; a bare name means `default/<name>`. */
      readonly gateways?: readonly string[];
      /**
       * Gateway pod labels: matched against Gateway `selector` when `gateways` is absent
       * (default `istio: ingressgateway`), and the client labels for `sourceLabels` matches.
       */
      readonly labels?: Readonly<Record<string, string>>;
      /** Namespace the gateway runs in (VirtualService `exportTo`); unchecked when absent. */
      readonly namespace?: string;
    }
  | { readonly kind: 'sidecar'; readonly namespace: string; readonly labels: Readonly<Record<string, string>> };

export interface RouteRequest {
  readonly listener: ListenerContext;
  /** Host header, or the authority of an absolute-form request target; may carry a port. */
  readonly host: string;
  /** Port the request was addressed to (service port at a sidecar, server port at the gateway). */
  readonly port?: number;
  readonly method: string;
  /** Path with query (origin form); an absolute-form target is accepted too. */
  readonly path: string;
  readonly scheme?: string;
  /** Lower-cased header names; repeated headers as arrays (joined with `,` as Envoy does). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Client namespace when it differs from the listener's (defaults to the sidecar's namespace). */
  readonly sourceNamespace?: string;
}

export type NoRouteReason = 'no-gateway' | 'gateway-host-unbound' | 'no-matching-rule' | 'registry-only';

export type RouteMatch =
  | {
      readonly kind: 'route';
      readonly virtualService: CompiledVirtualService;
      readonly ruleIndex: number;
      readonly rule: CompiledRule;
      /** The match that fired (undefined for a rule without matches). */
      readonly match?: CompiledMatch;
      /** The VirtualService host (or gateway virtual host domain) that selected it. */
      readonly host: string;
      /** At a gateway, the Gateway server port of the route (Istio builds gateway routes per server port). */
      readonly serverPort?: number;
    }
  | { readonly kind: 'default'; readonly service: ResolvedService; readonly host: string }
  | { readonly kind: 'passthrough'; readonly host: string }
  | {
      readonly kind: 'no-route';
      readonly reason: NoRouteReason;
      /** 404 with response flag NR, or 502 for REGISTRY_ONLY (Istio's block_all route). */
      readonly status: 404 | 502;
      readonly responseFlag?: 'NR';
      readonly virtualService?: CompiledVirtualService;
    };
