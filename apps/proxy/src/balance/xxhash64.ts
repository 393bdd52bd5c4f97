// XXH64, the hash Envoy uses for hash policies, ring hash and maglev (envoy
// source/common/common/hash.h HashUtil::xxHash64, seed 0; algorithm: Cyan4973/xxHash doc/xxhash_spec.md).
const MASK = 0xffff_ffff_ffff_ffffn;
const P1 = 0x9e37_79b1_85eb_ca87n;
const P2 = 0xc2b2_ae3d_27d4_eb4fn;
const P3 = 0x1656_67b1_9e37_79f9n;
const P4 = 0x85eb_ca77_c2b2_ae63n;
const P5 = 0x27d4_eb2f_1656_67c5n;

const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & MASK;
const round = (acc: bigint, lane: bigint): bigint => (rotl((acc + lane * P2) & MASK, 31n) * P1) & MASK;
const merge = (acc: bigint, v: bigint): bigint => ((((acc ^ round(0n, v)) * P1) & MASK) + P4) & MASK;

const encoder = new TextEncoder();

/** XXH64 of a string's UTF-8 bytes (or of raw bytes), as an unsigned 64-bit bigint. */
export function xxHash64(input: string | Uint8Array, seed = 0n): bigint {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.length;
  let p = 0;
  let h: bigint;
  if (len >= 32) {
    let v1 = (seed + P1 + P2) & MASK;
    let v2 = (seed + P2) & MASK;
    let v3 = seed & MASK;
    let v4 = (seed - P1) & MASK;
    for (; p + 32 <= len; p += 32) {
      v1 = round(v1, view.getBigUint64(p, true));
      v2 = round(v2, view.getBigUint64(p + 8, true));
      v3 = round(v3, view.getBigUint64(p + 16, true));
      v4 = round(v4, view.getBigUint64(p + 24, true));
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & MASK;
    h = merge(merge(merge(merge(h, v1), v2), v3), v4);
  } else {
    h = (seed + P5) & MASK;
  }
  h = (h + BigInt(len)) & MASK;
  for (; p + 8 <= len; p += 8) {
    h ^= round(0n, view.getBigUint64(p, true));
    h = (((rotl(h, 27n) * P1) & MASK) + P4) & MASK;
  }
  if (p + 4 <= len) {
    h ^= (BigInt(view.getUint32(p, true)) * P1) & MASK;
    h = (((rotl(h, 23n) * P2) & MASK) + P3) & MASK;
    p += 4;
  }
  for (; p < len; p++) {
    h ^= (BigInt(bytes[p]!) * P5) & MASK;
    h = (rotl(h, 11n) * P1) & MASK;
  }
  h ^= h >> 33n;
  h = (h * P2) & MASK;
  h ^= h >> 29n;
  h = (h * P3) & MASK;
  h ^= h >> 32n;
  return h;
}

/** 16 lower-case hex digits, as Envoy's Hex::uint64ToHex prints a hash. */
export const toHex64 = (value: bigint): string => value.toString(16).padStart(16, '0');

/** A uniformly random unsigned 64-bit value from an injected [0, 1) source. */
export const random64 = (random: () => number): bigint =>
  (BigInt(Math.floor(random() * 2 ** 32) >>> 0) << 32n) | BigInt(Math.floor(random() * 2 ** 32) >>> 0);
