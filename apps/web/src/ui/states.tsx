// Loading, empty and error states that keep their space and say what to do next.
import type { ReactNode } from 'react';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state empty">
      <strong>{title}</strong>
      {children ? <div className="state-help">{children}</div> : null}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  return (
    <div className="state error" role="alert">
      <strong>Could not load this</strong>
      <div className="state-help">{error.message}</div>
      {onRetry ? (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** Shows one of the three states, or the children once there is data. */
export function Async<T>({ data, error, loading, reload, children }: { data?: T; error?: Error; loading: boolean; reload?: () => void; children: (data: T) => ReactNode }) {
  if (data !== undefined) return <>{children(data)}</>;
  if (error) return <ErrorState error={error} {...(reload ? { onRetry: reload } : {})} />;
  if (loading) return <Loading />;
  return null;
}
