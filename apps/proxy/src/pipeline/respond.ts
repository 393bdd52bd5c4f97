// Writing the answer: an upstream response (hop-by-hop headers stripped, Envoy's
// x-envoy-upstream-service-time added, response header operations applied) or a local
// reply (plain text, with x-envoy-overloaded for overflow, as Envoy sends them).
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { LocalReply, RequestContext } from './context.js';
import { stripHopByHop } from './hop-by-hop.js';
import { applyHeaderOps } from './rewrite.js';

/** Sends a local reply unless the response already started (then it can only be cut). */
export function sendLocalReply(ctx: RequestContext, reply: LocalReply): void {
  ctx.status = reply.status;
  if (reply.flag) ctx.flags.add(reply.flag);
  const { res } = ctx;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = reply.body ?? defaultBody(reply);
  const headers: OutgoingHttpHeaders = {
    'content-type': 'text/plain',
    ...reply.headers,
    'content-length': Buffer.byteLength(body),
    'x-request-id': ctx.requestId,
  };
  if (reply.flag === 'UO') headers['x-envoy-overloaded'] = 'true';
  for (const ops of ctx.responseHeaderOps) applyHeaderOps(headers as Record<string, string | string[] | undefined>, ops);
  res.writeHead(reply.status, headers);
  res.end(ctx.method === 'HEAD' ? undefined : body);
  ctx.responseBytes = ctx.method === 'HEAD' ? 0 : (headers['content-length'] as number);
}

/** Envoy's local reply bodies, so clients and the tutorial see the texts they expect. */
function defaultBody(reply: LocalReply): string {
  switch (reply.flag) {
    case 'UO':
      return 'upstream connect error or disconnect/reset before headers. reset reason: overflow';
    case 'UH':
      return 'no healthy upstream';
    case 'UF':
      return 'upstream connect error or disconnect/reset before headers. reset reason: connection failure';
    case 'UT':
      return 'upstream request timeout';
    case 'UC':
      return 'upstream connect error or disconnect/reset before headers. reset reason: connection termination';
    default:
      return '';
  }
}

/**
 * Streams an upstream response to the client; resolves when it is done or cut. The upstream
 * message's own header object is reshaped in place (it is ours and read once), not copied.
 */
export function sendUpstreamResponse(ctx: RequestContext, upstream: IncomingMessage): Promise<void> {
  const { res } = ctx;
  ctx.status = upstream.statusCode ?? 502;
  const headers: OutgoingHttpHeaders = upstream.headers;
  stripHopByHop(headers);
  if (ctx.upstreamMs !== undefined) headers['x-envoy-upstream-service-time'] = String(Math.round(ctx.upstreamMs));
  for (const ops of ctx.responseHeaderOps) applyHeaderOps(headers as Record<string, string | string[] | undefined>, ops);
  res.writeHead(ctx.status, upstream.statusMessage, headers);
  // Response bytes for istio_response_bytes: the declared length, else counted as they pass.
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared >= 0) ctx.responseBytes = declared;
  else {
    ctx.responseBytes = 0;
    upstream.on('data', (chunk: Buffer) => {
      ctx.responseBytes = (ctx.responseBytes ?? 0) + chunk.length;
    });
  }
  return new Promise((resolve) => {
    // The response emits 'close' both when it finished and when it was cut (Node ≥ 15).
    res.once('close', resolve);
    // The upstream broke mid-body: cut the client's response too (its 'close' resolves).
    const cut = () => res.destroy();
    upstream.on('error', cut);
    upstream.on('aborted', cut);
    upstream.pipe(res);
  });
}
