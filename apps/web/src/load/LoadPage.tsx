// The Load page (/load): start a `rudder load` run on the server (fortio's flags), watch it live,
// read its latency histogram, percentiles and response codes, and compare two kept runs.
// `?run=<id>` opens a run, `?compare=<a>,<b>` compares two.
import './load.css';
import { useCallback } from 'react';
import type { Whoami } from '../api/types.js';
import { get } from '../api/client.js';
import { useFetch } from '../api/use-fetch.js';
import { Card } from '../ui/controls.js';
import { useQueryParam } from '../ui/router.js';
import { PageHeader } from '../ui/shell.js';
import { Async } from '../ui/states.js';
import { listRuns } from './api.js';
import { Compare } from './Compare.js';
import { LoadForm } from './LoadForm.js';
import { RunList } from './RunList.js';
import { RunView } from './RunView.js';

export default function LoadPage() {
  const who = useFetch((s) => get<Whoami>('/rudder/v1/whoami', {}, s), []);
  const runs = useFetch((s) => listRuns(s), []);
  const [run, setRun] = useQueryParam('run', '');
  const [compareParam, setCompare] = useQueryParam('compare', '');
  const compare = compareParam.split(',').filter(Boolean);
  const canEdit = who.data?.role === 'editor';
  const { reload } = runs;
  const onEnded = useCallback(() => reload(), [reload]);
  // `mine`, not the owner's name: every dashboard session is named `dashboard`.
  const mineRunning = runs.data?.items.some((r) => r.state === 'running' && r.mine === true) ?? false;

  const toggleCompare = (id: string) => {
    const next = compare.includes(id) ? compare.filter((c) => c !== id) : [...compare, id].slice(-2);
    setCompare(next.join(','));
  };

  return (
    <div className="page load-page">
      <PageHeader
        title="Load"
        subtitle={
          <>
            Send load as fortio does (<span className="mono">rudder load</span>, the tutorial's fortio commands), watch it, and keep the results.
          </>
        }
      />
      <Card title="New run">
        <LoadForm
          canEdit={canEdit}
          busy={mineRunning}
          onStarted={(r) => {
            setRun(r.id);
            reload();
          }}
        />
      </Card>
      {compare.length === 2 && compare[0] && compare[1] ? (
        <Compare a={compare[0]} b={compare[1]} onClose={() => setCompare('')} />
      ) : null}
      {run ? <RunView key={run} id={run} canEdit={canEdit} onEnded={onEnded} /> : null}
      <Card
        title="Past runs"
        actions={
          compare.length === 1 ? <span className="muted small">Tick one more run to compare.</span> : compare.length === 0 ? <span className="muted small">Tick two runs to compare them.</span> : null
        }
      >
        <Async {...runs}>{(r) => <RunList runs={r.items} selected={run} compare={compare} onOpen={setRun} onToggleCompare={toggleCompare} />}</Async>
      </Card>
    </div>
  );
}
