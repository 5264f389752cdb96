import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Passes bytes through unchanged while hashing and counting them, so a file is read once whether it
 * is being packed, unpacked or copied. `onBytes` reports each chunk for job progress.
 */
export class HashStream extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;

  constructor(private readonly onBytes: (n: number) => void = () => {}) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.onBytes(chunk.length);
    done(null, chunk);
  }

  static of(buffer: Buffer): string {
    return createHash('sha256').update(buffer).digest('hex');
  }

  /** Valid once the stream has ended. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Big reads: fewer, larger chunks through the pipeline keep packing close to the speed of a copy. */
export const READ_CHUNK_BYTES = 1024 * 1024;
