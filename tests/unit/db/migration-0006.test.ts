import { describe, expect, it } from 'vitest';
import { migrate } from '../../../core/db/migrate';
import { migrations } from '../../../core/db/migrations';
import { assetChecksums } from '../../../core/db/migrations/0006-asset-checksums';
import { scratchDatabase } from '../../support/scratch-database';

const scratch = scratchDatabase('db-0006');

const upTo = migrations.indexOf(assetChecksums) + 1;

describe('migration 0006 (asset checksums)', () => {
  it('adds the remembered checksums to a library that already has media, which keeps what it had', () => {
    expect(assetChecksums.version).toBe(upTo);
    migrate(scratch.db, migrations.slice(0, upTo - 1));
    scratch.db
      .prepare(
        `INSERT INTO lessons (id, title, status, source, created_at, updated_at) VALUES ('l1', 'Fractions', 'ready', 'import', 1, 1)`,
      )
      .run();
    scratch.db
      .prepare(
        `INSERT INTO media_assets (id, lesson_id, kind, rel_path, mime, size_bytes, sha256, created_at) VALUES ('a1', 'l1', 'proxy', 'l1/proxy.mp4', 'video/mp4', 10, 'ab', 1)`,
      )
      .run();
    migrate(scratch.db, migrations.slice(0, upTo));
    expect(scratch.db.pragma('user_version', { simple: true })).toBe(assetChecksums.version);
    // Nothing is known yet of the file as it is now: the first export computes it.
    expect(scratch.db.prepare('SELECT sha256, crc32, checked_size, checked_mtime_ms FROM media_assets').get()).toEqual({
      sha256: 'ab',
      crc32: null,
      checked_size: null,
      checked_mtime_ms: null,
    });
    // A CRC-32 is unsigned 32 bits and a modification time has a fraction of a millisecond: both come back exactly.
    scratch.db
      .prepare(`UPDATE media_assets SET crc32 = ?, checked_size = ?, checked_mtime_ms = ? WHERE id = 'a1'`)
      .run(0xfedcba98, 10, 1763900000123.25);
    expect(scratch.db.prepare('SELECT crc32, checked_size, checked_mtime_ms FROM media_assets').get()).toEqual({
      crc32: 0xfedcba98,
      checked_size: 10,
      checked_mtime_ms: 1763900000123.25,
    });
  });
});
