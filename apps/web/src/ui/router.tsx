// A small History-API router: the path and query as state, links that push, a hook to
// change the query in place (filters live in the URL, so views can be shared and reloaded),
// and leave guards: a page with unsaved work is asked before the app navigates away (and the
// browser asks before a reload or close).
import { createContext, type MouseEvent, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

interface Route {
  path: string;
  query: URLSearchParams;
  navigate: (to: string, replace?: boolean) => void;
}

const RouteContext = createContext<Route>({ path: '/', query: new URLSearchParams(), navigate: () => {} });

/** Questions to ask before leaving the current page (one per page with unsaved work). */
const leaveGuards = new Set<{ message: string }>();
const mayLeave = () => [...leaveGuards].every((g) => window.confirm(g.message));

/** While `active`, leaving the page through the app asks `message`; the browser asks before unloading. */
export function useLeaveGuard(active: boolean, message: string) {
  useEffect(() => {
    if (!active) return;
    const guard = { message };
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    leaveGuards.add(guard);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      leaveGuards.delete(guard);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [active, message]);
}

export function Router({ children }: { children: ReactNode }) {
  const [href, setHref] = useState(() => location.pathname + location.search);
  useEffect(() => {
    const onPop = () => setHref(location.pathname + location.search);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string, replace = false) => {
    // Query-only updates (filters) stay on the page; a real move asks the guards first.
    if (!replace && new URL(to, location.origin).pathname !== location.pathname && !mayLeave()) return;
    if (replace) history.replaceState(null, '', to);
    else history.pushState(null, '', to);
    setHref(to);
    if (!replace) window.scrollTo(0, 0);
  }, []);
  const value = useMemo(() => {
    const url = new URL(href, location.origin);
    return { path: url.pathname, query: url.searchParams, navigate };
  }, [href, navigate]);
  return <RouteContext.Provider value={value}>{children}</RouteContext.Provider>;
}

export const useRoute = () => useContext(RouteContext);

/** Reads and writes one query parameter (replacing history, so Back leaves the page). */
export function useQueryParam(name: string, fallback: string): [string, (v: string) => void] {
  const { query, path, navigate } = useRoute();
  const value = query.get(name) ?? fallback;
  const set = useCallback(
    (v: string) => {
      const q = new URLSearchParams(location.search);
      if (v === fallback) q.delete(name);
      else q.set(name, v);
      const s = q.toString();
      navigate(s ? `${path}?${s}` : path, true);
    },
    [name, fallback, path, navigate],
  );
  return [value, set];
}

export function Link({ to, children, className, title }: { to: string; children: ReactNode; className?: string; title?: string }) {
  const { navigate } = useRoute();
  const onClick = (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} className={className} title={title}>
      {children}
    </a>
  );
}
