// The request to simulate: who sends it (the ingress gateway or a registered workload), the
// Host and port, method, path with query, and headers as editable rows. Submitting writes it
// to the URL; the page simulates whatever the URL holds.
import { type FormEvent, useEffect, useId, useRef } from 'react';
import type { Workload } from '../api/types.js';
import { type HeaderRow, METHODS, type SimForm } from './form.js';

interface Props {
  form: SimForm;
  workloads: readonly Workload[];
  problems: readonly string[];
  busy: boolean;
  onChange: (form: SimForm) => void;
  onSubmit: () => void;
}

export function SimulatorForm({ form, workloads, problems, busy, onChange, onSubmit }: Props) {
  const id = useId();
  const set = <K extends keyof SimForm>(key: K, value: SimForm[K]) => onChange({ ...form, [key]: value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  const sources = [...workloads].sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
  const known = form.from === 'gateway' || sources.some((w) => `${w.namespace}/${w.name}` === form.from);
  return (
    <form className="sim-form card" onSubmit={submit} aria-label="Request to simulate">
      <div className="sim-row">
        <label className="field" htmlFor={`${id}-from`}>
          Source
          <select id={`${id}-from`} value={form.from} onChange={(e) => set('from', e.target.value)} data-testid="sim-from">
            <option value="gateway">Ingress gateway</option>
            {sources.map((w) => (
              <option key={`${w.namespace}/${w.name}`} value={`${w.namespace}/${w.name}`}>
                {w.name} ({w.namespace})
              </option>
            ))}
            {known ? null : <option value={form.from}>{form.from}</option>}
          </select>
        </label>
        <label className="field" htmlFor={`${id}-method`}>
          Method
          <select id={`${id}-method`} value={form.method} onChange={(e) => set('method', e.target.value)} data-testid="sim-method">
            {METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label className="field grow" htmlFor={`${id}-host`}>
          Host
          <input id={`${id}-host`} type="text" value={form.host} placeholder={form.from === 'gateway' ? 'bookinfo.example.com' : 'reviews'} onChange={(e) => set('host', e.target.value)} data-testid="sim-host" />
        </label>
        <label className="field port" htmlFor={`${id}-port`}>
          Port
          <input id={`${id}-port`} type="text" inputMode="numeric" value={form.port} placeholder={form.from === 'gateway' ? '8080' : '9080'} onChange={(e) => set('port', e.target.value)} data-testid="sim-port" />
        </label>
      </div>
      <label className="field wide" htmlFor={`${id}-path`}>
        Path and query
        <input id={`${id}-path`} type="text" className="mono" value={form.path} placeholder="/productpage?test-v2=true" onChange={(e) => set('path', e.target.value)} data-testid="sim-path" />
      </label>
      <HeaderRows rows={form.headers} onChange={(rows) => set('headers', rows)} />
      {problems.length > 0 ? (
        <ul className="sim-problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <div className="sim-actions">
        <button type="submit" className="btn primary" disabled={busy} data-testid="sim-submit">
          {busy ? 'Simulating…' : 'Simulate'}
        </button>
        <span className="muted">Runs the proxies' own route table and matcher over the stored config; nothing is sent.</span>
      </div>
    </form>
  );
}

function HeaderRows({ rows, onChange }: { rows: readonly HeaderRow[]; onChange: (rows: HeaderRow[]) => void }) {
  const update = (i: number, row: HeaderRow) => onChange(rows.map((r, j) => (j === i ? row : r)));
  const box = useRef<HTMLFieldSetElement>(null);
  const added = useRef(false);
  // A new row takes the focus, so adding a header is one key press and then typing.
  const count = rows.length;
  useEffect(() => {
    if (!added.current || count === 0) return;
    added.current = false;
    box.current?.querySelector<HTMLInputElement>('.sim-header:last-of-type input')?.focus();
  }, [count]);
  const add = () => {
    added.current = true;
    onChange([...rows, ['', '']]);
  };
  return (
    <fieldset className="sim-headers" ref={box}>
      <legend>Headers</legend>
      {rows.length === 0 ? <p className="muted">None. Sign-in shows up as <code>end-user</code> (and the <code>cookie</code> productpage relays).</p> : null}
      {rows.map(([name, value], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position while edited
        <div className="sim-header" key={i} data-testid="sim-header">
          <input type="text" aria-label={`Header ${i + 1} name`} value={name} placeholder="end-user" className="mono" onChange={(e) => update(i, [e.target.value, value])} />
          <input type="text" aria-label={`Header ${i + 1} value`} value={value} placeholder="jason" className="mono" onChange={(e) => update(i, [name, e.target.value])} />
          <button type="button" className="btn small ghost" aria-label={`Remove header ${name || i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="btn small" onClick={add} data-testid="sim-add-header">
        Add header
      </button>
    </fieldset>
  );
}
