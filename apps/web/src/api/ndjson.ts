// Follows an NDJSON stream from Rudder's API (logs with follow=true, validations with
// watch=true, a load run's progress): each parsed line to `onItem`, in order, until the
// stream ends or the returned stop is called. Errors other than the stop go to `onError`.
export function followNdjson<T>(path: string, what: string, onItem: (item: T) => void, onError: (e: Error) => void): () => void {
  const ctl = new AbortController();
  (async () => {
    const res = await fetch(path, { credentials: 'same-origin', signal: ctl.signal });
    if (!res.ok || !res.body) throw new Error(`the ${what} stream answered ${res.status}`);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const l of lines) if (l.trim()) onItem(JSON.parse(l) as T);
    }
  })().catch((e: Error) => {
    if (!ctl.signal.aborted) onError(e);
  });
  return () => ctl.abort();
}
