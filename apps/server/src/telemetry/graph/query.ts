// One graph request (kiali-graph.md §1-§2): a time window of the time series, the view
// Rudder graphs (source reporter, destination for unknown callers), built for the graph type
// and badged from the stored config and the live endpoint views. Shared by the graph API and
// /ws/live.
import type { Resource } from '@rudder/shared/kinds';
import type { Graph, GraphType, HealthStatus } from '@rudder/shared/protocol';
import type { Telemetry } from '../telemetry.js';
import { applyBadges } from './badges.js';
import { buildGraph, inGraphView } from './build.js';

export const GRAPH_TYPES: readonly GraphType[] = ['workload', 'app', 'versionedApp', 'service'];

export interface GraphParams {
  graphType: GraphType;
  fromMs: number;
  toMs: number;
  namespaces?: string[];
  injectServiceNodes?: boolean;
  /** Kiali's "Idle Edges": edges that carried traffic before but none in the window, at 0 rps. */
  includeIdleEdges?: boolean;
}

export interface GraphSources {
  telemetry: Telemetry;
  resources: () => readonly Resource[];
  workloadStatus?: (namespace: string, workload: string) => HealthStatus | undefined;
}

export function queryGraph(sources: GraphSources, p: GraphParams): Graph {
  const rows = sources.telemetry.series.window(p.fromMs, p.toMs, inGraphView, p.includeIdleEdges === true);
  const built = buildGraph({
    rows,
    graphType: p.graphType,
    durationS: Math.max(1, (p.toMs - p.fromMs) / 1000),
    timestamp: p.toMs,
    ...(p.injectServiceNodes !== undefined ? { injectServiceNodes: p.injectServiceNodes } : {}),
    ...(p.namespaces ? { namespaces: p.namespaces } : {}),
    ...(sources.workloadStatus ? { workloadStatus: sources.workloadStatus } : {}),
  });
  return applyBadges(built, { resources: sources.resources(), destinations: sources.telemetry.endpoints.query() }).graph;
}
