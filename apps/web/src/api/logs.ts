// Follows /rudder/v1/logs (NDJSON, `follow=true`): each parsed line to the callback until
// the returned stop is called.
import { withQuery } from './client.js';
import { followNdjson } from './ndjson.js';
import type { LogLine } from './types.js';

export function followLogs(params: { workload?: string; namespace?: string; tail?: number }, onLine: (line: LogLine) => void, onError: (e: Error) => void): () => void {
  return followNdjson<LogLine>(withQuery('/rudder/v1/logs', { ...params, follow: true }), 'log', onLine, onError);
}
