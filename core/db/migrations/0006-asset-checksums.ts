import type { Migration } from '../migration';

/**
 * Checksums of a media file, remembered so a package export does not read the whole file twice to
 * compute them again. A library's media files are written once and never change in place; `sha256`
 * (which existed) and `crc32` hold for the file as it was when `checked_size` and `checked_mtime_ms`
 * were read from it, and are trusted only while the file still has that size and modification time.
 * Filled by the first export of the file, or when an import unpacked and verified it.
 */
export const assetChecksums: Migration = {
  version: 6,
  name: 'asset-checksums',
  up: `
    ALTER TABLE media_assets ADD COLUMN crc32 INTEGER;
    ALTER TABLE media_assets ADD COLUMN checked_size INTEGER;
    ALTER TABLE media_assets ADD COLUMN checked_mtime_ms REAL;
  `,
};
