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
