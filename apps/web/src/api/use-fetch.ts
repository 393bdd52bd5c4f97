// One hook for every read: loading, data, error, a reload, and an optional refresh
// interval; the previous data stays on screen while a reload runs (no layout jump).
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Fetched<T> {
  data?: T;
  error?: Error;
  loading: boolean;
  reload: () => void;
}

export function useFetch<T>(load: ((signal: AbortSignal) => Promise<T>) | undefined, deps: readonly unknown[], refreshMs?: number): Fetched<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: Boolean(load) });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(() => setTick((t) => t + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load again
  useEffect(() => {
    const fn = loadRef.current;
    if (!fn) return;
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    fn(ctl.signal).then(
      (data) => !ctl.signal.aborted && setState({ data, loading: false }),
      (error: Error) => !ctl.signal.aborted && setState((s) => ({ ...s, error, loading: false })),
    );
    return () => ctl.abort();
  }, [...deps, tick]);

  useEffect(() => {
    if (!refreshMs) return;
    const id = setInterval(reload, refreshMs);
    return () => clearInterval(id);
  }, [refreshMs, reload]);

  return { ...state, reload };
}
