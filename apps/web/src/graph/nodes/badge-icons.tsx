// Badge glyphs (kiali-graph.md §5): VirtualService branch, traffic shifting, circuit-breaker
// bolt, fault ban, mirroring, timeout clock, retries, and Rudder's live ejection and pool
// overflow marks with their counts.
import { memo } from 'react';
import type { Badge, BadgeKind } from '../model/types.js';

const GLYPHS: Record<BadgeKind, string> = {
  vs: 'M5 3v10M5 13a2 2 0 1 0 0 .01M11 5a2 2 0 1 0 0 .01M11 7c0 3-6 2-6 6',
  shift: 'M3 8h4l3-4h3M10 12h3M7 8l3 4',
  cb: 'M9 2 4 9h4l-1 5 5-7H8z',
  fault: 'M8 3a5 5 0 1 0 0 10A5 5 0 0 0 8 3zM4.5 4.5l7 7',
  mirror: 'M3 4h6v6H3zM7 7h6v6H7',
  timeout: 'M8 3a5 5 0 1 0 0 10A5 5 0 0 0 8 3zM8 5.5V8l2 1.5',
  retries: 'M12.5 8A4.5 4.5 0 1 1 10 4M10 2v2.5h2.5',
  ejected: 'M8 3l5 6H3zM3 12h10',
  overflow: 'M3 5h10v3a5 5 0 0 1-10 0zM8 13v1',
};

export const BadgeIcon = memo(function BadgeIcon({ badge }: { badge: Badge }) {
  return (
    <span className={`badge badge-${badge.kind}`} title={badge.title} role="img" aria-label={badge.title}>
      <svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true">
        <path d={GLYPHS[badge.kind]} fill={badge.kind === 'cb' ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {badge.count ? <span className="badge-count">{badge.count}</span> : null}
    </span>
  );
});

export const BADGE_NAMES: Record<BadgeKind, string> = {
  vs: 'VirtualService',
  shift: 'Traffic shifting',
  cb: 'Circuit breaker',
  fault: 'Fault injection',
  mirror: 'Mirroring',
  timeout: 'Request timeout',
  retries: 'Retries',
  ejected: 'Ejected endpoints (live)',
  overflow: 'Pool overflow (live)',
};
