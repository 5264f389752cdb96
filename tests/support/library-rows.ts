import fs from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { newId } from '../../core/app/ids';
import type { Db } from '../../core/db/open';
import { fileChecksums } from '../../core/library/checksums';
import { insertLesson, upsertAsset } from '../../core/library/queries';

/**
 * A ready lesson whose only media is a sharing copy, written straight into a studio's database and
 * media folder, for tests and benchmarks that are not about the media pipeline. With `sums`, the
 * copy's checksums are remembered as the pipeline remembers them for what it makes.
 */
export async function addLessonWithProxy(
  db: Db,
  dataDir: string,
  proxy: { bytes: Buffer } | { copyOf: string },
  options: { title?: string; durationMs?: number; sums?: boolean } = {},
): Promise<{ lessonId: string; assetId: string; file: string }> {
  const lessonId = newId();
  const relPath = path.join(lessonId, 'proxy.mp4');
  const file = path.join(dataDir, 'media', relPath);
  await fs.mkdir(path.dirname(file), { recursive: true });
  if ('bytes' in proxy) await fs.writeFile(file, proxy.bytes);
  else await fs.copyFile(proxy.copyOf, file);
  const now = Date.now();
  insertLesson(db, {
    id: lessonId,
    title: options.title ?? 'Wait time',
    status: 'ready',
    source: 'import',
    originalName: null,
    durationMs: options.durationMs ?? 4000,
    width: 854,
    height: 480,
    rotation: 0,
    videoCodec: 'h264',
    audioCodec: 'aac',
    now,
  });
  const sums = options.sums ? await fileChecksums(file) : undefined;
  const { size } = await fs.stat(file);
  upsertAsset(db, { id: newId(), lessonId, kind: 'proxy', relPath, mime: 'video/mp4', sizeBytes: size, now, ...(sums && { sums }) });
  const { id: assetId } = db.prepare("SELECT id FROM media_assets WHERE lesson_id = ? AND kind = 'proxy'").get(lessonId) as { id: string };
  return { lessonId, assetId, file };
}

/** The checksums a studio remembers for a lesson's sharing copy, read from its database as it is on disk. */
export function rememberedProxySums(dataDir: string, lessonId: string) {
  const db = new Database(path.join(dataDir, 'studio.db'), { readonly: true });
  try {
    return db
      .prepare(`SELECT sha256, crc32, checked_size, checked_mtime_ms FROM media_assets WHERE lesson_id = ? AND kind = 'proxy'`)
      .get(lessonId);
  } finally {
    db.close();
  }
}
