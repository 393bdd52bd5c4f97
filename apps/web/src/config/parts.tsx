// Small pieces the config pages share: an outcome notice and the editor's problem list
// (the markers as text with their lines, for screen readers and a quick scan).
import type { EditorMarker } from './YamlEditor.js';

export type NoticeState = { tone: 'ok' | 'bad'; text: string } | undefined;

export function Notice({ notice }: { notice: NoticeState }) {
  if (!notice) return null;
  return (
    <div className={`notice ${notice.tone}`} role={notice.tone === 'bad' ? 'alert' : 'status'} data-testid="notice">
      {notice.text}
    </div>
  );
}

export function MarkerList({ markers }: { markers: readonly EditorMarker[] }) {
  if (markers.length === 0) return null;
  return (
    <ul className="markers" aria-label="Problems in the YAML" data-testid="problems">
      {markers.map((m) => (
        <li key={`${m.line}:${m.message}`} className={`marker-${m.severity}`}>
          <span className="marker-line">line {m.line}</span> {m.message}
        </li>
      ))}
    </ul>
  );
}
