// The request body, buffered for replay up to a cap (STYLE.md principle 8): each retry
// and the mirror get a fresh stream from the buffer. Past the cap the rest streams
// through once and the request is no longer retried or mirrored (Envoy does likewise
// when its per-request buffer limit is exceeded).
import type { IncomingMessage } from 'node:http';
import { PassThrough, type Writable } from 'node:stream';

export const DEFAULT_BODY_CAP = 1024 * 1024;

export interface BufferedBody {
  /** The whole body when it fit under the cap. */
  buffer?: Buffer;
  /** False when the body outgrew the cap: one attempt only, no mirror. */
  replayable: boolean;
  /** A fresh source of the body for one attempt: http-proxy only pipes it into the upstream request. */
  stream(): BodySource;
  length: number;
}

/** What http-proxy's `buffer` option needs: something that pipes into the upstream request. */
export interface BodySource {
  pipe<T extends Writable>(destination: T): T;
}

const EMPTY = Buffer.alloc(0);

/** A request without a body: one shared value, nothing to read. */
const NO_BODY = fixed(EMPTY);

/**
 * Reads the body up to `cap`; resolves as soon as it ended or the cap was passed. A request
 * without a body (most GETs) gets its answer at once, not a promise.
 */
export function bufferBody(req: IncomingMessage, cap = DEFAULT_BODY_CAP): BufferedBody | Promise<BufferedBody> {
  const declared = req.headers['content-length'];
  if (declared === '0' || (declared === undefined && !chunked(req))) {
    req.resume();
    return NO_BODY;
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > cap) {
        cleanup();
        req.pause();
        resolve(overflowing(chunks, req));
      }
    };
    const onEnd = () => {
      cleanup();
      resolve(fixed(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * Whether the request came with Transfer-Encoding. Read from the raw headers: the listener
 * strips hop-by-hop headers from the header object before the body is read.
 */
function chunked(req: IncomingMessage): boolean {
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]?.length === 17 && raw[i]?.toLowerCase() === 'transfer-encoding') return true;
  return false;
}

/** A whole body is written and ended in one call: no stream machinery per attempt. */
function fixed(buffer: Buffer): BufferedBody {
  const source: BodySource = {
    pipe(destination) {
      if (buffer.length > 0) destination.end(buffer);
      else destination.end();
      return destination;
    },
  };
  return { buffer, replayable: true, length: buffer.length, stream: () => source };
}

function overflowing(head: Buffer[], rest: IncomingMessage): BufferedBody {
  let used = false;
  return {
    replayable: false,
    length: -1,
    stream() {
      if (used) throw new Error('a body past the buffer cap can be sent once');
      used = true;
      const out = new PassThrough();
      for (const chunk of head) out.write(chunk);
      rest.pipe(out);
      rest.resume();
      return out;
    },
  };
}
