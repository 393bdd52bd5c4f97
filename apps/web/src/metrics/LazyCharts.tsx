// The charts load on demand (recharts is most of the bundle), so the graph paints first.
import { lazy, Suspense } from 'react';
import { Loading } from '../ui/states.js';
import type { Selector } from './selectors.js';

const Charts = lazy(() => import('./Charts.js').then((m) => ({ default: m.MetricsCharts })));

export function MetricsCharts(props: { selector: Selector; duration: string; refreshKey?: unknown }) {
  return (
    <Suspense fallback={<Loading label="Loading charts…" />}>
      <Charts {...props} />
    </Suspense>
  );
}
