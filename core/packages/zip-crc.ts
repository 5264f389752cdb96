import { createRequire } from 'node:module';
import zlib from 'node:zlib';

/**
 * yazl checksums streamed entries with buffer-crc32, plain JavaScript at about 200 MB/s: five times
 * slower than copying a video on an ordinary disk. Node's own zlib.crc32 computes the same value
 * natively, ten times faster, so yazl is pointed at it. Same inputs, same results (CRC-32/ISO-HDLC).
 */
const bufferCrc32 = createRequire(import.meta.url)('buffer-crc32') as { unsigned(buf: Buffer, previous?: number): number };
if (typeof zlib.crc32 === 'function') {
  bufferCrc32.unsigned = (buf, previous) => zlib.crc32(buf, typeof previous === 'number' ? previous : 0);
}
