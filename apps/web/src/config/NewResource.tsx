// "Create": the editor on a template of the kind, with the same markers as editing (the dry
// run is a POST here), then POST and on to the new resource's page.
import { kindByName, type KindDefinition } from '@rudder/shared/kinds';
import { useMemo, useState } from 'react';
import { Card } from '../ui/controls.js';
import { Link, useRoute } from '../ui/router.js';
import { PageHeader } from '../ui/shell.js';
import { Empty } from '../ui/states.js';
import { checkLocally } from './lint.js';
import { MarkerList, Notice, type NoticeState } from './parts.js';
import { makeCheck } from './ResourceEditor.js';
import { collectionPath, writeResource } from './resource-api.js';
import { templateFor } from './templates.js';
import { type EditorMarker, YamlEditor } from './YamlEditor.js';

const namespaceOf = (value: unknown) => {
  const ns = (value as { metadata?: { namespace?: unknown } } | undefined)?.metadata?.namespace;
  return typeof ns === 'string' && ns ? ns : 'default';
};

/** The dry run goes to the namespace the text names, read afresh each time. */
function createCheck(def: KindDefinition) {
  return (text: string, signal: AbortSignal) => makeCheck(def, 'POST', collectionPath(def, namespaceOf(checkLocally(def, text).value)))(text, signal);
}

function Creator({ def }: { def: KindDefinition }) {
  const initial = useMemo(() => templateFor(def), [def]);
  const check = useMemo(() => createCheck(def), [def]);
  const [text, setText] = useState(initial);
  const [markers, setMarkers] = useState<EditorMarker[]>([]);
  const [notice, setNotice] = useState<NoticeState>();
  const [busy, setBusy] = useState(false);
  const { navigate } = useRoute();

  const create = async () => {
    const local = checkLocally(def, text);
    const errors = local.markers.filter((m) => m.severity === 'error');
    if (errors.length > 0) return setNotice({ tone: 'bad', text: `Not created: fix ${errors.length === 1 ? 'the error' : `the ${errors.length} errors`} first (${errors[0]?.message}).` });
    setBusy(true);
    try {
      const { object } = await writeResource('POST', collectionPath(def, namespaceOf(local.value)), local.value);
      navigate(`/config/${def.kind}/${object.metadata.namespace}/${object.metadata.name}`);
    } catch (error) {
      setNotice({ tone: 'bad', text: `Not created: ${(error as Error).message}` });
      setBusy(false);
    }
  };

  return (
    <Card title="YAML">
      <div className="editor-pane">
        <Notice notice={notice} />
        <YamlEditor initial={initial} def={def} check={check} label={`YAML of the new ${def.kind}`} onChange={setText} onMarkers={setMarkers} />
        <MarkerList markers={markers} />
        <div className="editor-actions">
          <button type="button" className="btn primary" onClick={create} disabled={busy} data-testid="create">
            {busy ? 'Creating…' : 'Create'}
          </button>
          <span className="muted">Ctrl-Space completes fields and values from the {def.kind} schema</span>
        </div>
      </div>
    </Card>
  );
}

export function NewResource({ kind }: { kind: string }) {
  const def = kindByName(kind);
  if (!def) return <Empty title={`Unknown kind ${kind}`}>Pick a kind from the Istio Config page.</Empty>;
  return (
    <div className="page config-page">
      <PageHeader
        title={`New ${def.kind}`}
        subtitle={def.description}
        actions={
          <Link to="/istio" className="btn">
            All config
          </Link>
        }
      />
      <Creator key={def.kind} def={def} />
    </div>
  );
}
