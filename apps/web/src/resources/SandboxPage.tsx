// The sandbox panel: the tutorial's scenarios (what each does, what to look for, where
// today's Istio differs), apply or reset, and the traffic generator's controls.
import { useState } from 'react';
import { get, post } from '../api/client.js';
import type { SandboxScenario, ScenarioList } from '@rudder/shared/protocol';
import { useFetch } from '../api/use-fetch.js';
import { Card, Pill } from '../ui/controls.js';
import { Link } from '../ui/router.js';
import { PageHeader } from '../ui/shell.js';
import { Async, Empty } from '../ui/states.js';
import { TrafficControls } from './TrafficControls.js';

function ScenarioCard({ s, active, busy, onApply }: { s: SandboxScenario; active: boolean; busy: boolean; onApply: (variant?: string) => void }) {
  const [variant, setVariant] = useState('');
  return (
    <Card
      className={active ? 'scenario active' : 'scenario'}
      title={
        <>
          <span className="scenario-id">{s.id}</span> {s.title} {active ? <Pill tone="info">Applied</Pill> : null}
        </>
      }
      actions={
        <span className="page-actions">
          {s.variants?.length ? (
            <select aria-label={`Variant of ${s.id}`} value={variant} onChange={(e) => setVariant(e.target.value)}>
              <option value="">Main</option>
              {s.variants.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.title}
                </option>
              ))}
            </select>
          ) : null}
          <button type="button" className="btn primary small" disabled={busy} onClick={() => onApply(variant || undefined)} data-testid={`apply-${s.id}`}>
            {active ? 'Apply again' : 'Apply'}
          </button>
        </span>
      }
    >
      <p>{s.summary}</p>
      <details open={active}>
        <summary>What to look for</summary>
        <ul>
          {s.lookFor.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
        {s.signInAs ? <p className="muted">Signed-in user for this scenario: {s.signInAs} (the traffic generator sends some requests as them).</p> : null}
        {s.istioDiffers.length ? (
          <>
            <h3>Where today's Istio differs</h3>
            <ul>
              {s.istioDiffers.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          </>
        ) : null}
      </details>
    </Card>
  );
}

export function SandboxPage() {
  const list = useFetch((s) => get<ScenarioList>('/rudder/v1/sandbox/scenarios', {}, s), []);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const run = async (what: string, call: () => Promise<unknown>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await call();
      setMessage({ ok: true, text: what });
      list.reload();
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="page">
      <PageHeader
        title="Sandbox"
        subtitle="Bookinfo behind Rudder's proxies, and the Istio tutorial's traffic-management scenarios."
        actions={
          <button type="button" className="btn" disabled={busy} onClick={() => run('Reset to the baseline config.', () => post('/rudder/v1/sandbox/scenarios/reset'))} data-testid="reset">
            Reset to baseline
          </button>
        }
      />
      <div className="sandbox-grid">
        <div>
          {message ? (
            <div className={`notice ${message.ok ? 'ok' : 'bad'}`} role={message.ok ? 'status' : 'alert'}>
              {message.text} {message.ok ? <Link to="/graph">Open the graph</Link> : null}
            </div>
          ) : null}
          <Async {...list}>
            {(l) =>
              l.items.length === 0 ? (
                <Empty title="No scenarios">The sandbox has no scenario catalogue.</Empty>
              ) : (
                l.items.map((s) => (
                  <ScenarioCard
                    key={s.id}
                    s={s}
                    active={l.active === s.id}
                    busy={busy}
                    onApply={(variant) => run(`Applied ${s.id}: ${s.title}.`, () => post(`/rudder/v1/sandbox/scenarios/${encodeURIComponent(s.id)}/apply`, variant ? { variant } : {}))}
                  />
                ))
              )
            }
          </Async>
        </div>
        <TrafficControls />
      </div>
    </div>
  );
}
