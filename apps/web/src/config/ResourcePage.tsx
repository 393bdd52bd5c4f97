// One Istio resource (/config/<Kind>/<ns>/<name>): its validation findings, the YAML editor
// and its history. The target of the graph's badges and the Services page's config links.
import { kindByName, type Resource } from '@rudder/shared/kinds';
import { useState } from 'react';
import { get } from '../api/client.js';
import type { ResourceValidation } from '@rudder/shared/protocol';
import { useFetch } from '../api/use-fetch.js';
import { stateTone } from '../resources/ServicesPage.js';
import { Card, Pill, Tabs } from '../ui/controls.js';
import { Link, useQueryParam, useRoute } from '../ui/router.js';
import { PageHeader } from '../ui/shell.js';
import { Async, Empty } from '../ui/states.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { HistoryTab } from './HistoryTab.js';
import { Notice, type NoticeState } from './parts.js';
import { ResourceEditor } from './ResourceEditor.js';
import { deleteResource, objectPath } from './resource-api.js';
import '../kinds/precompiled.js';
import './config.css';

const TABS = [
  ['yaml', 'YAML'],
  ['history', 'History'],
] as const;
type Tab = (typeof TABS)[number][0];

function Findings({ validation }: { validation?: ResourceValidation }) {
  const findings = [...(validation?.errors ?? []), ...(validation?.warnings ?? [])];
  if (findings.length === 0) return null;
  return (
    <Card title="Findings">
      <ul className="plain findings" data-testid="findings">
        {findings.map((f) => (
          <li key={`${f.code}${f.field}${f.message}`}>
            <Pill tone={f.severity === 'error' ? 'bad' : 'warn'}>{f.code}</Pill> <span className="mono">{f.field}</span> {f.message}
          </li>
        ))}
      </ul>
    </Card>
  );
}

export default function ResourcePage({ kind, namespace, name }: { kind: string; namespace: string; name: string }) {
  const def = kindByName(kind);
  const path = def ? objectPath(def, namespace, name) : undefined;
  const resource = useFetch(path ? (s) => get<Resource>(path, {}, s) : undefined, [path]);
  const validation = useFetch((s) => get<ResourceValidation>(`/rudder/v1/validations/${kind}/${namespace}/${name}`, {}, s), [kind, namespace, name]);
  const [tab, setTab] = useQueryParam('tab', 'yaml');
  const [deleting, setDeleting] = useState(false);
  const [notice, setNotice] = useState<NoticeState>();
  const { navigate } = useRoute();
  // Findings are recomputed after a write (debounced on the server): read them again shortly.
  const refreshFindings = () => setTimeout(validation.reload, 700);

  if (!def || !path) return <Empty title={`Unknown kind ${kind}`}>Rudder serves VirtualService, DestinationRule, Gateway, ServiceEntry and WorkloadEntry.</Empty>;

  const remove = async () => {
    try {
      await deleteResource(path);
      navigate(`/istio?deleted=${encodeURIComponent(`${kind} ${namespace}/${name}`)}`);
    } catch (error) {
      setDeleting(false);
      setNotice({ tone: 'bad', text: `Not deleted: ${(error as Error).message}` });
    }
  };

  const state = validation.data?.state;
  return (
    <div className="page config-page">
      <PageHeader
        title={`${kind} ${name}`}
        subtitle={`namespace ${namespace}`}
        actions={
          <>
            {state ? <Pill tone={stateTone(state)}>{state}</Pill> : null}
            <Link to="/istio" className="btn">
              All config
            </Link>
            <button type="button" className="btn danger" onClick={() => setDeleting(true)} disabled={!resource.data}>
              Delete
            </button>
          </>
        }
      />
      <Notice notice={notice} />
      <Findings {...(validation.data ? { validation: validation.data } : {})} />
      <Tabs<Tab> label="Resource views" value={tab === 'history' ? 'history' : 'yaml'} tabs={TABS} onChange={setTab} />
      {tab === 'history' ? (
        <HistoryTab
          kind={kind}
          namespace={namespace}
          name={name}
          onRolledBack={() => {
            resource.reload();
            refreshFindings();
          }}
        />
      ) : (
        <Async {...resource}>{(r) => <ResourceEditor key={r.metadata.resourceVersion} def={def} initial={r} onSaved={refreshFindings} />}</Async>
      )}
      {deleting ? (
        <ConfirmDialog title={`Delete ${kind} ${name}?`} confirm="Delete" onConfirm={remove} onCancel={() => setDeleting(false)}>
          <p>
            {kind} <b>{namespace}/{name}</b> is removed from the mesh configuration now; its history stays, and it can be restored from there by creating it again.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
