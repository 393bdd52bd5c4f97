// The run form: target (preset to the sandbox's productpage through its gateway), connections,
// qps, a call count or a duration, and extra headers. The server checks the caps and names the
// field it refuses; that message shows under the form.
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { LOAD_LIMITS, type LoadRun } from '@rudder/shared/protocol';
import { Segmented } from '../ui/controls.js';
import { sandboxTarget, startRun } from './api.js';
import { DEFAULT_FORM, type LoadForm as Form, toRequest } from './model.js';

function Field({ label, hint, children }: { label: string; hint?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint ? <small className="muted">{hint}</small> : null}
    </span>
  );
}

export function LoadForm({ canEdit, busy, onStarted }: { canEdit: boolean; busy: boolean; onStarted: (run: LoadRun) => void }) {
  const [form, setForm] = useState<Form>(DEFAULT_FORM);
  const [preset, setPreset] = useState<'sandbox' | 'none' | 'loading'>('loading');
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));

  useEffect(() => {
    const ctl = new AbortController();
    sandboxTarget(ctl.signal).then(
      (url) => {
        setPreset(url ? 'sandbox' : 'none');
        setForm((f) => (f.url ? f : { ...f, url: url ?? 'http://127.0.0.1:8080/productpage' }));
      },
      () => {
        if (ctl.signal.aborted) return;
        setPreset('none');
        setForm((f) => (f.url ? f : { ...f, url: 'http://127.0.0.1:8080/productpage' }));
      },
    );
    return () => ctl.abort();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      onStarted(await startRun(toRequest(form)));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSending(false);
    }
  };

  const disabled = !canEdit || sending || busy;
  return (
    // The server checks every field and names the one it refuses; the browser's own checks would hide that.
    <form className="load-form" onSubmit={submit} aria-label="Start a load run" noValidate>
      <Field label="Target URL" hint={preset === 'sandbox' ? "The sandbox's productpage, through the ingress gateway." : preset === 'none' ? 'No sandbox is registered: the default gateway address.' : undefined}>
        {(id) => <input id={id} type="text" className="load-url" value={form.url} onChange={(e) => set({ url: e.target.value })} spellCheck={false} required />}
      </Field>
      <div className="load-row">
        <Field label="Connections" hint={`1–${LOAD_LIMITS.maxConnections}`}>
          {(id) => <input id={id} type="number" min={1} max={LOAD_LIMITS.maxConnections} value={form.connections} onChange={(e) => set({ connections: e.target.value })} />}
        </Field>
        <Field label="QPS" hint="0: as fast as possible">
          {(id) => <input id={id} type="number" min={0} step="any" value={form.qps} onChange={(e) => set({ qps: e.target.value })} />}
        </Field>
        <Segmented
          label="Run for"
          value={form.mode}
          options={[
            ['duration', 'Duration'],
            ['calls', 'Calls'],
          ]}
          onChange={(mode) => set({ mode })}
        />
        {form.mode === 'duration' ? (
          <Field label="Duration" hint={`up to ${LOAD_LIMITS.maxDurationSeconds}s`}>
            {(id) => <input id={id} type="text" className="short" value={form.duration} onChange={(e) => set({ duration: e.target.value })} />}
          </Field>
        ) : (
          <Field label="Calls" hint={`up to ${LOAD_LIMITS.maxCalls}`}>
            {(id) => <input id={id} type="number" min={1} max={LOAD_LIMITS.maxCalls} value={form.calls} onChange={(e) => set({ calls: e.target.value })} />}
          </Field>
        )}
      </div>
      <Field label="Headers" hint="One per line, such as end-user: tester">
        {(id) => <textarea id={id} rows={2} value={form.headers} onChange={(e) => set({ headers: e.target.value })} spellCheck={false} placeholder="end-user: tester" />}
      </Field>
      <div className="load-actions">
        <button type="submit" className="btn primary" disabled={disabled}>
          {sending ? 'Starting…' : 'Start load'}
        </button>
        {!canEdit ? <span className="muted">Only editors can start a load.</span> : busy ? <span className="muted">Your run is in progress.</span> : null}
      </div>
      {error ? (
        <p className="notice bad" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
