// Istio Config (/istio): every stored resource with its validation state (Istio's errors,
// Kiali's KIA findings as warnings), filtered by kind, namespace, name and state in the URL;
// create (/istio/new/<Kind>) and delete with confirmation.
import { KINDS, type Resource } from '@rudder/shared/kinds';
import { useMemo, useState } from 'react';
import { get } from '../api/client.js';
import { useFetch } from '../api/use-fetch.js';
import { stateTone } from '../resources/ServicesPage.js';
import { Card, Pill, Select } from '../ui/controls.js';
import { Link, useQueryParam, useRoute } from '../ui/router.js';
import { PageHeader } from '../ui/shell.js';
import { Async, Empty } from '../ui/states.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { NewResource } from './NewResource.js';
import { Notice, type NoticeState } from './parts.js';
import { deleteResource, objectPath } from './resource-api.js';
import { buildRows, type ConfigRow, filterRows, headline } from './rows.js';
import { useValidations } from './use-validations.js';
import { Table } from '../ui/table.js';
import '../kinds/precompiled.js';
import './config.css';

const KIND_OPTIONS = [['all', 'All kinds'] as const, ...KINDS.map((k) => [k.kind, k.kind] as const)];
const STATE_OPTIONS = [
  ['all', 'Any state'],
  ['error', 'Errors'],
  ['warning', 'Warnings'],
  ['valid', 'Valid'],
] as const;

/** Every kind's list, all namespaces, through the Kubernetes-style API. */
const loadAll = (signal: AbortSignal) =>
  Promise.all(KINDS.map((def) => get<{ items: Resource[] }>(`/apis/${def.group}/${def.versions[0]}/${def.plural}`, {}, signal))).then((lists) => lists.flatMap((l) => l.items));

function CreateControl() {
  const [kind, setKind] = useState(KINDS[0]?.kind ?? 'VirtualService');
  const { navigate } = useRoute();
  return (
    <span className="create-control">
      <Select label="New resource of kind" value={kind} options={KINDS.map((k) => [k.kind, k.kind] as const)} onChange={setKind} />
      <button type="button" className="btn primary" onClick={() => navigate(`/istio/new/${kind}`)}>
        Create
      </button>
    </span>
  );
}

function StateCell({ row }: { row: ConfigRow }) {
  if (!row.state) return <span className="muted">checking…</span>;
  const first = headline(row);
  const count = row.errors.length + row.warnings.length;
  return (
    <span className="state-cell">
      <Pill tone={stateTone(row.state)}>{row.state}</Pill>
      {first ? (
        <span className="muted" title={`${first.field}: ${first.message}`}>
          <span className="mono">{first.code}</span> {first.message}
          {count > 1 ? ` (+${count - 1} more)` : ''}
        </span>
      ) : null}
    </span>
  );
}

function ConfigList() {
  const resources = useFetch(loadAll, [], 10_000);
  const validations = useValidations();
  const [kind, setKind] = useQueryParam('kind', 'all');
  const [namespace, setNamespace] = useQueryParam('namespace', 'all');
  const [name, setName] = useQueryParam('name', '');
  const [state, setState] = useQueryParam('state', 'all');
  const [doomed, setDoomed] = useState<ConfigRow>();
  const [notice, setNotice] = useState<NoticeState>();
  const { query } = useRoute();
  const deleted = query.get('deleted');

  const rows = useMemo(() => buildRows(resources.data ?? [], validations.items), [resources.data, validations.items]);
  const namespaces = useMemo(() => [...new Set(rows.map((r) => r.namespace))].sort(), [rows]);
  const shown = filterRows(rows, { kind, namespace, name, state });

  const remove = async (row: ConfigRow) => {
    const def = KINDS.find((k) => k.kind === row.kind);
    if (!def) return;
    try {
      await deleteResource(objectPath(def, row.namespace, row.name));
      setNotice({ tone: 'ok', text: `Deleted ${row.kind} ${row.namespace}/${row.name}.` });
      resources.reload();
    } catch (error) {
      setNotice({ tone: 'bad', text: `Not deleted: ${(error as Error).message}` });
    }
    setDoomed(undefined);
  };

  return (
    <div className="page config-page">
      <PageHeader title="Istio Config" subtitle="Every VirtualService, DestinationRule, Gateway, ServiceEntry and WorkloadEntry, with Istio's and Kiali's findings." actions={<CreateControl />} />
      <Notice notice={notice ?? (deleted ? { tone: 'ok', text: `Deleted ${deleted}.` } : undefined)} />
      <div className="filters">
        <Select label="Kind" value={kind} options={KIND_OPTIONS} onChange={setKind} />
        <Select label="Namespace" value={namespace} options={[['all', 'All namespaces'] as const, ...namespaces.map((n) => [n, n] as const)]} onChange={setNamespace} />
        <span className="field">
          <label htmlFor="config-name">Name</label>
          <input id="config-name" type="search" value={name} placeholder="Part of a name" onChange={(e) => setName(e.target.value)} />
        </span>
        <Select label="State" value={state} options={STATE_OPTIONS} onChange={setState} />
        {validations.error ? <span className="error-text">Validation states unavailable: {validations.error.message}</span> : null}
      </div>
      <Async {...resources}>
        {() =>
          rows.length === 0 ? (
            <Empty title="No Istio config yet">
              Create a resource above, or apply a scenario on the <Link to="/sandbox">Sandbox</Link> page.
            </Empty>
          ) : shown.length === 0 ? (
            <Empty title="Nothing matches these filters">Clear a filter to see more of the {rows.length} resources.</Empty>
          ) : (
            <Card>
              <Table columns={['Name', 'Kind', 'Namespace', 'Validation', { label: <span className="sr-only">Actions</span>, key: 'Actions' }]} testId="config-list">
                {shown.map((r) => (
                  <tr key={`${r.kind}/${r.namespace}/${r.name}`} data-row={`${r.kind}/${r.namespace}/${r.name}`}>
                    <td>
                      <Link to={`/config/${r.kind}/${r.namespace}/${r.name}`}>{r.name}</Link>
                    </td>
                    <td>{r.kind}</td>
                    <td>{r.namespace}</td>
                    <td>
                      <StateCell row={r} />
                    </td>
                    <td className="row-actions">
                      <button type="button" className="btn small ghost" onClick={() => setDoomed(r)} aria-label={`Delete ${r.kind} ${r.namespace}/${r.name}`}>
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </Table>
            </Card>
          )
        }
      </Async>
      {doomed ? (
        <ConfirmDialog title={`Delete ${doomed.kind} ${doomed.name}?`} confirm="Delete" onConfirm={() => remove(doomed)} onCancel={() => setDoomed(undefined)}>
          <p>
            {doomed.kind} <b>{doomed.namespace}/{doomed.name}</b> is removed from the mesh configuration now. Its history stays.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

export default function IstioConfigPage({ newKind }: { newKind?: string }) {
  return newKind ? <NewResource kind={newKind} /> : <ConfigList />;
}
