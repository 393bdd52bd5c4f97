// Shapes of the /rudder/v1 answers the dashboard reads (the server's own types live in the
// server; the wire types shared with proxies come from @rudder/shared/protocol).
import type { DestinationView, Instance, MetricsPoint, MetricsResult, MetricsSelector, ProxyStatus, RegistryService, Span, SpanNode, TraceDetail, TraceSummary, Workload } from '@rudder/shared/protocol';

export type { DestinationView, Instance, MetricsPoint, MetricsResult, MetricsSelector, ProxyStatus, RegistryService, Span, SpanNode, TraceDetail, TraceSummary, Workload };

export interface Whoami {
  name: string;
  role: 'viewer' | 'editor';
}

export interface RegistryState {
  services: RegistryService[];
  workloads: Workload[];
  instances: Instance[];
}

export type ReportedView = DestinationView & { proxy: string; reportedAt: number };


export interface Finding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  field: string;
}

export interface ResourceValidation {
  kind: string;
  namespace: string;
  name: string;
  state: 'valid' | 'warning' | 'error';
  errors: Finding[];
  warnings: Finding[];
}

export interface Scenario {
  id: string;
  title: string;
  section: string;
  summary: string;
  lookFor: string[];
  istioDiffers: string[];
  preconditions: string[];
  files: string[];
  folder: string;
  signInAs?: string;
  variants?: { id: string; title: string; files: string[] }[];
}

export interface ScenarioList {
  active?: string;
  items: Scenario[];
}

export interface TrafficSettings {
  enabled: boolean;
  rate: number;
  users: string[];
  sent?: number;
  failed?: number;
}

/** One access-log line as /rudder/v1/logs streams it (NDJSON). */
export interface LogLine {
  time: string;
  namespace: string;
  workload: string;
  instance?: string;
  entry: Record<string, unknown> | string;
}
