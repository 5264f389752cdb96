import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { crc32 as crc32Of } from '../library/crc32';

/**
 * Passes bytes through unchanged while checksumming and counting them, so a file is read once
 * whether it is being packed, unpacked or copied: always its CRC-32, and its sha256 unless told
 * not to. `onBytes` reports each chunk for job progress.
 */
export class HashStream extends Transform {
  private readonly hash;
  bytes = 0;
  crc32 = 0;

  constructor(
    private readonly onBytes: (n: number) => void = () => {},
    { sha256 = true }: { sha256?: boolean } = {},
  ) {
    super();
    this.hash = sha256 ? createHash('sha256') : null;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash?.update(chunk);
    this.crc32 = crc32Of(chunk, this.crc32);
    this.bytes += chunk.length;
    this.onBytes(chunk.length);
    done(null, chunk);
  }

  static of(buffer: Buffer): string {
    return createHash('sha256').update(buffer).digest('hex');
  }

  /** Valid once the stream has ended; null when it was made not to hash. */
  digest(): string | null {
    return this.hash?.digest('hex') ?? null;
  }
}

/** Big reads: fewer, larger chunks through the pipeline keep packing close to the speed of a copy. */
export const READ_CHUNK_BYTES = 1024 * 1024;
