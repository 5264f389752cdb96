import type { FileHandle } from 'node:fs/promises';
import { StudioError } from '../../common/errors';
import { asDiskError } from './disk';

export interface ChunkResult {
  seq: number;
  sizeBytes: number;
  duplicate: boolean;
}

/**
 * Appends a recording's chunks to its part file, each flushed to the disk before it is acknowledged,
 * so a crash or a power cut loses at most the chunk in flight.
 *
 * Chunks are numbered from 0. A chunk already written (the renderer retried after a lost answer) is
 * acknowledged again without being appended; a chunk that skips ahead is refused, because appending it
 * would splice a hole into the WebM stream. Writes are serialised, so concurrent sends cannot interleave.
 */
export class PartWriter {
  private nextSeq = 0;
  private size = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly handle: FileHandle) {}

  get sizeBytes(): number {
    return this.size;
  }

  append(seq: number, data: Uint8Array): Promise<ChunkResult> {
    const result = this.queue.then(() => this.write(seq, data));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Waits for writes in flight, then closes the file. Safe to call more than once. */
  async close(): Promise<void> {
    await this.queue;
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }

  private async write(seq: number, data: Uint8Array): Promise<ChunkResult> {
    if (this.closed) throw new StudioError('conflict', { reason: 'recording closed' });
    if (seq < this.nextSeq) return { seq, sizeBytes: this.size, duplicate: true };
    if (seq > this.nextSeq) throw new StudioError('recording_gap', { expected: this.nextSeq, received: seq });
    try {
      let written = 0;
      while (written < data.byteLength) {
        const { bytesWritten } = await this.handle.write(data, written, data.byteLength - written, this.size + written);
        written += bytesWritten;
      }
      // Data only, not metadata such as the modification time: the cheapest flush that survives a power cut.
      await this.handle.datasync();
    } catch (err) {
      // Cut a partial chunk off again, so the file still ends where a chunk ended and the next try starts clean.
      await this.handle.truncate(this.size).catch(() => undefined);
      throw asDiskError(err);
    }
    this.size += data.byteLength;
    this.nextSeq++;
    return { seq, sizeBytes: this.size, duplicate: false };
  }
}
