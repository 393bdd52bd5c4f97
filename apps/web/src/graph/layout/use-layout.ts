// Positions for a view graph: laid out in the worker only when the structure changes
// (node, box or edge-end sets), seeded with and anchored to the previous positions, so
// number updates never move anything. Dragged nodes are pinned until the graph type changes.
import { useCallback, useEffect, useRef, useState } from 'react';
import { structureKey } from '../model/diff.js';
import { anchor, type ElkNode, fromElk, type Positions, quickLayout, toElk } from '../model/layout.js';
import type { ViewGraph } from '../model/types.js';

let worker: Worker | undefined;
let nextId = 1;
type Answer = { id: number; graph?: ElkNode; error?: string; ms?: number };
const pending = new Map<number, (r: Answer) => void>();

/** The worker, started once: ELK's 1.4 MB takes a while to load, so the page starts it before the data arrives. */
function layoutWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (ev: MessageEvent<Answer>) => {
    pending.get(ev.data.id)?.(ev.data);
    pending.delete(ev.data.id);
  };
  return worker;
}

function runLayout(graph: ElkNode): Promise<{ graph: ElkNode; ms: number }> {
  const w = layoutWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, (r) => (r.graph ? resolve({ graph: r.graph, ms: r.ms ?? 0 }) : reject(new Error(r.error ?? 'layout failed'))));
    w.postMessage({ id, graph });
  });
}

/** Runs `fn` when the main thread is idle (or after `timeout` ms); Safari has no requestIdleCallback, so a timer there. Returns the cancel. */
function whenIdle(fn: () => void, timeout: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, Math.min(timeout, 300));
  return () => clearTimeout(id);
}

export interface LayoutState {
  positions: Positions;
  /** Bumps after each layout, so the view can fit once for a new graph. */
  version: number;
  busy: boolean;
  error?: string;
  pin: (id: string, x: number, y: number) => void;
}

export function useLayout(view: ViewGraph | undefined): LayoutState {
  const [state, setState] = useState<{ positions: Positions; version: number; busy: boolean; error?: string }>({ positions: new Map(), version: 0, busy: false });
  const positions = useRef<Positions>(new Map());
  const pinned = useRef(new Set<string>());
  const lastKey = useRef('');
  const graphType = useRef<string | undefined>(undefined);
  useEffect(() => {
    // Started while the page waits for its first graph; idle, so a first paint is not slowed by it.
    return whenIdle(() => layoutWorker(), 1000);
  }, []);

  const key = view ? structureKey(view) : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a structural change (the key) re-runs the layout
  useEffect(() => {
    if (!view || key === lastKey.current) return;
    if (graphType.current !== view.graphType) {
      positions.current = new Map();
      pinned.current.clear();
      graphType.current = view.graphType;
    }
    lastKey.current = key;
    let cancelled = false;
    // A large graph seen for the first time shows at once in columns; ELK's layout follows.
    const quick = positions.current.size === 0 && view.boxes.length === 0 && view.nodes.length > 100;
    if (quick) {
      const first = quickLayout(view);
      setState((s) => ({ positions: first, version: s.version + 1, busy: true }));
    } else setState((s) => ({ ...s, busy: true }));
    const run = () => {
      const started = performance.now();
      runLayout(toElk(view, positions.current)).then(
        ({ graph: result, ms }) => {
          // Read by the benchmark (e2e/scripts/bench-web.ts): the round trip, and ELK's own time in the worker.
          performance.measure('graph:elk', { start: started, detail: { nodes: view.nodes.length, elkMs: Math.round(ms) } });
          if (cancelled) return;
          const top = new Set((result.children ?? []).map((c) => c.id));
          const next = anchor(fromElk(result), positions.current, top, pinned.current);
          positions.current = next;
          setState((s) => ({ positions: next, version: s.version + 1, busy: false }));
        },
        (error: Error) => !cancelled && setState((s) => ({ ...s, busy: false, error: error.message })),
      );
    };
    // Behind a quick layout ELK waits for the first paint to be done: on two cores its
    // worker would take a core from the main thread while it draws.
    const cancelIdle = quick ? whenIdle(run, 1500) : undefined;
    if (!quick) run();
    return () => {
      cancelled = true;
      cancelIdle?.();
    };
  }, [key]);

  const pin = useCallback((id: string, x: number, y: number) => {
    const old = positions.current.get(id);
    if (!old) return;
    pinned.current.add(id);
    positions.current = new Map(positions.current).set(id, { ...old, x, y });
  }, []);

  return { ...state, pin };
}
