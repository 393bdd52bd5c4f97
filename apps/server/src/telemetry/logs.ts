// The proxies' recent access-log lines (Istio's JSON format) per instance, for the logs API,
// its follow mode and `kubectl logs <pod> -c istio-proxy`: one ring per instance (or
// workload, for a proxy that names no instance), a bounded number of them, and followers
// that get each new line as it arrives. Pure (clock injected).
import type { LogLines } from '@rudder/shared/protocol';

export interface LogLine {
  at: number;
  namespace: string;
  workload: string;
  instance?: string;
  line: string;
}

export interface LogQuery {
  namespace?: string;
  workload?: string;
  instance?: string;
  /** Only the newest `tail` lines. */
  tail?: number;
  /** Only lines received at or after this epoch ms. */
  sinceMs?: number;
}

export interface LogStore {
  append(proxy: string, lines: readonly LogLines[]): void;
  query(q: LogQuery): LogLine[];
  /** Calls `onLine` for each new line that matches; returns the unsubscribe function. */
  follow(q: LogQuery, onLine: (line: LogLine) => void): () => void;
}

interface Ring {
  lines: LogLine[];
  next: number;
}

const matches = (q: LogQuery, l: LogLine) =>
  (!q.namespace || l.namespace === q.namespace) && (!q.workload || l.workload === q.workload) && (!q.instance || l.instance === q.instance);

export function createLogStore(now: () => number, options: { perInstance?: number; maxInstances?: number } = {}): LogStore {
  const perInstance = options.perInstance ?? 1000;
  const maxInstances = options.maxInstances ?? 100;
  const rings = new Map<string, Ring>();
  const followers = new Set<{ q: LogQuery; onLine: (line: LogLine) => void }>();

  return {
    append(_proxy, groups) {
      const at = now();
      for (const g of groups) {
        const key = `${g.workload.namespace}/${g.instance ?? g.workload.workload}`;
        let ring = rings.get(key);
        if (!ring) {
          if (rings.size >= maxInstances) rings.delete(rings.keys().next().value as string);
          ring = { lines: [], next: 0 };
          rings.set(key, ring);
        }
        for (const text of g.lines) {
          const line: LogLine = { at, namespace: g.workload.namespace, workload: g.workload.workload, ...(g.instance ? { instance: g.instance } : {}), line: text };
          if (ring.lines.length < perInstance) ring.lines.push(line);
          else ring.lines[ring.next] = line;
          ring.next = (ring.next + 1) % perInstance;
          for (const f of followers) if (matches(f.q, line)) f.onLine(line);
        }
      }
    },
    query(q) {
      const out: LogLine[] = [];
      for (const ring of rings.values()) {
        const ordered = ring.lines.length < perInstance ? ring.lines : [...ring.lines.slice(ring.next), ...ring.lines.slice(0, ring.next)];
        for (const l of ordered) if (matches(q, l) && (q.sinceMs === undefined || l.at >= q.sinceMs)) out.push(l);
      }
      out.sort((a, b) => a.at - b.at);
      return q.tail !== undefined && q.tail >= 0 ? out.slice(Math.max(0, out.length - q.tail)) : out;
    },
    follow(q, onLine) {
      const entry = { q, onLine };
      followers.add(entry);
      return () => followers.delete(entry);
    },
  };
}
