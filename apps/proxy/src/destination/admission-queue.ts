// The sockets-side half of circuit breaking: Admission (pool/admission.ts) counts and
// decides; this keeps the FIFO of requests waiting per endpoint and resolves them as
// connections free up. Connections are the keep-alive agent's; one request runs on a
// connection at a time (HTTP/1.1), so a finished request frees its connection.
import type { Cancellation } from '../pipeline/cancel.js';
import type { Admission } from '../pool/admission.js';

/** 'connecting': go, on a connection opened for this request; report connected() or connectFailed(). */
export type Acquired = 'ok' | 'overflow' | 'connecting';

export interface AdmissionQueue {
  /** A slot on `host`, at once or after a wait; 'overflow' is Envoy's UO (503, x-envoy-overloaded). */
  acquire(host: string, cancel: Cancellation): Acquired | Promise<Acquired>;
  /** A 'connecting' request's socket is up: attach it, or 'overflow' (max requests reached meanwhile). */
  connected(host: string): 'attach' | 'overflow';
  /** A 'connecting' request ended before its socket was up. */
  connectFailed(host: string): void;
  /** The request on `host` finished; `reuse` false when its connection closed. */
  release(host: string, reuse: boolean): void;
}

export function createAdmissionQueue(admission: Admission): AdmissionQueue {
  const waiting = new Map<string, ((result: Acquired) => void)[]>();

  const dequeue = (host: string) => {
    const list = waiting.get(host);
    const next = list?.shift();
    if (list && list.length === 0) waiting.delete(host);
    return next;
  };

  const onReady = (host: string, decision: string) => {
    if (decision === 'attach') dequeue(host)?.('ok');
    else if (decision === 'overflow') {
      // Admission failed every queued request of the host (Envoy's onUpstreamReady overflow).
      const list = waiting.get(host);
      waiting.delete(host);
      for (const entry of list ?? []) entry('overflow');
    }
  };

  const openFor = (host: string) => {
    // The agent opens the socket when the request is issued: the first queued request goes now,
    // on that connection, and stays pending until its socket is up (Admission.dispatch).
    if (!admission.openConnection(host)) return;
    const next = dequeue(host);
    if (next) {
      admission.dispatch(host);
      next('connecting');
    } else admission.connectionClosed(host, 'connecting');
  };
  const openForWaiting = () => {
    for (const h of admission.waitingHosts()) openFor(h);
  };

  return {
    acquire(host, cancel) {
      const decision = admission.admit(host);
      if (decision === 'now') return 'ok';
      if (decision === 'overflow') return 'overflow';
      return new Promise<Acquired>((resolve) => {
        const entry = (result: Acquired) => {
          cancel.off(onAbort);
          resolve(result);
        };
        const onAbort = () => {
          const list = waiting.get(host);
          const at = list?.indexOf(entry) ?? -1;
          if (list && at >= 0) list.splice(at, 1);
          admission.cancelPending(host);
          resolve('overflow');
        };
        cancel.on(onAbort);
        const list = waiting.get(host) ?? [];
        list.push(entry);
        waiting.set(host, list);
        openFor(host);
      });
    },
    connected(host) {
      return admission.connectedFor(host);
    },
    connectFailed(host) {
      admission.connectFailedFor(host);
      openForWaiting();
    },
    release(host, reuse) {
      const decision = admission.releaseRequest(host, reuse);
      if (decision !== 'closed') onReady(host, decision);
      openForWaiting();
    },
  };
}
