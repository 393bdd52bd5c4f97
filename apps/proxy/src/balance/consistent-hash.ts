// consistentHash: ketama ring hash and maglev tables built as Envoy builds them (envoy
// source/extensions/load_balancing_policies/{ring_hash/ring_hash_lb.cc,maglev/maglev_lb.cc};
// docs arch_overview/upstream/load_balancing/load_balancers "Ring hash", "Maglev").
// Removing one of N endpoints remaps its ~1/N of the keys; with Envoy's ring sizing the ring also
// hands the others a few new entries (10 → 9 hosts: 103 → 114 each), so about 18% move there
// against about 10% with maglev.
import { type Balanceable, type Random, weightOf } from './endpoint.js';
import { random64, xxHash64 } from './xxhash64.js';

/** Envoy's defaults: ring minimum 1024 entries, maximum 8M; maglev table 65537 (a prime). */
export const DEFAULT_MIN_RING_SIZE = 1024;
export const DEFAULT_MAX_RING_SIZE = 8 * 1024 * 1024;
export const DEFAULT_MAGLEV_TABLE_SIZE = 65537;

export type HashAlgorithm = { kind: 'ring'; minRingSize: number } | { kind: 'maglev'; tableSize: number };

/** A built ring or table: the endpoint for a 64-bit hash, walking past excluded ones. */
export interface HashTable<T> {
  readonly size: number;
  lookup(hash: bigint, exclude?: ReadonlySet<string>): T | undefined;
}

/** Endpoints in key order: the tables depend only on the set, never on the order it arrives in. */
const sortedByKey = <T extends Balanceable>(endpoints: readonly T[]) =>
  [...endpoints].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** The first non-excluded host at or after `start`, or the one at `start` if all are excluded. */
function walk<T extends Balanceable>(hosts: readonly T[], slots: Int32Array, start: number, exclude?: ReadonlySet<string>): T {
  const first = hosts[slots[start]!]!;
  if (!exclude || !exclude.has(first.key)) return first;
  for (let i = 1; i < slots.length; i++) {
    const host = hosts[slots[(start + i) % slots.length]!]!;
    if (!exclude.has(host.key)) return host;
  }
  return first;
}

/**
 * Ketama ring: each host gets `scale × normalized weight` entries hashed as `key_i`, where scale
 * gives the lightest host a whole number of entries and at least `minRingSize` in all. A hash maps
 * to the first entry at or above it, wrapping to the start (Ring::chooseHost).
 */
export function buildRing<T extends Balanceable>(
  endpoints: readonly T[],
  minRingSize = DEFAULT_MIN_RING_SIZE,
  maxRingSize = DEFAULT_MAX_RING_SIZE,
): HashTable<T> {
  const hosts = sortedByKey(endpoints);
  if (hosts.length === 0) return { size: 0, lookup: () => undefined };
  const total = hosts.reduce((sum, e) => sum + weightOf(e), 0);
  const normalized = hosts.map((e) => weightOf(e) / total);
  const minNormalized = Math.min(...normalized);
  const scale = Math.min(Math.ceil(minNormalized * minRingSize) / minNormalized, maxRingSize);

  const entries: { hash: bigint; host: number }[] = [];
  let current = 0;
  let target = 0;
  hosts.forEach((host, index) => {
    target += scale * normalized[index]!;
    for (let i = 0; current < target; i++, current++) entries.push({ hash: xxHash64(`${host.key}_${i}`), host: index });
  });
  entries.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  const hashes = BigUint64Array.from(entries, (e) => e.hash);
  const slots = Int32Array.from(entries, (e) => e.host);

  return {
    size: hashes.length,
    lookup(hash, exclude) {
      let low = 0;
      let high = hashes.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (hashes[mid]! < hash) low = mid + 1;
        else high = mid;
      }
      return walk(hosts, slots, low === hashes.length ? 0 : low, exclude);
    },
  };
}

/**
 * Maglev: each host has a permutation of the table (offset = xxHash64(key) mod M,
 * skip = xxHash64(key, seed 1) mod (M−1) + 1) and takes turns claiming its next free slot, a
 * lighter host skipping turns in proportion to its weight. A hash maps to slot `hash mod M`.
 */
export function buildMaglev<T extends Balanceable>(endpoints: readonly T[], tableSize = DEFAULT_MAGLEV_TABLE_SIZE): HashTable<T> {
  const hosts = sortedByKey(endpoints);
  if (hosts.length === 0) return { size: 0, lookup: () => undefined };
  const size = tableSize;
  const m = BigInt(size);
  const total = hosts.reduce((sum, e) => sum + weightOf(e), 0);
  const weights = hosts.map((e) => weightOf(e) / total);
  const maxWeight = Math.max(...weights);
  const position = hosts.map((e) => Number(xxHash64(e.key) % m));
  const skip = hosts.map((e) => Number(xxHash64(e.key, 1n) % (m - 1n)) + 1);
  const targets = hosts.map(() => 0);

  const slots = new Int32Array(size).fill(-1);
  let filled = 0;
  for (let iteration = 1; filled < size; iteration++) {
    for (let i = 0; i < hosts.length && filled < size; i++) {
      if (iteration * weights[i]! < targets[i]!) continue;
      targets[i] = targets[i]! + maxWeight;
      let slot = position[i]!;
      while (slots[slot] !== -1) slot = (slot + skip[i]!) % size;
      slots[slot] = i;
      position[i] = (slot + skip[i]!) % size;
      filled++;
    }
  }

  return {
    size,
    lookup: (hash, exclude) => walk(hosts, slots, Number(hash % m), exclude),
  };
}

export interface ConsistentHash<T extends Balanceable> {
  /** The endpoint for `hashKey` (hashed with xxHash64); a random one when there is no key. */
  pick(endpoints: readonly T[], hashKey: string | undefined, exclude?: ReadonlySet<string>): T | undefined;
}

/** Rings and tables rebuilt only when the endpoint set (keys and weights) changes; a few kept. */
const CACHE_SIZE = 4;

export function createConsistentHash<T extends Balanceable>(algorithm: HashAlgorithm, random: Random): ConsistentHash<T> {
  const cache = new Map<string, HashTable<T>>();
  const tableFor = (endpoints: readonly T[]): HashTable<T> => {
    const signature = endpoints
      .map((e) => `${e.key}\u0000${weightOf(e)}`)
      .sort()
      .join('\u0001');
    let table = cache.get(signature);
    if (table) {
      cache.delete(signature);
    } else {
      table = algorithm.kind === 'ring' ? buildRing(endpoints, algorithm.minRingSize) : buildMaglev(endpoints, algorithm.tableSize);
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    cache.set(signature, table);
    return table;
  };

  return {
    pick(endpoints, hashKey, exclude) {
      if (endpoints.length === 0) return undefined;
      // No hash (a missing header, say): Envoy indexes the ring with a random value.
      const hash = hashKey === undefined ? random64(random) : xxHash64(hashKey);
      return tableFor(endpoints).lookup(hash, exclude);
    },
  };
}
