// Someone saved the resource after it was loaded here: their version and this edit side by
// side, and the person chooses. Nothing was written yet; "Keep mine" writes on their
// resourceVersion, so a third change meanwhile brings this view back instead of losing it.
import type { Resource } from '@rudder/shared/kinds';
import { DiffView } from './DiffView.js';
import { editableText } from './resource-api.js';

export function ConflictView({ theirs, mine, busy, onKeepMine, onTakeTheirs }: { theirs: Resource; mine: string; busy: boolean; onKeepMine: () => void; onTakeTheirs: () => void }) {
  const rv = theirs.metadata.resourceVersion;
  return (
    <div className="conflict" data-testid="conflict">
      <div className="notice bad" role="alert">
        <strong>Someone else changed this resource</strong> while you were editing (now revision {rv}). Nothing was saved. Compare and choose.
      </div>
      <DiffView a={editableText(theirs)} b={mine} aLabel={`Theirs (revision ${rv})`} bLabel="Yours (not saved)" testId="conflict-diff" />
      <div className="editor-actions">
        <button type="button" className="btn danger" onClick={onKeepMine} disabled={busy}>
          Keep mine (overwrite)
        </button>
        <button type="button" className="btn" onClick={onTakeTheirs} disabled={busy}>
          Take theirs
        </button>
      </div>
    </div>
  );
}
