// Follows /rudder/v1/validations?watch=true (NDJSON): the whole list again after every
// recomputation, so the Istio Config page's states change without a reload.
import { useEffect, useState } from 'react';
import type { ResourceValidation } from '../api/types.js';

export function useValidations(): { items?: ResourceValidation[]; error?: Error } {
  const [state, setState] = useState<{ items?: ResourceValidation[]; error?: Error }>({});
  useEffect(() => {
    const ctl = new AbortController();
    (async () => {
      const res = await fetch('/rudder/v1/validations?watch=true', { credentials: 'same-origin', signal: ctl.signal });
      if (!res.ok || !res.body) throw new Error(`the validations stream answered ${res.status}`);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        const last = lines.filter((l) => l.trim()).at(-1);
        if (last) setState({ items: (JSON.parse(last) as { items: ResourceValidation[] }).items });
      }
    })().catch((error: Error) => {
      if (!ctl.signal.aborted) setState((s) => ({ ...s, error }));
    });
    return () => ctl.abort();
  }, []);
  return state;
}
