// /rudder/v1/loads: load runs the dashboard starts (`rudder load` in a child process, see
// load/manager.ts). Editors start and stop runs, viewers read them; progress streams as NDJSON
// (one LoadEvent a line: progress about once a second, then the end with the run's summary).
// A run belongs to the API token or dashboard session that started it (one running each), and
// answers mark the caller's own running run `mine`, since every session is named `dashboard`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RudderError } from '@rudder/shared/errors';
import type { LoadEvent, LoadRun } from '@rudder/shared/protocol';
import type { CliCommand } from '../../load/cli-entry.js';
import { createLoadManager } from '../../load/manager.js';
import { normalizeLoad } from '../../load/request.js';
import { createLoadStore } from '../../load/store.js';
import type { Db } from '../../store/db.js';
import { singleDocument } from '../content.js';

export interface LoadRoutesOptions {
  db: Db;
  /** How to run the CLI (tests may point elsewhere); default: the CLI beside the server. */
  cli?: () => CliCommand;
}

type ById = FastifyRequest<{ Params: { id: string } }>;

/** The caller as a run's owner: the token's id keys the rule, its name is shown. */
const ownerOf = (req: FastifyRequest) => ({ id: req.principal?.id ?? 'anonymous', name: req.principal?.name ?? 'anonymous' });

const notFound = (id: string) => new RudderError('NotFound', `load run "${id}" not found`, [], { name: id, kind: 'LoadRun' });

export async function loadRoutes(app: FastifyInstance, opts: LoadRoutesOptions) {
  const store = createLoadStore(opts.db);
  const manager = createLoadManager({ store, ...(opts.cli ? { cli: opts.cli } : {}) });
  const streams = new Set<() => void>();
  const forCaller = <T extends LoadRun>(req: FastifyRequest, run: T): T =>
    run.state === 'running' && manager.isOwner(run.id, ownerOf(req).id) ? { ...run, mine: true } : run;
  app.addHook('preClose', async () => {
    for (const end of streams) end();
    await manager.close();
  });

  app.post('/rudder/v1/loads', { config: { auth: 'editor' } }, (req, reply) => {
    const request = normalizeLoad(singleDocument(req.body) as Record<string, unknown>);
    const run = manager.start(ownerOf(req), request);
    return reply.code(201).send(forCaller(req, run));
  });

  app.get('/rudder/v1/loads', (req: FastifyRequest<{ Querystring: { limit?: string } }>) => {
    const limit = Math.min(Math.max(Number(req.query.limit) || 50, 1), 500);
    // A running run's row has no progress; the manager's view has it.
    return { items: store.list(limit).map((r) => forCaller(req, r.state === 'running' ? (manager.current(r.id) ?? r) : r)) };
  });

  app.get('/rudder/v1/loads/:id', (req: ById) => {
    const stored = store.get(req.params.id);
    if (!stored) throw notFound(req.params.id);
    return forCaller(req, stored.state === 'running' ? { ...stored, ...manager.current(req.params.id) } : stored);
  });

  const stop = (req: ById) => {
    const run = manager.current(req.params.id);
    if (!run) throw notFound(req.params.id);
    manager.stop(req.params.id);
    return forCaller(req, manager.current(req.params.id) ?? run);
  };
  app.post('/rudder/v1/loads/:id/stop', { config: { auth: 'editor' } }, stop);

  // Deleting a running run stops it first; its row goes when it has ended.
  app.delete('/rudder/v1/loads/:id', { config: { auth: 'editor' } }, (req: ById) => {
    const run = manager.current(req.params.id);
    if (!run) throw notFound(req.params.id);
    if (run.state === 'running') {
      manager.stop(req.params.id, 'deleted');
      throw new RudderError('Conflict', `load run "${req.params.id}" was running: it is being stopped; delete it again once it has ended`);
    }
    store.remove(req.params.id);
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: req.params.id, kind: 'LoadRun' } };
  });

  app.get('/rudder/v1/loads/:id/progress', (req: ById, reply) => streamProgress(req, reply));

  function streamProgress(req: ById, reply: FastifyReply) {
    const run = manager.current(req.params.id);
    if (!run) throw notFound(req.params.id);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-cache, private', 'x-accel-buffering': 'no' });
    const send = (e: LoadEvent) => {
      if (!res.destroyed) res.write(`${JSON.stringify(e)}\n`);
    };
    let unwatch: (() => void) | undefined;
    const end = () => {
      unwatch?.();
      streams.delete(end);
      if (!res.destroyed && !res.writableEnded) res.end();
    };
    if (run.progress) send({ type: 'progress', progress: run.progress });
    unwatch = manager.watch(req.params.id, (e) => {
      send(e);
      if (e.type === 'end') end();
    });
    if (!unwatch) {
      // Already ended: the stored run is the whole story.
      send({ type: 'end', run });
      end();
      return;
    }
    streams.add(end);
    res.on('close', end);
  }
}
