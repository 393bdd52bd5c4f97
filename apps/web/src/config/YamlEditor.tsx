// The YAML editor: one CodeMirror view made once per mount (the parent remounts it with a
// new key to load other text), reporting each change and the markers it shows.
import { forEachDiagnostic } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import type { KindDefinition } from '@rudder/shared/kinds';
import { useEffect, useRef } from 'react';
import { editorExtensions, type LintSource } from './editor-setup.js';

export interface EditorMarker {
  line: number;
  severity: string;
  message: string;
}

export function YamlEditor({ initial, def, check, label, onChange, onMarkers }: { initial: string; def: KindDefinition; check: LintSource; label: string; onChange: (text: string) => void; onMarkers?: (markers: EditorMarker[]) => void }) {
  const host = useRef<HTMLDivElement>(null);
  // The latest callbacks, read by the view without remaking it.
  const callbacks = useRef({ onChange, onMarkers, check });
  callbacks.current = { onChange, onMarkers, check };
  const reported = useRef('[]');

  // biome-ignore lint/correctness/useExhaustiveDependencies: made once per mount; the parent remounts with a key for new text
  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      doc: initial,
      parent: host.current,
      extensions: [
        editorExtensions({ def, label, check: (text, signal) => callbacks.current.check(text, signal), onChange: (text) => callbacks.current.onChange(text) }),
        EditorView.updateListener.of((u) => {
          const report = callbacks.current.onMarkers;
          if (!report || u.state === u.startState) return;
          const list: EditorMarker[] = [];
          forEachDiagnostic(u.state, (d, from) => list.push({ line: u.state.doc.lineAt(from).number, severity: d.severity, message: d.message }));
          const key = JSON.stringify(list);
          if (key !== reported.current) report(list);
          reported.current = key;
        }),
      ],
    });
    return () => view.destroy();
  }, []);

  return <div className="yaml-editor" ref={host} data-testid="yaml-editor" />;
}
