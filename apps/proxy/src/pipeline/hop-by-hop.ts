// Hop-by-hop headers (RFC 9110 §7.6.1) never cross a proxy, in either direction; nor do
// the headers named in a Connection header. `Expect: 100-continue` is answered here (Node's
// server sends the 100, as Envoy's connection manager does) and not forwarded.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
]);

/**
 * Deletes hop-by-hop headers in place (including those listed in Connection). Only names that
 * are there are deleted: a `delete` turns the object into a slow dictionary, so a request
 * that carries none of them (most do) keeps its fast header object.
 */
export function stripHopByHop(headers: IncomingHttpHeaders | OutgoingHttpHeaders): void {
  const connection = headers.connection;
  if (typeof connection === 'string') {
    for (const name of connection.split(',')) {
      const n = name.trim().toLowerCase();
      if (n && headers[n] !== undefined) delete headers[n];
    }
  }
  for (const name of HOP_BY_HOP) if (headers[name] !== undefined) delete headers[name];
}
