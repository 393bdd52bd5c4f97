// A resource's revisions (the store's change log: who, when, what), a side-by-side diff
// between any two picked from the list, and one-click rollback, which the server writes as
// a new revision through the same validation as any save.
import type { Resource } from '@rudder/shared/kinds';
import { useState } from 'react';
import { get, post } from '../api/client.js';
import { useFetch } from '../api/use-fetch.js';
import { Card } from '../ui/controls.js';
import { Async, Empty } from '../ui/states.js';
import { DiffView } from './DiffView.js';
import { Notice, type NoticeState } from './parts.js';
import { defaultPair, type Revision } from './history.js';
import { editableText } from './resource-api.js';
import { Table } from '../ui/table.js';

const when = (at: string | number) => new Date(at).toLocaleString();

function RevisionDiff({ from, to }: { from: string; to: string }) {
  const load = (rv: string, s: AbortSignal) => get<Revision & { object: Resource }>(`/rudder/v1/revisions/${rv}`, {}, s);
  const pair = useFetch(async (s) => Promise.all([load(from, s), load(to, s)]), [from, to]);
  const text = (r: Revision & { object: Resource }) => (r.type === 'DELETED' ? '' : editableText(r.object));
  return <Async {...pair}>{([a, b]) => <DiffView a={text(a)} b={text(b)} aLabel={`Revision ${from}`} bLabel={`Revision ${to}`} testId="history-diff" />}</Async>;
}

export function HistoryTab({ kind, namespace, name, onRolledBack }: { kind: string; namespace: string; name: string; onRolledBack: () => void }) {
  const revisions = useFetch((s) => get<{ items: Revision[] }>('/rudder/v1/revisions', { kind, namespace, name }, s), [kind, namespace, name]);
  const [picked, setPicked] = useState<{ from?: string; to?: string }>({});
  const [notice, setNotice] = useState<NoticeState>();
  const [busy, setBusy] = useState<string>();

  const rollback = async (rv: string) => {
    setBusy(rv);
    try {
      const saved = await post<Resource>(`/rudder/v1/revisions/${rv}/rollback`);
      setNotice({ tone: 'ok', text: `Rolled back to revision ${rv}: saved as revision ${saved.metadata.resourceVersion}.` });
      setPicked({});
      revisions.reload();
      onRolledBack();
    } catch (error) {
      setNotice({ tone: 'bad', text: `Rollback refused: ${(error as Error).message}` });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Async {...revisions}>
      {({ items }) => {
        if (items.length === 0) return <Empty title="No revisions">This resource has no recorded changes.</Empty>;
        const { from, to } = defaultPair(items, picked);
        return (
          <>
            <Notice notice={notice} />
            <Card title="Revisions">
              <Table columns={['Revision', 'Change', 'By', 'When', 'Compare from', 'Compare to', { label: <span className="sr-only">Rollback</span>, key: 'Rollback' }]} className="revisions" testId="revisions">
                {items.map((r, i) => (
                  <tr key={r.resourceVersion} data-rv={r.resourceVersion}>
                    <td className="mono">{r.resourceVersion}</td>
                    <td>{r.type.toLowerCase()}</td>
                    <td>{r.actor}</td>
                    <td>{when(r.at)}</td>
                    <td>
                      <input type="radio" name="from" aria-label={`Compare from revision ${r.resourceVersion}`} checked={from === r.resourceVersion} onChange={() => setPicked({ from: r.resourceVersion, ...(to ? { to } : {}) })} />
                    </td>
                    <td>
                      <input type="radio" name="to" aria-label={`Compare to revision ${r.resourceVersion}`} checked={to === r.resourceVersion} onChange={() => setPicked({ ...(from ? { from } : {}), to: r.resourceVersion })} />
                    </td>
                    <td>
                      {i > 0 && r.type !== 'DELETED' ? (
                        <button type="button" className="btn small" disabled={busy !== undefined} onClick={() => rollback(r.resourceVersion)}>
                          {busy === r.resourceVersion ? 'Rolling back…' : 'Roll back to this'}
                        </button>
                      ) : i === 0 ? (
                        <span className="muted">current</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </Table>
            </Card>
            <Card title={from && to ? `Revision ${from} → ${to}` : 'Diff'}>{from && to ? <RevisionDiff from={from} to={to} /> : <p className="muted">Only one revision: nothing to compare yet.</p>}</Card>
          </>
        );
      }}
    </Async>
  );
}
