// Calls to /rudder/v1/loads and the NDJSON progress stream of one run.
import { get, post, request } from '../api/client.js';
import { followNdjson } from '../api/ndjson.js';
import type { LoadEvent, LoadRequest, LoadRun, LoadRunDetail } from '@rudder/shared/protocol';

export const listRuns = (signal?: AbortSignal) => get<{ items: LoadRun[] }>('/rudder/v1/loads', {}, signal);
export const getRun = (id: string, signal?: AbortSignal) => get<LoadRunDetail>(`/rudder/v1/loads/${encodeURIComponent(id)}`, {}, signal);
export const startRun = (r: LoadRequest) => post<LoadRun>('/rudder/v1/loads', r);
export const stopRun = (id: string) => post<LoadRun>(`/rudder/v1/loads/${encodeURIComponent(id)}/stop`);
export const deleteRun = (id: string) => request<unknown>('DELETE', `/rudder/v1/loads/${encodeURIComponent(id)}`);

/** The productpage URL through the sandbox's gateway, when a sandbox is registered. */
export async function sandboxTarget(signal?: AbortSignal): Promise<string | undefined> {
  const sandbox = await get<{ url: string | null }>('/rudder/v1/sandbox', {}, signal);
  if (!sandbox.url) return undefined;
  const status = await get<{ gatewayUrl?: string }>('/rudder/v1/sandbox/status', {}, signal);
  return status.gatewayUrl ? `${status.gatewayUrl}/productpage` : undefined;
}

/** Follows a run's progress until its end event (or stop() is called). */
export function followRun(id: string, onEvent: (e: LoadEvent) => void, onError: (e: Error) => void): () => void {
  return followNdjson<LoadEvent>(`/rudder/v1/loads/${encodeURIComponent(id)}/progress`, 'progress', onEvent, onError);
}
