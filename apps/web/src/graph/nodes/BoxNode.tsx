// A versioned app's box around its versions (Kiali's app box), its border tinted by the
// app's health, its name on the top edge.
import type { Node, NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ViewBox } from '../model/types.js';

export interface BoxNodeData extends Record<string, unknown> {
  box: ViewBox;
  dim: boolean;
}
export type BoxFlowNode = Node<BoxNodeData, 'box'>;

export const BoxNode = memo(function BoxNode({ data, selected }: NodeProps<BoxFlowNode>) {
  const { box, dim } = data;
  return (
    <div className={`app-box health-${box.health}${dim ? ' dim' : ''}${selected ? ' selected' : ''}`} data-testid={`box-${box.label}`}>
      <div className="app-box-label">
        <span className="app-box-tag">App</span>
        {box.label}
      </div>
    </div>
  );
});
