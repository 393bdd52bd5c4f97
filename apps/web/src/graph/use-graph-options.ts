// The graph page's options, kept in the URL so a view can be reloaded and shared:
// graph type, service nodes, namespaces, duration, refresh, edge labels, animation, idle
// edges, find and hide.
import type { GraphType } from '@rudder/shared/protocol';
import { useQueryParam } from '../ui/router.js';
import type { EdgeLabelMode } from './model/types.js';
import type { Refresh } from './use-live-graph.js';

export const GRAPH_TYPES = [
  ['versionedApp', 'Versioned app'],
  ['app', 'App'],
  ['workload', 'Workload'],
  ['service', 'Service'],
] as const satisfies readonly (readonly [GraphType, string])[];
export const DURATIONS = [
  ['60s', 'Last 1m'],
  ['5m', 'Last 5m'],
  ['10m', 'Last 10m'],
  ['30m', 'Last 30m'],
  ['1h', 'Last 1h'],
  ['3h', 'Last 3h'],
] as const;
export const REFRESHES = [
  ['live', 'Live (1s)'],
  ['10s', 'Every 10s'],
  ['30s', 'Every 30s'],
  ['1m', 'Every 1m'],
  ['pause', 'Paused'],
] as const satisfies readonly (readonly [Refresh, string])[];
export const EDGE_LABELS = [
  ['none', 'None'],
  ['percent', 'Request %'],
  ['rps', 'Requests/s'],
  ['p95', 'p95 latency'],
] as const satisfies readonly (readonly [EdgeLabelMode, string])[];

export function useGraphOptions() {
  const [type, setType] = useQueryParam('type', 'versionedApp');
  const [services, setServices] = useQueryParam('services', 'on');
  const [namespaces, setNamespaces] = useQueryParam('namespaces', '');
  const [duration, setDuration] = useQueryParam('duration', '60s');
  const [refresh, setRefresh] = useQueryParam('refresh', 'live');
  const [label, setLabel] = useQueryParam('label', 'percent');
  const [animation, setAnimation] = useQueryParam('animation', 'on');
  const [idle, setIdle] = useQueryParam('idle', 'off');
  const [findText, setFind] = useQueryParam('find', '');
  const [hideText, setHide] = useQueryParam('hide', '');
  return {
    type: type as GraphType,
    setType: (v: GraphType) => setType(v),
    serviceNodes: services !== 'off',
    setServiceNodes: (v: boolean) => setServices(v ? 'on' : 'off'),
    namespaces,
    setNamespaces,
    duration,
    setDuration,
    refresh: refresh as Refresh,
    setRefresh: (v: Refresh) => setRefresh(v),
    label: label as EdgeLabelMode,
    setLabel: (v: EdgeLabelMode) => setLabel(v),
    animation: animation === 'on',
    setAnimation: (v: boolean) => setAnimation(v ? 'on' : 'off'),
    /** Kiali's "Idle Edges": edges that carried traffic before but none in the window. */
    idleEdges: idle === 'on',
    setIdleEdges: (v: boolean) => setIdle(v ? 'on' : 'off'),
    findText,
    setFind,
    hideText,
    setHide,
  };
}

export type GraphOptions = ReturnType<typeof useGraphOptions>;
