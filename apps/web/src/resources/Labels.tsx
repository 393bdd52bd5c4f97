// Kubernetes labels as quiet pills.
import { Pill } from '../ui/controls.js';

export function Labels({ labels }: { labels?: Record<string, string> }) {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return <span className="muted">none</span>;
  return (
    <span className="labels">
      {entries.map(([k, v]) => (
        <Pill key={k}>
          {k}={v}
        </Pill>
      ))}
    </span>
  );
}
