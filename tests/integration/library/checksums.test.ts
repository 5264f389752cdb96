import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../core/app/ids';
import { fileChecksums, librarySha256 } from '../../../core/library/checksums';
import { openDb, type Db } from '../../../core/db/open';
import { upsertAsset } from '../../../core/library/queries';
import { addLessonWithProxy } from '../../support/library-rows';
import { tempDir } from '../../support/web-shell';

/**
 * The library remembers each media file's checksums for the file as it is (size and modification
 * time): sharing and exporting take them from there, and compute them again only for a file that
 * changed since.
 */

let dir: string;
let db: Db;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function remembered(assetId: string) {
  return db.prepare('SELECT sha256, crc32, checked_size FROM media_assets WHERE id = ?').get(assetId) as {
    sha256: string | null;
    crc32: number | null;
    checked_size: number | null;
  };
}

const lessonWithProxy = (bytes: Buffer, sums: boolean) => addLessonWithProxy(db, dir, { bytes }, { sums });

beforeAll(async () => {
  dir = await tempDir('checksums');
  db = openDb(path.join(dir, 'studio.db'));
});
afterAll(async () => {
  db.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('checksums the library remembers', () => {
  it("computes a file's sha256 and CRC-32 in one read", async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 5);
    const file = path.join(dir, 'three.bin');
    await fs.writeFile(file, bytes);
    expect(await fileChecksums(file)).toMatchObject({ sha256: sha(bytes), crc32: zlib.crc32(bytes), size: bytes.length });
  });

  it('answers the remembered sha256 while the file is unchanged, without reading it', async () => {
    const bytes = randomBytes(64 * 1024);
    const { assetId, file } = await lessonWithProxy(bytes, true);
    // Other bytes under the stamp the checksums were remembered for: only a remembered answer can
    // still say the old hash.
    await fs.writeFile(file, randomBytes(bytes.length));
    const { size, mtimeMs } = await fs.stat(file);
    db.prepare('UPDATE media_assets SET checked_size = ?, checked_mtime_ms = ? WHERE id = ?').run(size, mtimeMs, assetId);
    expect(await librarySha256(db, assetId, file)).toEqual({ sha256: sha(bytes), size: bytes.length });
  });

  it('computes and remembers it again for a file that changed, and for one never checked', async () => {
    const { assetId, file } = await lessonWithProxy(randomBytes(10_000), true);
    const changed = randomBytes(20_000);
    await fs.writeFile(file, changed);
    expect(await librarySha256(db, assetId, file)).toEqual({ sha256: sha(changed), size: changed.length });
    expect(remembered(assetId)).toEqual({ sha256: sha(changed), crc32: zlib.crc32(changed), checked_size: changed.length });

    const fresh = randomBytes(5_000);
    const never = await lessonWithProxy(fresh, false);
    expect(remembered(never.assetId).sha256).toBeNull();
    expect(await librarySha256(db, never.assetId, never.file)).toEqual({ sha256: sha(fresh), size: fresh.length });
    expect(remembered(never.assetId).sha256).toBe(sha(fresh));
  });

  it('forgets the checksums of a file that is made again without them', async () => {
    const { lessonId, assetId } = await lessonWithProxy(randomBytes(1_000), true);
    upsertAsset(db, {
      id: newId(),
      lessonId,
      kind: 'proxy',
      relPath: path.join(lessonId, 'proxy.mp4'),
      mime: 'video/mp4',
      sizeBytes: 1_000,
      now: Date.now(),
    });
    expect(remembered(assetId)).toEqual({ sha256: null, crc32: null, checked_size: null });
  });
});
