// /ws/live frames: the whole graph first, then patches against what the client last got;
// a client whose socket is backed up is skipped and later gets one frame with the latest
// state, never a queue (DESIGN.md "Dashboard").
import { describe, expect, it } from 'vitest';
import type { Graph, GraphEdge, GraphNode, LiveFrame } from '@rudder/shared/protocol';
import { applyFrame, frameFor } from './diff.js';
import { createLiveGraph, type LiveSocket } from './live-graph.js';

const rates = { requests: 0, http: 0, http3xx: 0, http4xx: 0, http5xx: 0, httpNoResponse: 0 };
const node = (id: string, rps = 0): GraphNode => ({ id, nodeType: 'workload', cluster: 'Kubernetes', namespace: 'default', workload: id, httpIn: { ...rates, http: rps }, httpOut: rates, healthStatus: 'Healthy', badges: {} });
const edge = (s: string, t: string, rps: number): GraphEdge => ({
  id: `${s}->${t}`,
  source: s,
  target: t,
  protocol: 'http',
  isMirror: false,
  rates: { ...rates, http: rps },
  httpPercentErr: 0,
  throughput: 0,
  responses: {},
  healthStatus: 'Healthy',
});
const graph = (timestamp: number, nodes: GraphNode[], edges: GraphEdge[]): Graph => ({ timestamp, duration: 60, graphType: 'workload', nodes, edges });

describe('frames', () => {
  const g1 = graph(1, [node('a'), node('b', 1)], [edge('a', 'b', 1)]);
  const g2 = graph(2, [node('a'), node('b', 2), node('c')], [edge('a', 'b', 2), edge('b', 'c', 1)]);
  const g3 = graph(3, [node('a'), node('c')], []);

  it('sends the whole graph first, then only what changed', () => {
    expect(frameFor(undefined, g1, 1)).toEqual({ type: 'graph', seq: 1, graph: g1 });
    const patch = frameFor(g1, g2, 2);
    expect(patch).toMatchObject({ type: 'patch', removeNodes: [], removeEdges: [] });
    expect(patch?.type === 'patch' && patch.upsertNodes.map((n) => n.id)).toEqual(['b', 'c']);
    expect(frameFor(g2, { ...g2, timestamp: 5 }, 3)).toBeUndefined();
    const removal = frameFor(g2, g3, 4);
    expect(removal?.type === 'patch' && [removal.removeNodes, removal.removeEdges]).toEqual([['b'], ['a->b', 'b->c']]);
  });

  it('patches round-trip to the graph they describe', () => {
    let client = applyFrame(undefined, frameFor(undefined, g1, 1) as LiveFrame);
    client = applyFrame(client, frameFor(g1, g2, 2) as LiveFrame);
    client = applyFrame(client, frameFor(g2, g3, 3) as LiveFrame);
    expect(client).toEqual(g3);
  });
});

describe('backpressure', () => {
  it('skips a backed-up client and then sends one frame against what it last got', () => {
    let current = graph(1, [node('a')], []);
    const live = createLiveGraph<string>({ authorize: () => true, params: () => 'p', keyOf: (p) => p, graph: () => current, maxBufferedBytes: 100 });
    const sent: LiveFrame[] = [];
    const socket = { readyState: 1, OPEN: 1, bufferedAmount: 0, send: (text: string) => sent.push(JSON.parse(text)), on: () => socket, terminate: () => {} };
    try {
      live.attach(socket as unknown as LiveSocket, 'p');
      live.tick();
      expect(sent.map((f) => f.type)).toEqual(['graph']);
      socket.bufferedAmount = 1000;
      for (let t = 2; t < 6; t++) {
        current = graph(t, [node('a', t)], []);
        live.tick();
      }
      expect(sent).toHaveLength(1);
      expect(live.stats().skipped).toBe(4);
      socket.bufferedAmount = 0;
      live.tick();
      expect(sent).toHaveLength(2);
      const last = sent[1];
      expect(last?.type === 'patch' && last.upsertNodes[0]?.httpIn.http).toBe(5);
      expect(applyFrame(applyFrame(undefined, sent[0] as LiveFrame), last as LiveFrame)).toEqual(current);
    } finally {
      live.close();
    }
  });
});
