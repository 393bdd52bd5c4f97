// Two YAML texts side by side (@codemirror/merge), read-only, unchanged stretches folded:
// the History diff and the conflict view.
import { MergeView } from '@codemirror/merge';
import { useEffect, useRef } from 'react';
import { readOnlyExtensions } from './editor-setup.js';

export function DiffView({ a, b, aLabel, bLabel, testId }: { a: string; b: string; aLabel: string; bLabel: string; testId?: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const view = new MergeView({
      a: { doc: a, extensions: readOnlyExtensions(aLabel) },
      b: { doc: b, extensions: readOnlyExtensions(bLabel) },
      parent: host.current,
      collapseUnchanged: { margin: 3, minSize: 6 },
      gutter: true,
    });
    return () => view.destroy();
  }, [a, b, aLabel, bLabel]);
  return (
    <div className="diff" data-testid={testId}>
      <div className="diff-heads" aria-hidden="true">
        <span>{aLabel}</span>
        <span>{bLabel}</span>
      </div>
      <div ref={host} />
      {a === b ? <p className="muted diff-same">Both sides are the same.</p> : null}
    </div>
  );
}
