// One graph node: its shape coloured by health, the label under it, badges above it.
// Memoized; it re-renders only when its view object or its find/select/dim flags change.
import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { ViewNode } from '../model/types.js';
import { BadgeIcon } from './badge-icons.js';
import { ShapeSvg } from './shapes.js';

export interface MeshNodeData extends Record<string, unknown> {
  node: ViewNode;
  found: boolean;
  dim: boolean;
  /** Handles anchor SVG edges; canvas edges (large graphs) anchor on the node's box, and each handle costs a store subscription. */
  handles: boolean;
}
export type MeshFlowNode = Node<MeshNodeData, 'mesh'>;

export const MeshNode = memo(function MeshNode({ data, selected }: NodeProps<MeshFlowNode>) {
  const { node, found, dim, handles } = data;
  const cls = ['mesh-node', `health-${node.health}`, `shape-${node.shape}`, found ? 'found' : '', dim ? 'dim' : '', selected ? 'selected' : ''].join(' ');
  return (
    <div className={cls} data-testid={`node-${node.id}`} data-label={node.label}>
      {handles ? <Handle type="target" position={Position.Left} className="rf-handle" isConnectable={false} /> : null}
      <ShapeSvg shape={node.shape} root={node.root} />
      {handles ? <Handle type="source" position={Position.Right} className="rf-handle" isConnectable={false} /> : null}
      <div className="node-label">
        <span>{node.label}</span>
        {node.sublabel ? <small>{node.sublabel}</small> : null}
      </div>
      {node.badges.length > 0 ? (
        <div className="node-badges">
          {node.badges.map((b) => (
            <BadgeIcon key={b.kind} badge={b} />
          ))}
        </div>
      ) : null}
    </div>
  );
});
