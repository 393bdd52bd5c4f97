// Editing one stored resource: markers as you type (local schema checks, then the server's
// dry run), Save with the resourceVersion that was loaded, and on 409 the conflict view
// instead of an overwrite. Nothing is written while the text has errors.
import type { KindDefinition, Resource } from '@rudder/shared/kinds';
import { useCallback, useState } from 'react';
import { get } from '../api/client.js';
import { useLeaveGuard } from '../ui/router.js';
import { ConflictView } from './ConflictView.js';
import type { LintSource } from './editor-setup.js';
import { checkLocally, serverMarkers } from './lint.js';
import { editableText, objectPath, WriteError, writeResource } from './resource-api.js';
import { type EditorMarker, YamlEditor } from './YamlEditor.js';
import { MarkerList, Notice, type NoticeState } from './parts.js';

/** The parsed text with the loaded resourceVersion: the server refuses it when the object changed since. */
function withVersion(value: unknown, resourceVersion: string | undefined): Record<string, unknown> {
  const object = { ...(value as Record<string, unknown>) };
  const metadata = { ...((object.metadata as Record<string, unknown> | undefined) ?? {}) };
  if (resourceVersion) metadata.resourceVersion = resourceVersion;
  else delete metadata.resourceVersion;
  return { ...object, metadata };
}

/** Local checks first; only a structurally valid text goes to the server, as a dry run. */
export function makeCheck(def: KindDefinition, method: 'POST' | 'PUT', path: string): LintSource {
  return async (text, signal) => {
    const local = checkLocally(def, text);
    if (local.markers.length > 0) return local.markers;
    try {
      const { warnings } = await writeResource(method, path, withVersion(local.value, undefined), { dryRun: true, signal });
      return serverMarkers(text, { warnings });
    } catch (error) {
      if (error instanceof WriteError) return serverMarkers(text, error);
      throw error;
    }
  };
}

export function ResourceEditor({ def, initial, onSaved }: { def: KindDefinition; initial: Resource; onSaved: (saved: Resource) => void }) {
  const path = objectPath(def, initial.metadata.namespace, initial.metadata.name);
  const [base, setBase] = useState(initial);
  const [text, setText] = useState(() => editableText(initial));
  const [editorKey, setEditorKey] = useState(0);
  const [markers, setMarkers] = useState<EditorMarker[]>([]);
  const [notice, setNotice] = useState<NoticeState>();
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<Resource>();
  const [check] = useState(() => makeCheck(def, 'PUT', path));
  const dirty = text !== editableText(base);
  useLeaveGuard(dirty, `Leave ${def.kind} ${initial.metadata.name}? Your unsaved YAML changes will be lost.`);

  const load = useCallback((r: Resource) => {
    setBase(r);
    setText(editableText(r));
    setEditorKey((k) => k + 1);
  }, []);

  /** Someone saved meanwhile: their version beside this edit (or why it cannot be read). */
  const showConflict = async () => {
    try {
      setConflict(await get<Resource>(path));
      setNotice(undefined);
    } catch (error) {
      setNotice({ tone: 'bad', text: `Not saved: it changed meanwhile, and reading it again failed: ${(error as Error).message}` });
    }
  };

  const save = async (onVersion: string | undefined) => {
    const local = checkLocally(def, text);
    const errors = local.markers.filter((m) => m.severity === 'error');
    if (errors.length > 0) {
      setNotice({ tone: 'bad', text: `Not saved: fix ${errors.length === 1 ? 'the error' : `the ${errors.length} errors`} first (${errors[0]?.message}).` });
      return;
    }
    setBusy(true);
    try {
      const { object, warnings } = await writeResource('PUT', path, withVersion(local.value, onVersion));
      setConflict(undefined);
      load(object);
      onSaved(object);
      setNotice({ tone: 'ok', text: `Saved: revision ${object.metadata.resourceVersion}${warnings.length ? `, with ${warnings.length} warning(s)` : ''}.` });
    } catch (error) {
      if (error instanceof WriteError && error.status === 409) await showConflict();
      else setNotice({ tone: 'bad', text: `Not saved: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  if (conflict) {
    return (
      <div className="editor-pane">
        <Notice notice={notice} />
        <ConflictView
        theirs={conflict}
        mine={text}
        busy={busy}
        onKeepMine={() => save(conflict.metadata.resourceVersion)}
        onTakeTheirs={() => {
          setConflict(undefined);
          load(conflict);
          setNotice({ tone: 'ok', text: `Loaded their version (revision ${conflict.metadata.resourceVersion}); your edit was dropped.` });
        }}
        />
      </div>
    );
  }

  return (
    <div className="editor-pane">
      <Notice notice={notice} />
      <YamlEditor key={editorKey} initial={text} def={def} check={check} label={`YAML of ${def.kind} ${initial.metadata.name}`} onChange={setText} onMarkers={setMarkers} />
      <MarkerList markers={markers} />
      <div className="editor-actions">
        <button type="button" className="btn primary" onClick={() => save(base.metadata.resourceVersion)} disabled={busy || !dirty} data-testid="save">
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn" onClick={() => load(base)} disabled={busy || !dirty}>
          Discard changes
        </button>
        <span className="muted">
          Editing revision {base.metadata.resourceVersion}
          {dirty ? ' · unsaved changes' : ''} · Ctrl-Space completes fields and values
        </span>
      </div>
    </div>
  );
}
