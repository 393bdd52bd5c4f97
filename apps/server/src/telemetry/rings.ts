// Fixed-size ring buffers of time slots on typed arrays (memory known up front): each slot
// is stamped with its time index, so a stale slot reads as empty and a write to a new time
// clears it first. Istio keeps such history in Prometheus; Rudder keeps 1 s slots for 15 min
// and 1 min slots for 24 h in memory (DESIGN.md data flow 4). Pure data structure.

export interface RingSpec {
  slots: number;
  /** Slot width in seconds. */
  widthS: number;
}

export const FINE: RingSpec = { slots: 900, widthS: 1 };
export const COARSE: RingSpec = { slots: 1440, widthS: 60 };

export class Ring {
  /** Time index per slot (epoch seconds or minutes, which fit 32 bits until 2106); 0 = empty. */
  readonly stamps: Uint32Array;
  readonly u32: Uint32Array;
  readonly f64: Float64Array;

  constructor(
    readonly spec: RingSpec,
    readonly u32Fields: number,
    readonly f64Fields: number,
  ) {
    this.stamps = new Uint32Array(spec.slots);
    this.u32 = new Uint32Array(spec.slots * u32Fields);
    this.f64 = new Float64Array(spec.slots * f64Fields);
  }

  /** Bytes this ring holds. */
  get bytes(): number {
    return this.stamps.byteLength + this.u32.byteLength + this.f64.byteLength;
  }

  /** The slot index to write time index `t` into (cleared when it held an older time); -1 when `t` is too old. */
  writable(t: number): number {
    const i = t % this.spec.slots;
    const stamp = this.stamps[i] as number;
    if (stamp === t) return i;
    if (stamp > t) return -1;
    this.stamps[i] = t;
    this.u32.fill(0, i * this.u32Fields, (i + 1) * this.u32Fields);
    this.f64.fill(0, i * this.f64Fields, (i + 1) * this.f64Fields);
    return i;
  }

  /** The slot index holding time index `t`, or -1. */
  readable(t: number): number {
    if (t <= 0) return -1;
    const i = t % this.spec.slots;
    return this.stamps[i] === t ? i : -1;
  }
}

/** A pair of rings: 1 s resolution for 15 min, 1 min for 24 h. */
export class RingPair {
  readonly fine: Ring;
  readonly coarse: Ring;

  constructor(u32Fields: number, f64Fields: number, fine: RingSpec = FINE, coarse: RingSpec = COARSE) {
    this.fine = new Ring(fine, u32Fields, f64Fields);
    this.coarse = new Ring(coarse, u32Fields, f64Fields);
  }

  get bytes(): number {
    return this.fine.bytes + this.coarse.bytes;
  }

  /** Adds `u32`/`f64` values at epoch second `second` to both rings; false when too old for both. */
  add(second: number, u32: ArrayLike<number>, f64: ArrayLike<number>): boolean {
    let stored = false;
    for (const ring of [this.fine, this.coarse]) {
      const i = ring.writable(Math.floor(second / ring.spec.widthS));
      if (i < 0) continue;
      stored = true;
      const ub = i * ring.u32Fields;
      for (let k = 0; k < u32.length; k++) ring.u32[ub + k] = (ring.u32[ub + k] as number) + (u32[k] as number);
      const fb = i * ring.f64Fields;
      for (let k = 0; k < f64.length; k++) ring.f64[fb + k] = (ring.f64[fb + k] as number) + (f64[k] as number);
    }
    return stored;
  }
}
