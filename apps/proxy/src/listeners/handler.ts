// Gateway and sidecar-outbound listeners: build the request context (target host, the
// caller's identity, request id and trace context, hop-by-hop headers stripped) and run
// the pipeline on the route table current at the start of the request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ListenerContext } from '@rudder/shared/routing';
import type { TableHolder } from '../config/table-holder.js';
import { newContext } from '../pipeline/context.js';
import { stripHopByHop } from '../pipeline/hop-by-hop.js';
import { type PipelineDeps, runPipeline } from '../pipeline/run.js';
import { encodePeer, PEER_HEADER, type PeerIdentity } from './identity.js';
import { requestTarget } from './request-target.js';
import { ensureRequestId, ensureTraceContext } from './trace-headers.js';

export interface ListenerConfig {
  kind: 'gateway' | 'outbound';
  /** The workload this listener speaks for (the gateway's own, or the sidecar's app). */
  self: PeerIdentity;
  routing: ListenerContext;
}

export function createRequestHandler(config: ListenerConfig, tables: TableHolder, deps: PipelineDeps & { now: () => number }) {
  const selfHeader = encodePeer(config.self);
  return (req: IncomingMessage, res: ServerResponse) => {
    const table = tables.current();
    if (!table) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('no route configuration received yet');
      return;
    }
    const target = requestTarget(req);
    // The request's own header object becomes the upstream one (it is ours; no copy per request).
    const headers = req.headers;
    stripHopByHop(headers);
    if (target.authority !== undefined) headers.host = target.authority;
    // Outside clients cannot claim a mesh identity; inside, this listener speaks for its workload.
    headers[PEER_HEADER] = selfHeader;
    const requestId = ensureRequestId(headers);
    const span = deps.trace ? deps.trace(headers) : undefined;
    if (!span) ensureTraceContext(headers);
    if (config.kind === 'gateway') {
      const remote = req.socket.remoteAddress ?? '';
      const prior = headers['x-forwarded-for'];
      headers['x-forwarded-for'] = prior ? `${prior}, ${remote}` : remote;
      headers['x-forwarded-proto'] = 'http';
    }
    const ctx = newContext({ req, res, listener: config.kind, table, startedAt: deps.now(), requestId, source: config.self, headers, target });
    if (span) ctx.span = span;
    void runPipeline(ctx, config.routing, deps);
  };
}
