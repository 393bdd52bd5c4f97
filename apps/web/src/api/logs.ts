// Follows /rudder/v1/logs (NDJSON, `follow=true`): each parsed line to the callback until
// the returned stop is called.
import { withQuery } from './client.js';
import type { LogLine } from './types.js';

export function followLogs(params: { workload?: string; namespace?: string; tail?: number }, onLine: (line: LogLine) => void, onError: (e: Error) => void): () => void {
  const ctl = new AbortController();
  (async () => {
    const res = await fetch(withQuery('/rudder/v1/logs', { ...params, follow: true }), { credentials: 'same-origin', signal: ctl.signal });
    if (!res.ok || !res.body) throw new Error(`the log stream answered ${res.status}`);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const l of lines) if (l.trim()) onLine(JSON.parse(l) as LogLine);
    }
  })().catch((e: Error) => {
    if (!ctl.signal.aborted) onError(e);
  });
  return () => ctl.abort();
}
