// The run manager: each load run is a `rudder load -json - -progress` child process (one engine,
// off the server's event loop), its progress lines fanned out to watchers, its JSON stored when it
// ends. One running load per owner (an API token or one dashboard session: sessions share the
// name `dashboard`, so the token's id tells them apart); a wall-clock cap stops a run that
// outlives its limit.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { RudderError } from '@rudder/shared/errors';
import { type FortioResult, LOAD_LIMITS, type LoadEvent, type LoadProgress, type LoadRun, type LoadState } from '@rudder/shared/protocol';
import { parseDuration } from '@rudder/shared/values';
import { type CliCommand, locateCli } from './cli-entry.js';
import { loadArgs, type NormalizedLoad } from './request.js';
import { type LoadStore, summarize } from './store.js';

export interface LoadManagerOptions {
  store: LoadStore;
  cli?: () => CliCommand;
  now?: () => Date;
  /** Runs at once over all users (each is a process with up to 64 connections). */
  maxRunning?: number;
  /** Grace after a run's own end before it is interrupted (SIGINT: fortio prints the partial result). */
  graceMs?: number;
}

/** Who starts a run: `id` keys the one-running-load rule, `name` is what the run shows. */
export interface LoadOwner {
  id: string;
  name: string;
}

interface LiveRun {
  run: LoadRun;
  ownerId: string;
  child: ChildProcess;
  watchers: Set<(e: LoadEvent) => void>;
  stdout: string;
  /** The CLI's non-progress stderr lines, the last few, for a failure's reason. */
  notes: string[];
  stopReason?: string;
  timers: NodeJS.Timeout[];
}

export interface LoadManager {
  start(owner: LoadOwner, request: NormalizedLoad): LoadRun;
  /** Whether a running run was started by this owner id; false once it has ended. */
  isOwner(id: string, ownerId: string): boolean;
  /** Interrupts a running run; it ends `stopped` with the calls made so far. */
  stop(id: string, why?: string): boolean;
  /** The run as it is now: live (with its last progress) or stored. */
  current(id: string): LoadRun | undefined;
  /** Calls back with each progress line and the end; undefined when the run is not running. */
  watch(id: string, onEvent: (e: LoadEvent) => void): (() => void) | undefined;
  close(): Promise<void>;
}

export function createLoadManager(o: LoadManagerOptions): LoadManager {
  const now = o.now ?? (() => new Date());
  const live = new Map<string, LiveRun>();
  const maxRunning = o.maxRunning ?? 4;
  const grace = o.graceMs ?? 5000;
  o.store.failInterrupted(now().toISOString());

  const emit = (l: LiveRun, e: LoadEvent) => {
    for (const w of l.watchers) w(e);
  };

  function onStderrLine(l: LiveRun, line: string) {
    if (line.startsWith('{"progress"')) {
      try {
        l.run.progress = (JSON.parse(line) as { progress: LoadProgress }).progress;
        emit(l, { type: 'progress', progress: l.run.progress });
        return;
      } catch {
        // not ours after all: keep it as a note
      }
    }
    if (line.trim() !== '') l.notes = [...l.notes.slice(-19), line];
  }

  function end(l: LiveRun, code: number | null, spawnError?: Error) {
    if (!live.delete(l.run.id)) return;
    for (const t of l.timers) clearTimeout(t);
    let result: FortioResult | undefined;
    if (code === 0) {
      try {
        result = JSON.parse(l.stdout) as FortioResult;
      } catch {
        result = undefined;
      }
    }
    const state: LoadState = result ? (l.stopReason ? 'stopped' : 'done') : l.stopReason ? 'stopped' : 'failed';
    const aborting = l.notes.filter((n) => n.startsWith('Aborting because of ')).at(-1);
    const error = result
      ? l.stopReason
      : (spawnError?.message ?? aborting ?? l.stopReason ?? (l.notes.slice(-3).join('\n') || `rudder load exited with code ${code}`));
    const finishedAt = now().toISOString();
    o.store.finish(l.run.id, { state, finishedAt, ...(result ? { result, summary: summarize(result) } : {}), ...(error ? { error } : {}) });
    const { progress: _p, ...rest } = l.run;
    const run: LoadRun = { ...rest, state, finishedAt, ...(result ? { summary: summarize(result) } : {}), ...(error ? { error } : {}) };
    emit(l, { type: 'end', run });
    l.watchers.clear();
  }

  function interrupt(l: LiveRun, why: string) {
    if (l.stopReason) return;
    l.stopReason = why;
    l.child.kill('SIGINT');
    // A CLI still starting has no SIGINT handler yet and ends at once; one stuck is killed.
    l.timers.push(setTimeout(() => l.child.kill('SIGKILL'), 10_000).unref());
  }

  return {
    start(owner, request) {
      const mine = [...live.values()].find((l) => l.ownerId === owner.id);
      if (mine) throw new RudderError('Conflict', `${owner.name} already has a load running (${mine.run.id}); stop it or wait for it to end`);
      if (live.size >= maxRunning) throw new RudderError('Conflict', `${live.size} loads are running, the most the server runs at once; try again when one ends`);
      let cli: CliCommand;
      try {
        cli = (o.cli ?? locateCli)();
      } catch (error) {
        throw new RudderError('InternalError', (error as Error).message);
      }
      const run: LoadRun = { id: randomUUID(), owner: owner.name, state: 'running', request, startedAt: now().toISOString() };
      const child = spawn(process.execPath, [...cli.nodeArgs, ...loadArgs(request)], { stdio: ['ignore', 'pipe', 'pipe'] });
      const l: LiveRun = { run, ownerId: owner.id, watchers: new Set(), child, stdout: '', notes: [], timers: [] };
      o.store.insert(run);
      live.set(run.id, l);
      child.stdout?.setEncoding('utf8').on('data', (c: string) => (l.stdout += c));
      let partial = '';
      child.stderr?.setEncoding('utf8').on('data', (c: string) => {
        const lines = (partial + c).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) onStderrLine(l, line);
      });
      child.once('error', (e) => end(l, null, e));
      child.once('close', (code) => {
        if (partial) onStderrLine(l, partial);
        end(l, code);
      });
      // The cap holds even for -n runs against a slow target.
      const ownMs = request.calls === undefined ? (parseDuration(request.duration ?? '5s') ?? 0) : LOAD_LIMITS.maxDurationSeconds * 1000;
      l.timers.push(setTimeout(() => interrupt(l, `stopped at the ${LOAD_LIMITS.maxDurationSeconds}s cap`), Math.min(ownMs, LOAD_LIMITS.maxDurationSeconds * 1000) + grace).unref());
      return run;
    },
    stop(id, why = 'stopped by a user') {
      const l = live.get(id);
      if (!l) return false;
      interrupt(l, why);
      return true;
    },
    isOwner(id, ownerId) {
      return live.get(id)?.ownerId === ownerId;
    },
    current(id) {
      const l = live.get(id);
      if (l) return { ...l.run };
      const stored = o.store.get(id);
      if (!stored) return undefined;
      const { result: _r, ...run } = stored;
      return run;
    },
    watch(id, onEvent) {
      const l = live.get(id);
      if (!l) return undefined;
      l.watchers.add(onEvent);
      return () => l.watchers.delete(onEvent);
    },
    async close() {
      const ending = [...live.values()].map(
        (l) =>
          new Promise<void>((resolve) => {
            l.child.once('close', () => resolve());
            setTimeout(resolve, 12_000).unref();
            interrupt(l, 'the server stopped');
          }),
      );
      await Promise.all(ending);
    },
  };
}
