// /ws/live: the graph pushed every second (a full frame, then patches). The browser sends
// the session cookie with the upgrade; the server checks it and the Origin. Reconnects
// with backoff; the caller decides how often frames reach React (refresh interval).
import type { Graph, LiveFrame } from '@rudder/shared/protocol';
import { applyFrame } from '../graph/model/diff.js';
import { withQuery } from './client.js';

export interface LiveOptions {
  type: string;
  duration: string;
  namespaces?: string;
  injectServiceNodes: boolean;
  includeIdleEdges: boolean;
}

export type LiveStatus = 'connecting' | 'live' | 'retrying' | 'error';

export interface LiveHandlers {
  onGraph: (graph: Graph) => void;
  onStatus: (status: LiveStatus, message?: string) => void;
}

export function openLiveGraph(opts: LiveOptions, h: LiveHandlers): () => void {
  let socket: WebSocket | undefined;
  let graph: Graph | undefined;
  let closed = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${location.host}${withQuery('/ws/live', { type: opts.type, duration: opts.duration, namespaces: opts.namespaces, injectServiceNodes: opts.injectServiceNodes, includeIdleEdges: opts.includeIdleEdges })}`;
    h.onStatus(attempt ? 'retrying' : 'connecting');
    socket = new WebSocket(url);
    graph = undefined;
    socket.onmessage = (ev) => {
      const frame = JSON.parse(String(ev.data)) as LiveFrame;
      if (frame.type === 'error') return h.onStatus('error', frame.message);
      attempt = 0;
      graph = applyFrame(graph, frame);
      if (graph) {
        h.onStatus('live');
        h.onGraph(graph);
      }
    };
    socket.onclose = () => {
      if (closed) return;
      attempt++;
      h.onStatus('retrying', 'The live connection dropped; reconnecting…');
      timer = setTimeout(connect, Math.min(10_000, 500 * 2 ** attempt));
    };
  };
  connect();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    socket?.close();
  };
}
