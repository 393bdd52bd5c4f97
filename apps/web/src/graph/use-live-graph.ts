// The graph for the chosen options, from /ws/live: every frame lands in a ref, and reaches
// React at the chosen refresh interval (every second when live; never when paused).
import type { Graph } from '@rudder/shared/protocol';
import { useEffect, useRef, useState } from 'react';
import { type LiveOptions, type LiveStatus, openLiveGraph } from '../api/live.js';
import { syntheticGraph } from './model/synthetic.js';

export type Refresh = 'live' | '10s' | '30s' | '1m' | 'pause';
const REFRESH_MS: Record<Refresh, number> = { live: 0, '10s': 10_000, '30s': 30_000, '1m': 60_000, pause: 0 };

export interface LiveGraphState {
  graph?: Graph;
  status: LiveStatus | 'paused';
  message?: string;
  /** When the shown graph was received. */
  updatedAt?: number;
}

/** `/graph?bench=200x400`: a synthetic graph updated every second instead of /ws/live (the benchmark). */
function benchSize(): [number, number] | undefined {
  const m = /^(\d+)x(\d+)$/.exec(new URLSearchParams(location.search).get('bench') ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function openSynthetic([n, e]: [number, number], onGraph: (g: Graph) => void): () => void {
  let tick = 0;
  onGraph(syntheticGraph(n, e, tick));
  const timer = setInterval(() => onGraph(syntheticGraph(n, e, ++tick)), 1000);
  return () => clearInterval(timer);
}

export function useLiveGraph(opts: LiveOptions, refresh: Refresh): LiveGraphState {
  const [state, setState] = useState<LiveGraphState>({ status: 'connecting' });
  const latest = useRef<Graph | undefined>(undefined);
  const shown = useRef<Graph | undefined>(undefined);
  const { type, duration, namespaces, injectServiceNodes, includeIdleEdges } = opts;

  useEffect(() => {
    if (refresh === 'pause') {
      setState((s) => ({ ...s, status: 'paused' }));
      return;
    }
    latest.current = undefined;
    shown.current = undefined;
    setState((s) => ({ ...s, status: 'connecting' }));
    const every = REFRESH_MS[refresh];
    const commit = () => {
      const g = latest.current;
      if (!g || g === shown.current) return;
      if (!shown.current) performance.mark('graph:data');
      shown.current = g;
      setState((s) => ({ ...s, graph: g, updatedAt: Date.now() }));
    };
    const onGraph = (g: Graph) => {
      latest.current = g;
      // The first graph shows at once; later ones at the refresh interval.
      if (!every || !shown.current) commit();
    };
    const bench = benchSize();
    const close = bench
      ? openSynthetic(bench, (g) => {
          setState((s) => (s.status === 'live' ? s : { ...s, status: 'live' }));
          onGraph(g);
        })
      : openLiveGraph(
          { type, duration, injectServiceNodes, includeIdleEdges, ...(namespaces ? { namespaces } : {}) },
          {
            onGraph,
            onStatus: (status, message) => setState((s) => (s.status === status && s.message === message ? s : { ...s, status, ...(message ? { message } : { message: undefined }) })),
          },
        );
    const timer = every ? setInterval(commit, every) : undefined;
    return () => {
      close();
      if (timer) clearInterval(timer);
    };
  }, [type, duration, namespaces, injectServiceNodes, includeIdleEdges, refresh]);

  return state;
}
