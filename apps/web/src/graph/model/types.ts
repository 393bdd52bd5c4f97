// The dashboard's view of a traffic graph: what the drawing needs, derived from the server's
// Graph by pure functions (build, group, filter, diff) before React sees it (STYLE.md 12).
import type { GraphEdge, GraphNode, GraphType, HealthStatus } from '@rudder/shared/protocol';

/** Kiali's node shapes (kiali-graph.md §3), plus Rudder's gateway and unknown marks. */
export type Shape = 'circle' | 'rect' | 'triangle' | 'plate' | 'gateway' | 'unknown';

export type BadgeKind = 'vs' | 'cb' | 'fault' | 'mirror' | 'timeout' | 'retries' | 'shift' | 'ejected' | 'overflow';

export interface Badge {
  kind: BadgeKind;
  /** Tooltip and accessible name: what the badge means here. */
  title: string;
  /** A count shown beside the icon (ejected endpoints, overflows). */
  count?: number;
  /** The dashboard page of what is behind it: the resource, or the workload's live endpoint state. */
  href?: string;
}

export type EdgeLabelMode = 'none' | 'percent' | 'rps' | 'p95';

export interface ViewNode {
  id: string;
  shape: Shape;
  label: string;
  sublabel?: string;
  /** The app box this node sits in. */
  parent?: string;
  health: HealthStatus;
  root: boolean;
  badges: Badge[];
  /** Requests per second in and out. */
  rpsIn: number;
  rpsOut: number;
  data: GraphNode;
}

/** A versioned app drawn as a box around its versions (only with ≥ 2 of them). */
export interface ViewBox {
  id: string;
  label: string;
  namespace: string;
  health: HealthStatus;
  members: string[];
}

export interface ViewEdge {
  id: string;
  source: string;
  target: string;
  mirror: boolean;
  health: HealthStatus;
  rps: number;
  errorPercent: number;
  /** Share of the source's outbound requests (%); absent on mirror edges. */
  share?: number;
  /** p95 latency (ms), when measured. */
  p95?: number;
  data: GraphEdge;
}

export interface ViewGraph {
  graphType: GraphType;
  nodes: ViewNode[];
  boxes: ViewBox[];
  edges: ViewEdge[];
}

export const HEALTH_ORDER: readonly HealthStatus[] = ['Failure', 'Degraded', 'NotReady', 'Healthy', 'NA'];

/** The worse of two statuses (Failure first), as Kiali merges health. */
export function worseHealth(a: HealthStatus, b: HealthStatus): HealthStatus {
  return HEALTH_ORDER.indexOf(a) <= HEALTH_ORDER.indexOf(b) ? a : b;
}
