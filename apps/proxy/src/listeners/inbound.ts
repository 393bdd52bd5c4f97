// Sidecar inbound listener: in front of one instance's app. It reads and strips the
// caller's peer-metadata header (so the app never sees it), forwards to the app on its
// local port, and reports the request destination-side.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bufferBody } from '../pipeline/body.js';
import { Cancellation } from '../pipeline/cancel.js';
import { newContext, type RequestContext } from '../pipeline/context.js';
import type { Forwarder } from '../pipeline/forward.js';
import { stripHopByHop } from '../pipeline/hop-by-hop.js';
import { sendLocalReply, sendUpstreamResponse } from '../pipeline/respond.js';
import type { TableHolder } from '../config/table-holder.js';
import type { IncomingHttpHeaders } from 'node:http';
import type { SpanContext } from '../telemetry/trace-context.js';
import { decodePeer, MIRROR_HEADER, PEER_HEADER, type PeerIdentity, UNKNOWN_PEER } from './identity.js';
import { requestTarget } from './request-target.js';
import { ensureRequestId } from './trace-headers.js';

export interface InboundConfig {
  /** The instance's own workload. */
  self: PeerIdentity;
  appAddress: string;
  appPort: number;
  connectTimeoutMs?: number;
}

export interface InboundDeps {
  forwarder: Forwarder;
  now: () => number;
  record: (ctx: RequestContext, destination: PeerIdentity) => void;
  /** Joins or starts this hop's (SERVER) span and rewrites the trace headers for the app. */
  trace?: (headers: IncomingHttpHeaders) => SpanContext;
}

export function createInboundHandler(config: InboundConfig, tables: TableHolder, deps: InboundDeps) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    // The request's own header object becomes the app's (it is ours; no copy per request).
    const headers = req.headers;
    stripHopByHop(headers);
    const source = decodePeer(headers[PEER_HEADER]) ?? UNKNOWN_PEER;
    delete headers[PEER_HEADER];
    const mirrored = headers[MIRROR_HEADER] === '1';
    delete headers[MIRROR_HEADER];
    const span = deps.trace?.(headers);
    const target = requestTarget(req);
    const ctx = newContext({
      req,
      res,
      listener: 'inbound',
      // Inbound does not route; it keeps the current table only for telemetry context.
      table: tables.current() as RequestContext['table'],
      startedAt: deps.now(),
      requestId: ensureRequestId(headers),
      source,
      headers,
      target,
      attempts: 1,
      mirrored,
    });
    if (span) ctx.span = span;
    const cancel = new Cancellation();
    res.once('close', () => {
      if (!res.writableFinished) cancel.abort('client');
    });
    try {
      const body = await bufferBody(req);
      const started = deps.now();
      const outcome = await deps.forwarder.attempt(
        req,
        res,
        {
          address: config.appAddress,
          port: config.appPort,
          path: ctx.path,
          method: ctx.method,
          headers,
          body,
          connectTimeoutMs: config.connectTimeoutMs ?? 10_000,
        },
        cancel,
      );
      if (outcome.kind === 'response') {
        ctx.upstreamMs = deps.now() - started;
        await sendUpstreamResponse(ctx, outcome.response);
      } else if (outcome.kind !== 'aborted') {
        sendLocalReply(ctx, { status: 503, flag: outcome.kind === 'connect-failure' ? 'UF' : 'UC' });
      }
    } finally {
      deps.record(ctx, config.self);
    }
  };
}
