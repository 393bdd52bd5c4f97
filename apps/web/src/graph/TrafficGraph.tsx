// The graph canvas: React Flow with the memoized node and edge components, positions from
// the layout worker, dragging that pins a node, fit once per new graph (never after the user
// zoomed), and the traffic animation canvas on top. Large graphs paint their edges on a
// canvas under the nodes instead of SVG (edges/EdgeCanvas.tsx); clicks and hovers on the
// pane then find the edge under the pointer (model/edge-hit.ts).
import { Background, Controls, type NodeChange, ReactFlow, type ReactFlowInstance, useNodesInitialized } from '@xyflow/react';
import { type MouseEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { EdgeCanvas } from './edges/EdgeCanvas.js';
import { EdgeMarkers, TrafficEdge } from './edges/TrafficEdge.js';
import { TrafficCanvas } from './edges/TrafficCanvas.js';
import { createFlowCache, type FlowNode } from './flow-elements.js';
import type { LayoutState } from './layout/use-layout.js';
import { useQueryParam } from '../ui/router.js';
import { edgeAt, type HitEdge } from './model/edge-hit.js';
import { pathThrough } from './model/filter.js';
import type { EdgeLabelMode, ViewGraph } from './model/types.js';
import { BoxNode } from './nodes/BoxNode.js';
import { MeshNode } from './nodes/MeshNode.js';

const nodeTypes = { mesh: MeshNode, box: BoxNode };
const edgeTypes = { traffic: TrafficEdge };
/**
 * Over this many edges they are painted on a canvas. Measured on the benchmark (200 nodes /
 * 400 edges, 1000 / 2000): SVG edges cost ~8 DOM elements each, the canvas a few strokes.
 * Small graphs (Bookinfo's ~20 edges) keep SVG edges: focusable, and cheap at that size.
 */
export const CANVAS_EDGES_ABOVE = 150;
/** Half the SVG edges' invisible 14 px hit stroke, in screen pixels. */
const HIT_REACH_PX = 7;

export interface TrafficGraphProps {
  view: ViewGraph;
  layout: LayoutState;
  found: ReadonlySet<string>;
  selected?: string;
  mode: EdgeLabelMode;
  animate: boolean;
  onSelect: (id: string | undefined) => void;
}

export function TrafficGraph({ view, layout, found, selected, mode, animate, onSelect }: TrafficGraphProps) {
  const toFlow = useMemo(createFlowCache, []);
  const [drag, setDrag] = useState<ReadonlyMap<string, { x: number; y: number }>>(new Map());
  const [hovered, setHovered] = useState<string>();
  const focus = hovered ?? (selected && !selected.includes('->') ? selected : undefined);
  const lit = useMemo(() => (focus && view.nodes.some((n) => n.id === focus) ? pathThrough(view, focus) : new Set<string>()), [view, focus]);
  // `?edges=svg|canvas` forces one way (benchmark comparisons, tests of the canvas on a small graph).
  const [forced] = useQueryParam('edges', '');
  const svgEdges = forced === 'svg' || (forced !== 'canvas' && view.edges.length <= CANVAS_EDGES_ABOVE);
  const { nodes, edges } = useMemo(
    () => toFlow(view, layout.positions, drag, { found, lit, mode, svgEdges, ...(selected ? { selected } : {}) }),
    [toFlow, view, layout.positions, drag, found, lit, mode, svgEdges, selected],
  );
  // The traffic dots start once React Flow has measured the nodes: before that their frames
  // would only compete with the graph's first paint (bench:web, issue 15).
  const initialized = useNodesInitialized();
  const started = useRef(false);
  // Latched: a new node appearing later must not pause the dots while it is measured.
  if (initialized) started.current = true;
  const nodesDrawn = started.current;
  const flow = useRef<ReactFlowInstance<FlowNode> | null>(null);
  const hits = useRef<HitEdge[]>([]);
  const box = useRef<HTMLDivElement>(null);
  const edgeUnder = (e: MouseEvent): string | undefined => {
    const f = flow.current;
    if (svgEdges || !f) return undefined;
    const p = f.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    return edgeAt(hits.current, p.x, p.y, HIT_REACH_PX / f.getZoom());
  };

  const userMoved = useRef(false);
  const fittedFor = useRef(-1);
  const version = useRef(layout.version);
  version.current = layout.version;
  // Fits once the layout and React Flow are both there, whichever comes last: a large graph
  // draws only the nodes in view, so an unfitted first layout would show a handful of them.
  const fit = useCallback(() => {
    const f = flow.current;
    if (version.current === 0 || !f || fittedFor.current === version.current) return;
    if (fittedFor.current !== -1 && userMoved.current) return;
    const first = fittedFor.current === -1;
    fittedFor.current = version.current;
    requestAnimationFrame(() => f.fitView({ padding: 0.15, maxZoom: 1.25, duration: first ? 0 : 250 }));
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new layout version may need a fit
  useEffect(fit, [fit, layout.version]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      for (const c of changes) {
        if (c.type !== 'position' || !c.position) continue;
        const { x, y } = c.position;
        setDrag((d) => new Map(d).set(c.id, { x, y }));
        if (!c.dragging) layout.pin(c.id, x, y);
      }
    },
    [layout],
  );

  return (
    <div className={`graph-canvas${svgEdges ? '' : ' canvas-edges'}`} data-testid="graph-canvas" ref={box}>
      <EdgeMarkers />
      <ReactFlow<FlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onInit={(i) => {
          flow.current = i;
          fit();
        }}
        onNodesChange={onNodesChange}
        onNodeClick={(_e, n) => onSelect(n.id)}
        onEdgeClick={(_e, e) => onSelect(e.id)}
        onPaneClick={(e) => onSelect(edgeUnder(e))}
        onPaneMouseMove={svgEdges ? undefined : (e) => box.current?.classList.toggle('over-edge', edgeUnder(e) !== undefined)}
        onPaneMouseLeave={() => box.current?.classList.remove('over-edge')}
        onNodeMouseEnter={(_e, n) => n.type === 'mesh' && setHovered(n.id)}
        onNodeMouseLeave={() => setHovered(undefined)}
        onMoveStart={(e) => {
          if (e) userMoved.current = true;
        }}
        nodesConnectable={false}
        minZoom={0.1}
        maxZoom={3}
        proOptions={{ hideAttribution: true }}
        onlyRenderVisibleElements={view.nodes.length > 300}
      >
        <Background gap={22} size={1.2} color="var(--grid)" />
        {svgEdges ? null : <EdgeCanvas edges={view.edges} mode={mode} found={found} lit={lit} hits={hits} {...(selected ? { selected } : {})} />}
        <Controls showInteractive={false} position="bottom-left" />
        <TrafficCanvas edges={view.edges} mode={mode} running={animate && nodesDrawn} lit={lit} />
      </ReactFlow>
    </div>
  );
}
