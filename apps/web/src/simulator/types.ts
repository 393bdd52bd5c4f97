// The shapes of POST /rudder/v1/simulate (apps/server/src/api/rudder/simulate.ts) as the page reads them.
import type { CorsPolicy, HTTPDirectResponse, HTTPFaultInjection, HTTPRedirect, HTTPRetry, HTTPRewrite } from '@rudder/shared/kinds';

export interface SimulateRequest {
  from: string;
  namespace?: string;
  host: string;
  port?: number;
  method: string;
  path: string;
  headers: Record<string, string>;
}

export interface SimEndpoint {
  name: string;
  workload: string;
  /** `address:port`. */
  address: string;
  health: string;
}

export interface SimDestination {
  host: string;
  subset?: string;
  /** Share of the traffic in percent (weights normalised by the server). */
  weight: number;
  port?: number;
  endpoints?: SimEndpoint[];
  policy?: { loadBalancer?: unknown };
  destinationRule?: string[];
  error?: string;
}

export interface RuleExplanation {
  ruleIndex: number;
  matches: boolean;
  matchBlocks: { index: number; failed?: string }[];
}

export interface SimActions {
  redirect?: HTTPRedirect;
  directResponse?: HTTPDirectResponse;
  rewrite?: HTTPRewrite;
  fault?: HTTPFaultInjection;
  timeout?: string;
  retries?: HTTPRetry;
  headers?: unknown;
  corsPolicy?: CorsPolicy;
  mirrors?: { host: string; subset?: string; port?: number; percentage?: number }[];
}

export type SimulateResult =
  | { result: 'no-route'; status: number; responseFlag?: string; reason: string; virtualService?: string; rules?: RuleExplanation[] }
  | { result: 'passthrough'; host: string }
  | { result: 'default-route'; destinations: SimDestination[] }
  | {
      result: 'route';
      virtualService: string;
      ruleIndex: number;
      ruleName?: string;
      matchIndex?: number;
      delegate?: { name: string; namespace: string; ruleIndex: number };
      actions: SimActions;
      destinations: SimDestination[];
      rules?: RuleExplanation[];
    };
