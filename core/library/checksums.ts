import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { Db } from '../db/open';
import { crc32 as crc32Of } from './crc32';

/** A media file's checksums as remembered by the library, for the file as it was at `size` and `mtimeMs`. */
export interface CheckedSums {
  sha256: string | null;
  crc32: number | null;
  size: number | null;
  mtimeMs: number | null;
}

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

/** The checksums a package needs for a file, with the stamp they hold for. */
export interface FileSums extends FileStamp {
  sha256: string;
  crc32: number;
}

/**
 * Computes a media file's sha256 and CRC-32 in one read, for the library to remember as the file is
 * made (a 50 MB sharing copy: about 60 ms, next to the minutes its encoding takes), so that exporting
 * it later copies its bytes without hashing them.
 */
export async function fileChecksums(file: string): Promise<FileSums> {
  const handle = await fs.open(file, 'r');
  try {
    const hash = createHash('sha256');
    let crc32 = 0;
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    for (let position = 0; ;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      crc32 = crc32Of(chunk, crc32);
      position += bytesRead;
    }
    const { size, mtimeMs } = await handle.stat();
    return { sha256: hash.digest('hex'), crc32, size, mtimeMs };
  } finally {
    await handle.close();
  }
}

/**
 * A library file's sha256 and size: the one remembered for the asset while the file is as it was when
 * checked, else computed and remembered (a file with no asset record, like a share's sound-only copy,
 * is always computed).
 */
export async function librarySha256(db: Db, assetId: string | null, file: string): Promise<{ sha256: string; size: number }> {
  const row = assetId
    ? (db.prepare('SELECT sha256, crc32, checked_size, checked_mtime_ms FROM media_assets WHERE id = ?').get(assetId) as
        { sha256: string | null; crc32: number | null; checked_size: number | null; checked_mtime_ms: number | null } | undefined)
    : undefined;
  if (row) {
    const stamp = await fs.stat(file);
    const known = stillHolds({ sha256: row.sha256, crc32: row.crc32, size: row.checked_size, mtimeMs: row.checked_mtime_ms }, stamp);
    if (known.sha256) return { sha256: known.sha256, size: stamp.size };
  }
  const sums = await fileChecksums(file);
  if (row) rememberSums(db, assetId!, sums, sums);
  return { sha256: sums.sha256, size: sums.size };
}
