// Why a request's upstream work stops early: its client went away, or its route timeout
// fired. One per request, in place of an AbortController plus AbortSignal.any: an
// EventTarget per request costs microseconds and about a kilobyte on the hot path, and one
// object carrying its reason answers both questions the attempt loop asks (504 UT, or no
// answer at all). At most a few listeners are ever registered at once (the attempt in
// flight, a back-off sleep, a pool wait).
export type CancelReason = 'client' | 'timeout';

export class Cancellation {
  reason: CancelReason | undefined = undefined;
  private listeners: (() => void)[] | undefined = undefined;

  get aborted(): boolean {
    return this.reason !== undefined;
  }

  /** The client went away: nothing can be answered any more. */
  get clientGone(): boolean {
    return this.reason === 'client';
  }

  get timedOut(): boolean {
    return this.reason === 'timeout';
  }

  /** The first reason wins; listeners run once, in registration order. */
  abort(reason: CancelReason): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners) for (const listener of listeners) listener();
  }

  /** Runs `listener` on abort (the caller checks `aborted` first). */
  on(listener: () => void): void {
    if (this.listeners) this.listeners.push(listener);
    else this.listeners = [listener];
  }

  off(listener: () => void): void {
    const listeners = this.listeners;
    if (!listeners) return;
    const at = listeners.indexOf(listener);
    if (at >= 0) listeners.splice(at, 1);
  }
}
