// Shapes of the /rudder/v1 answers the dashboard reads that have no wire type in
// @rudder/shared/protocol yet; answers that do (validations, sandbox scenarios, loads) are
// imported from there directly, and the trace and registry ones are re-exported here.
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

/** One access-log line as /rudder/v1/logs streams it (NDJSON). */
export interface LogLine {
  time: string;
  namespace: string;
  workload: string;
  instance?: string;
  entry: Record<string, unknown> | string;
}
