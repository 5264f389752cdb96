import { createRequire } from 'node:module';
import zlib from 'node:zlib';

type Crc32 = (data: Uint8Array, previous?: number) => number;

const requireHere = createRequire(import.meta.url);

/** Where @node-rs/crc32 lives, for threads that load it themselves; null where it is not installed. */
export const nativeCrc32Module: string | null = (() => {
  try {
    return requireHere.resolve('@node-rs/crc32');
  } catch {
    return null;
  }
})();

/**
 * CRC-32 (the zip one, as `zlib.crc32`) over a chunk, continuing from `previous`. @node-rs/crc32's
 * SIMD code does a gigabyte in about 0.11 s here, against 0.4 s for Node's own zlib, which matters
 * where every byte of a package is checked while it is copied. A platform without its prebuilt
 * module falls back to zlib: the same sums, only slower.
 */
function load(): Crc32 {
  try {
    const native = (requireHere(nativeCrc32Module ?? '@node-rs/crc32') as { crc32: (input: Uint8Array, initial?: number) => number }).crc32;
    return (data, previous = 0) => native(data, previous);
  } catch {
    return (data, previous = 0) => zlib.crc32(data, previous);
  }
}

export const crc32: Crc32 = load();
