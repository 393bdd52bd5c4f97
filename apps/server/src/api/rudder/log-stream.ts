// Streams proxy access-log lines over a chunked response: the lines kept, then (with follow)
// each new one as it arrives, until the client goes or the server closes (the watch hub ends
// the stream cleanly). One writer for the logs API (NDJSON) and `kubectl logs` (raw lines).
import type { FastifyReply } from 'fastify';
import type { WatchHub } from '../kube/watch.js';
import type { LogLine, LogQuery, LogStore } from '../../telemetry/logs.js';

export interface LogStreamOptions {
  store: LogStore;
  query: LogQuery;
  follow: boolean;
  hub: WatchHub;
  contentType: string;
  format: (line: LogLine) => string;
}

export function streamLogs(reply: FastifyReply, o: LogStreamOptions): void {
  const lines = o.store.query(o.query);
  if (!o.follow) {
    reply.type(o.contentType).send(lines.map(o.format).join(''));
    return;
  }
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'content-type': o.contentType, 'cache-control': 'no-cache, private' });
  res.flushHeaders();
  for (const l of lines) res.write(o.format(l));
  const { tail: _tail, sinceMs: _since, ...live } = o.query;
  let ended = false;
  const finished = new Promise<void>((resolve) => res.once('close', resolve).once('finish', resolve));
  const stop = () => {
    if (!ended) {
      ended = true;
      unfollow();
      unregister();
      if (!res.destroyed) res.end();
    }
    return finished;
  };
  const unfollow = o.store.follow(live, (l) => {
    if (!ended && !res.destroyed) res.write(o.format(l));
  });
  const unregister = o.hub.add(stop);
  res.on('close', () => void stop());
}
