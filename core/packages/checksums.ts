import { createHash, type Hash } from 'node:crypto';
import zlib from 'node:zlib';
import type { Db } from '../db/open';
import type { CheckedSums } from './select';

/** A file's size and modification time, which remembered checksums are checked against. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export interface KnownSums {
  sha256: string | null;
  crc32: number | null;
}

/**
 * The checksums the library remembers for a media file, when the file still has the size and
 * modification time they were computed at. Media files are written once and never changed in place
 * (a new proxy is a new file), so this is what they are; anything else is computed again.
 */
export function stillHolds(checked: CheckedSums, stamp: FileStamp): KnownSums {
  if (checked.size !== stamp.size || checked.mtimeMs !== stamp.mtimeMs) return { sha256: null, crc32: null };
  return { sha256: checked.sha256, crc32: checked.crc32 };
}

/** Remembers a media file's checksums, for the file as it was at `stamp`. */
export function rememberSums(db: Db, assetId: string, sums: { sha256: string; crc32: number | null }, stamp: FileStamp): void {
  db.prepare('UPDATE media_assets SET sha256 = ?, crc32 = ?, checked_size = ?, checked_mtime_ms = ? WHERE id = ?').run(
    sums.sha256,
    sums.crc32,
    stamp.size,
    stamp.mtimeMs,
    assetId,
  );
}

/** Slices small enough to stay in the CPU cache between the two checksums. */
const SLICE_BYTES = 256 * 1024;

/** sha256 and CRC-32 (either or both) over a file's chunks, in one pass over each chunk. */
export class Sums {
  private readonly hash: Hash | null;
  private crc: number | null;

  constructor(want: { sha256: boolean; crc32: boolean }) {
    this.hash = want.sha256 ? createHash('sha256') : null;
    this.crc = want.crc32 ? 0 : null;
  }

  update(chunk: Buffer): void {
    if (this.hash && this.crc !== null) {
      for (let at = 0; at < chunk.length; at += SLICE_BYTES) {
        const slice = chunk.subarray(at, at + SLICE_BYTES);
        this.hash.update(slice);
        this.crc = zlib.crc32(slice, this.crc);
      }
    } else if (this.hash) this.hash.update(chunk);
    else if (this.crc !== null) this.crc = zlib.crc32(chunk, this.crc);
  }

  /** Once every chunk has been seen: what was asked for, else null. */
  result(): KnownSums {
    return { sha256: this.hash?.digest('hex') ?? null, crc32: this.crc };
  }
}
