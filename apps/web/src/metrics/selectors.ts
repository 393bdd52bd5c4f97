// Which /rudder/v1/metrics selector charts a graph node or edge: a workload, a version of
// an app, an app, or a service, inbound and outbound; an edge by its ends (the service it
// goes through, the calling and the answering workload). Pure.
import type { GraphNode } from '@rudder/shared/protocol';
import type { MetricsSelector } from '../api/types.js';

export type Selector = MetricsSelector & { mirrored?: 'only' | 'exclude' };

function sideOf(n: GraphNode): Selector | undefined {
  if (n.nodeType === 'unknown') return undefined;
  if (n.nodeType === 'service') return n.service ? { service: n.service, namespace: n.namespace } : undefined;
  if (n.workload && n.nodeType === 'workload') return { workload: n.workload, namespace: n.namespace };
  if (n.app) return { app: n.app, ...(n.version ? { version: n.version } : {}), namespace: n.namespace };
  return n.workload ? { workload: n.workload, namespace: n.namespace } : undefined;
}

export function nodeSelectors(n: GraphNode): { inbound?: Selector; outbound?: Selector } {
  const side = sideOf(n);
  if (!side) return {};
  if (n.nodeType === 'service') return { inbound: side };
  return { inbound: side, outbound: { ...side, direction: 'outbound' } };
}

/** The selector for an edge between two nodes; undefined when the API cannot name it. */
export function edgeSelector(src: GraphNode, dst: GraphNode, mirror: boolean): Selector | undefined {
  const m = mirror ? { mirrored: 'only' as const } : {};
  const wl = (n: GraphNode) => (n.nodeType === 'unknown' ? 'unknown' : n.workload);
  if (dst.nodeType === 'service' && dst.service) {
    const source = wl(src);
    return { service: dst.service, namespace: dst.namespace, ...(source && src.nodeType !== 'service' ? { source } : {}), ...m };
  }
  if (src.nodeType === 'service' && src.service) {
    return { service: src.service, namespace: src.namespace, ...(dst.workload ? { destination: dst.workload } : sideOf(dst)), ...m };
  }
  const source = wl(src);
  if (source && dst.workload) return { source, destination: dst.workload, ...m };
  const into = sideOf(dst);
  return into ? { ...into, ...m } : undefined;
}

/** Kiali's sampling: about 30 points over the window. */
export function stepFor(durationS: number): number {
  return Math.max(5, Math.floor(durationS / 30));
}

export function seconds(duration: string): number {
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(duration);
  if (!m) return 60;
  return Number(m[1]) * ({ s: 1, m: 60, h: 3600 }[(m[2] ?? 's') as 's'] ?? 1);
}
