// Find and Hide boxes (kiali-graph.md §7) with presets; a query that cannot be read says
// why under the box and leaves the graph as it was.
import { useEffect, useId, useState } from 'react';
import { parseQuery } from '../model/find.js';

const PRESETS = {
  find: ['rt > 1000', '%error > 10', '! healthy', 'name = unknown', 'cb', 'ejected'],
  hide: ['healthy', 'name = unknown', 'http < 0.1'],
};

function QueryBox({ kind, value, onChange }: { kind: 'find' | 'hide'; value: string; onChange: (v: string) => void }) {
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const parsed = parseQuery(text);
  const commit = () => parsed.ok && text !== value && onChange(text.trim());
  return (
    <div className="query-box">
      <label htmlFor={id}>{kind === 'find' ? 'Find' : 'Hide'}</label>
      <input
        id={id}
        type="search"
        list={`${id}-presets`}
        value={text}
        placeholder={kind === 'find' ? 'name, label:app=x, rt > 1000, %error > 10' : 'healthy, name = unknown'}
        className={parsed.ok ? '' : 'invalid'}
        aria-invalid={!parsed.ok}
        aria-describedby={parsed.ok ? undefined : `${id}-err`}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
        onBlur={commit}
      />
      <datalist id={`${id}-presets`}>
        {PRESETS[kind].map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      {parsed.ok ? null : (
        <span id={`${id}-err`} className="query-error" role="alert">
          {parsed.error}
        </span>
      )}
    </div>
  );
}

export function FindHide({ find, hide, onFind, onHide, matches }: { find: string; hide: string; onFind: (v: string) => void; onHide: (v: string) => void; matches: number }) {
  return (
    <div className="queries">
      <QueryBox kind="find" value={find} onChange={onFind} />
      <QueryBox kind="hide" value={hide} onChange={onHide} />
      {find ? (
        <span className="muted find-count" role="status">
          {matches} found
        </span>
      ) : null}
    </div>
  );
}
