import { describe, expect, it } from 'vitest';
import { random64, toHex64, xxHash64 } from './xxhash64.js';

/** xxHash's own sanity buffer (cli/xsum_sanity_check.c, 32-bit generator): byte i = gen >> 24, gen *= gen. */
function sanityBuffer(size: number): Uint8Array {
  const buffer = new Uint8Array(size);
  let gen = 2654435761;
  for (let i = 0; i < size; i++) {
    buffer[i] = gen >>> 24;
    gen = Math.imul(gen, gen) >>> 0;
  }
  return buffer;
}

describe('xxHash64 (Cyan4973/xxHash reference vectors; Envoy HashUtil::xxHash64)', () => {
  it.each([
    ['', 0xef46db3751d8e999n],
    ['a', 0xd24ec4f1a98c6e5bn],
    ['as', 0x1c330fb2d66be179n],
    ['abc', 0x44bc2cf5ad770999n],
    ['asd', 0x631c37ce72a97393n],
    ['asdf', 0x415872f599cea71en],
    ['Call me Ishmael.', 0x6d04390fc9d61a90n],
    ['Nobody inspects the spammish repetition', 0xfbcea83c8a378bf1n],
    ['Some years ago--never mind how long precisely-', 0x8f26f2b986afdc52n],
  ])('%j', (text, expected) => expect(xxHash64(text)).toBe(expected));

  it('honours the seed (empty input, seed 1)', () => expect(xxHash64('', 1n)).toBe(0xd5afba1336a3be4bn));

  it.each([
    [1, 0n, 0x4fce394cc88952d8n],
    [1, 2654435761n, 0x739840cb819fa723n],
    [14, 0n, 0xcffa8db881bc3a3dn],
    [14, 2654435761n, 0x5b9611585efcc9cbn],
    [101, 0n, 0x0eab543384f878adn],
    [101, 2654435761n, 0xcaa65939306f1e21n],
  ])('sanity buffer of %d bytes, seed %d', (size, seed, expected) => expect(xxHash64(sanityBuffer(size), seed)).toBe(expected));

  it('hashes the UTF-8 bytes of a string', () => expect(xxHash64('é')).toBe(xxHash64(new Uint8Array([0xc3, 0xa9]))));

  it('prints 16 hex digits as Envoy Hex::uint64ToHex', () => {
    expect(toHex64(0xabcn)).toBe('0000000000000abc');
    expect(toHex64(xxHash64(''))).toBe('ef46db3751d8e999');
  });

  it('builds a 64-bit value from two draws', () => {
    expect(random64(() => 0)).toBe(0n);
    expect(random64(() => 0.5)).toBe(0x8000000080000000n);
  });
});
