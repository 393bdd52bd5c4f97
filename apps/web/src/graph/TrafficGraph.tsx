// The graph canvas: React Flow with the memoized node and edge components, positions from
// the layout worker, dragging that pins a node, fit once per new graph (never after the user
// zoomed), and the traffic animation canvas on top.
import { Background, Controls, type NodeChange, ReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { EdgeMarkers, TrafficEdge } from './edges/TrafficEdge.js';
import { TrafficCanvas } from './edges/TrafficCanvas.js';
import { createFlowCache, type FlowNode } from './flow-elements.js';
import type { LayoutState } from './layout/use-layout.js';
import { pathThrough } from './model/filter.js';
import type { EdgeLabelMode, ViewGraph } from './model/types.js';
import { BoxNode } from './nodes/BoxNode.js';
import { MeshNode } from './nodes/MeshNode.js';

const nodeTypes = { mesh: MeshNode, box: BoxNode };
const edgeTypes = { traffic: TrafficEdge };

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
  const { nodes, edges } = useMemo(
    () => toFlow(view, layout.positions, drag, { found, lit, mode, ...(selected ? { selected } : {}) }),
    [toFlow, view, layout.positions, drag, found, lit, mode, selected],
  );

  const flow = useRef<ReactFlowInstance<FlowNode> | null>(null);
  const userMoved = useRef(false);
  const fittedFor = useRef(-1);
  useEffect(() => {
    if (layout.version === 0 || !flow.current) return;
    if (fittedFor.current === -1 || !userMoved.current) {
      fittedFor.current = layout.version;
      requestAnimationFrame(() => flow.current?.fitView({ padding: 0.15, maxZoom: 1.25, duration: fittedFor.current === 1 ? 0 : 250 }));
    }
  }, [layout.version]);

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
    <div className="graph-canvas" data-testid="graph-canvas">
      <EdgeMarkers />
      <ReactFlow<FlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onInit={(i) => {
          flow.current = i;
        }}
        onNodesChange={onNodesChange}
        onNodeClick={(_e, n) => onSelect(n.id)}
        onEdgeClick={(_e, e) => onSelect(e.id)}
        onPaneClick={() => onSelect(undefined)}
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
        <Controls showInteractive={false} position="bottom-left" />
        <TrafficCanvas edges={view.edges} mode={mode} running={animate} lit={lit} />
      </ReactFlow>
    </div>
  );
}
