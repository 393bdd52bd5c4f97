// /ws/telemetry: proxies send one batch a second (TelemetryBatch JSON). The upgrade needs an
// editor token, as config writes do. A malformed message gets an error frame and is
// dropped; ingest is synchronous and short, so one slow proxy never holds the event loop.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TelemetryBatch, TelemetryServerMessage } from '@rudder/shared/protocol';

export interface IngestDeps {
  authorize: (req: IncomingMessage) => boolean;
  ingest: (batch: TelemetryBatch) => void;
  /** Largest accepted message (default 16 MiB). */
  maxPayload?: number;
}

export interface TelemetryIngest {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  readonly rejected: number;
  close(): void;
}

function isBatch(m: unknown): m is TelemetryBatch {
  const b = m as TelemetryBatch;
  return (
    b?.type === 'batch' &&
    typeof b.proxy === 'string' &&
    Number.isFinite(b.start) &&
    Number.isFinite(b.end) &&
    Array.isArray(b.edges) &&
    Array.isArray(b.spans) &&
    Array.isArray(b.destinations) &&
    Array.isArray(b.logs)
  );
}

export function createTelemetryIngest(deps: IngestDeps): TelemetryIngest {
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.maxPayload ?? 16 << 20 });
  let rejected = 0;
  const reply = (socket: WebSocket, message: TelemetryServerMessage) => socket.send(JSON.stringify(message));

  wss.on('connection', (socket: WebSocket) => {
    socket.on('message', (data) => {
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch {
        message = undefined;
      }
      if (!isBatch(message)) {
        rejected++;
        reply(socket, { type: 'error', message: 'expected a TelemetryBatch: {"type":"batch","proxy","seq","start","end","edges":[],"spans":[],"destinations":[],"logs":[]}' });
        return;
      }
      try {
        deps.ingest(message);
      } catch (error) {
        rejected++;
        reply(socket, { type: 'error', message: `batch ${message.seq} not ingested: ${(error as Error).message}` });
      }
    });
    socket.on('error', () => socket.terminate());
  });

  return {
    handleUpgrade(req, socket, head) {
      if (!deps.authorize(req)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    get rejected() {
      return rejected;
    },
    close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
    },
  };
}
