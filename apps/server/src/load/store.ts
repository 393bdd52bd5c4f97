// Load runs in SQLite (migration 4): the request, who ran it, how it ended, a summary for the
// list, and fortio's JSON result, kept so two runs can be compared later.
import type { FortioResult, LoadRun, LoadRunDetail, LoadState, LoadSummary } from '@rudder/shared/protocol';
import type { Db } from '../store/db.js';

interface Row {
  id: string;
  owner: string;
  state: LoadState;
  request: string;
  started_at: string;
  finished_at: string | null;
  summary: string | null;
  result: string | null;
  error: string | null;
}

export interface LoadStore {
  insert(run: LoadRun): void;
  finish(id: string, end: { state: LoadState; finishedAt: string; summary?: LoadSummary; result?: FortioResult; error?: string }): void;
  get(id: string): LoadRunDetail | undefined;
  /** Newest first. */
  list(limit: number): LoadRun[];
  remove(id: string): boolean;
  /** Runs left `running` by a server that stopped: they can never end now. */
  failInterrupted(finishedAt: string): void;
}

function toRun(r: Row): LoadRun {
  return {
    id: r.id,
    owner: r.owner,
    state: r.state,
    request: JSON.parse(r.request) as LoadRun['request'],
    startedAt: r.started_at,
    ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
    ...(r.summary ? { summary: JSON.parse(r.summary) as LoadSummary } : {}),
    ...(r.error ? { error: r.error } : {}),
  };
}

export function createLoadStore(db: Db): LoadStore {
  const insert = db.prepare('INSERT INTO load_runs (id, owner, state, request, started_at) VALUES (?, ?, ?, ?, ?)');
  const finish = db.prepare('UPDATE load_runs SET state = ?, finished_at = ?, summary = ?, result = ?, error = ? WHERE id = ?');
  const get = db.prepare<[string], Row>('SELECT * FROM load_runs WHERE id = ?');
  const list = db.prepare<[number], Row>(
    'SELECT id, owner, state, request, started_at, finished_at, summary, NULL AS result, error FROM load_runs ORDER BY started_at DESC, rowid DESC LIMIT ?',
  );
  const remove = db.prepare('DELETE FROM load_runs WHERE id = ?');
  const failInterrupted = db.prepare("UPDATE load_runs SET state = 'failed', finished_at = ?, error = 'the server stopped during the run' WHERE state = 'running'");
  return {
    insert: (run) => void insert.run(run.id, run.owner, run.state, JSON.stringify(run.request), run.startedAt),
    finish: (id, e) =>
      void finish.run(e.state, e.finishedAt, e.summary ? JSON.stringify(e.summary) : null, e.result ? JSON.stringify(e.result) : null, e.error ?? null, id),
    get: (id) => {
      const row = get.get(id);
      if (!row) return undefined;
      return { ...toRun(row), ...(row.result ? { result: JSON.parse(row.result) as FortioResult } : {}) };
    },
    list: (limit) => list.all(limit).map(toRun),
    remove: (id) => remove.run(id).changes > 0,
    failInterrupted: (at) => void failInterrupted.run(at),
  };
}

/** The list's figures from fortio's JSON (its histogram is in seconds). */
export function summarize(r: FortioResult): LoadSummary {
  const h = r.DurationHistogram;
  const ms = (s: number) => Math.round(s * 1e6) / 1e3;
  const p = (q: number) => ms(h.Percentiles?.find((x) => x.Percentile === q)?.Value ?? 0);
  return {
    calls: h.Count,
    actualQps: Math.round(r.ActualQPS * 10) / 10,
    avgMs: ms(h.Avg),
    p50Ms: p(50),
    p90Ms: p(90),
    p99Ms: p(99),
    maxMs: ms(h.Max),
    codes: r.RetCodes,
    durationSeconds: Math.round(r.ActualDuration / 1e6) / 1e3,
  };
}
