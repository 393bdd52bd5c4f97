// Where an edge meets its nodes, read from React Flow's node internals: the right handle of
// the source, the left handle of the target, or without handles (canvas edges) the middle
// of the node box's right and left sides, where those handles sit. Shared by the canvas layers
// so lines, labels, dots and hit-testing agree with each other and with the SVG edges.
import type { InternalNode } from '@xyflow/react';
import type { Point } from '../model/geometry.js';

export function anchor(node: InternalNode, side: 'source' | 'target'): Point {
  const h = node.internals.handleBounds?.[side]?.[0];
  const { x, y } = node.internals.positionAbsolute;
  if (!h) {
    const w = node.measured.width ?? node.width ?? 48;
    const ht = node.measured.height ?? node.height ?? 48;
    return side === 'source' ? { x: x + w, y: y + ht / 2 } : { x, y: y + ht / 2 };
  }
  return side === 'source' ? { x: x + h.x + h.width, y: y + h.y + h.height / 2 } : { x: x + h.x, y: y + h.y + h.height / 2 };
}
