// Random hex ids for trace and span ids (W3C trace-context §3.2.2.3, §3.2.2.4) drawn from a
// pool refilled 4 KB at a time, as Node's randomUUID caches its entropy: one crypto call per
// few hundred spans instead of two per request.
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;

export function createRandomIds(): (bytes: number) => string {
  const pool = Buffer.alloc(POOL_BYTES);
  let offset = POOL_BYTES;
  return (bytes) => {
    if (offset + bytes > POOL_BYTES) {
      randomFillSync(pool);
      offset = 0;
    }
    const id = pool.toString('hex', offset, offset + bytes);
    offset += bytes;
    return id;
  };
}
