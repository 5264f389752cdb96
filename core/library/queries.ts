import type { ArchiveInfo } from '../../common/schemas/credit';
import type { Asset, Lesson, LessonPatch, LessonSummary } from '../../common/schemas/lesson';
import type { Db } from '../db/open';
import { parseShareInfo, shareInfoColumn } from '../sync/share-info';
import { foldForSearch } from '../search/fold';
import type { FileSums } from './checksums';

interface LessonRow {
  id: string;
  title: string;
  description: string;
  subject: string;
  grade: string;
  language: string;
  status: Lesson['status'];
  error_code: string | null;
  source: Lesson['source'];
  original_name: string | null;
  duration_ms: number | null;
  width: number | null;
  height: number | null;
  created_at: number;
  updated_at: number;
  poster_asset_id: string | null;
  note_count: number;
  shared_json: string | null;
  origin: LessonSummary['origin'];
  archive_json: string | null;
}

interface AssetRow {
  id: string;
  lesson_id: string;
  kind: Asset['kind'];
  rel_path: string;
  mime: string;
  size_bytes: number;
  created_at: number;
}

/**
 * Where a lesson from a package came from: its credits as the package gave them (format 3), else
 * what the archive itself says (who exported it, from which community).
 */
const archiveInfoColumn = `CASE WHEN l.origin = 'archive' THEN (
  SELECT json_object(
    'authorName', coalesce(lc.author_name, ''),
    'communityName', coalesce(nullif(lc.community_name, ''), nullif(c.name, ''), nullif(ar.community_name, '')),
    'exportedBy', coalesce(ar.exported_by, ''),
    'licence', coalesce(lc.licence, 'all_rights_reserved'))
  FROM (SELECT 1) one
  LEFT JOIN lesson_credits lc ON lc.lesson_id = l.id
  LEFT JOIN archives ar ON ar.id = coalesce(lc.archive_id, l.archive_id)
  LEFT JOIN communities c ON c.id = lc.community_id) END`;

const summaryColumns = `
  l.id, l.title, l.description, l.subject, l.grade, l.language, l.status, l.error_code, l.source, l.original_name,
  l.duration_ms, l.width, l.height, l.created_at, l.updated_at,
  (SELECT a.id FROM media_assets a WHERE a.lesson_id = l.id AND a.kind = 'poster') AS poster_asset_id,
  (SELECT count(*) FROM notes n WHERE n.lesson_id = l.id AND n.parent_id IS NULL AND n.deleted_at IS NULL) AS note_count,
  ${shareInfoColumn} AS shared_json, l.origin,
  ${archiveInfoColumn} AS archive_json`;

function toSummary(r: LessonRow): LessonSummary {
  return {
    id: r.id,
    title: r.title,
    subject: r.subject,
    grade: r.grade,
    language: r.language,
    status: r.status,
    errorCode: r.error_code,
    durationMs: r.duration_ms,
    width: r.width,
    height: r.height,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    posterAssetId: r.poster_asset_id,
    noteCount: r.note_count,
    shared: parseShareInfo(r.shared_json),
    origin: r.origin,
    archive: r.archive_json ? (JSON.parse(r.archive_json) as ArchiveInfo) : null,
  };
}

function toAsset(r: AssetRow): Asset & { relPath: string } {
  return {
    id: r.id,
    lessonId: r.lesson_id,
    kind: r.kind,
    mime: r.mime,
    sizeBytes: r.size_bytes,
    createdAt: r.created_at,
    relPath: r.rel_path,
  };
}

const orderBy = {
  newest: 'l.created_at DESC, l.id DESC',
  oldest: 'l.created_at ASC, l.id ASC',
  title: 'l.title COLLATE NOCASE ASC, l.id ASC',
} as const;

export function listLessons(
  db: Db,
  args: { query?: string | undefined; sort: keyof typeof orderBy; limit: number; offset: number },
): { items: LessonSummary[]; total: number } {
  // Compared as search compares: Arabic-script vowel marks, typed or written, do not count.
  const q = args.query && foldForSearch(args.query.trim());
  const where = q ? `WHERE fold_text(l.title) LIKE @like ESCAPE '\\' OR fold_text(l.subject) LIKE @like ESCAPE '\\'` : '';
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const params = { like, limit: args.limit, offset: args.offset };
  const rows = db
    .prepare(`SELECT ${summaryColumns} FROM lessons l ${where} ORDER BY ${orderBy[args.sort]} LIMIT @limit OFFSET @offset`)
    .all(params) as LessonRow[];
  const total = (db.prepare(`SELECT count(*) AS n FROM lessons l ${where}`).get(q ? { like } : {}) as { n: number }).n;
  return { items: rows.map(toSummary), total };
}

export function getLessonRow(
  db: Db,
  id: string,
): (LessonSummary & { description: string; source: Lesson['source']; originalName: string | null }) | undefined {
  const row = db.prepare(`SELECT ${summaryColumns} FROM lessons l WHERE l.id = ?`).get(id) as LessonRow | undefined;
  return row && { ...toSummary(row), description: row.description, source: row.source, originalName: row.original_name };
}

/**
 * A lesson of sound alone: its media has an audio codec and no picture. A recording waiting for its
 * remux has neither codec yet, so it is not one.
 */
export function lessonIsAudioOnly(db: Db, id: string): boolean {
  const row = db.prepare('SELECT video_codec, audio_codec, width FROM lessons WHERE id = ?').get(id) as
    { video_codec: string | null; audio_codec: string | null; width: number | null } | undefined;
  return Boolean(row && row.video_codec === null && row.audio_codec !== null && !row.width);
}

/** Just what a note needs of its lesson: that it exists, and how long it is (no counts, no share). */
export function lessonDuration(db: Db, id: string): { durationMs: number | null } | undefined {
  const row = db.prepare('SELECT duration_ms FROM lessons WHERE id = ?').get(id) as { duration_ms: number | null } | undefined;
  return row && { durationMs: row.duration_ms };
}

export function lessonTags(db: Db, lessonId: string): string[] {
  return (
    db
      .prepare('SELECT t.name FROM lesson_tags lt JOIN tags t ON t.id = lt.tag_id WHERE lt.lesson_id = ? ORDER BY t.name')
      .all(lessonId) as Array<{ name: string }>
  ).map((r) => r.name);
}

export function lessonAssets(db: Db, lessonId: string): Array<Asset & { relPath: string }> {
  return (db.prepare('SELECT * FROM media_assets WHERE lesson_id = ? ORDER BY created_at').all(lessonId) as AssetRow[]).map(toAsset);
}

export function getAsset(db: Db, assetId: string): (Asset & { relPath: string }) | undefined {
  const row = db.prepare('SELECT * FROM media_assets WHERE id = ?').get(assetId) as AssetRow | undefined;
  return row && toAsset(row);
}

export function insertLesson(
  db: Db,
  l: {
    id: string;
    title: string;
    status: Lesson['status'];
    source: Lesson['source'];
    originalName: string | null;
    durationMs: number | null;
    width: number | null;
    height: number | null;
    rotation: number;
    videoCodec: string | null;
    audioCodec: string | null;
    now: number;
    /** Where the lesson came from (see migration 0008); made here unless said otherwise. */
    origin?: 'local' | 'hub' | 'archive';
  },
): void {
  db.prepare(
    `INSERT INTO lessons (id, title, status, source, original_name, duration_ms, width, height, rotation, video_codec, audio_codec, origin, created_at, updated_at)
     VALUES (@id, @title, @status, @source, @originalName, @durationMs, @width, @height, @rotation, @videoCodec, @audioCodec, @origin, @now, @now)`,
  ).run({ origin: 'local', ...l });
}

/**
 * Records a lesson's media file of a kind, replacing the one before. The checksums are the new file's
 * when given (see checksums.ts), and otherwise forgotten: a regenerated file never keeps the
 * checksums of the one it replaced.
 */
export function upsertAsset(
  db: Db,
  a: {
    id: string;
    lessonId: string;
    kind: Asset['kind'];
    relPath: string;
    mime: string;
    sizeBytes: number;
    now: number;
    sums?: FileSums;
  },
): void {
  db.prepare(
    `INSERT INTO media_assets (id, lesson_id, kind, rel_path, mime, size_bytes, sha256, crc32, checked_size, checked_mtime_ms, created_at)
     VALUES (@id, @lessonId, @kind, @relPath, @mime, @sizeBytes, @sha256, @crc32, @checkedSize, @checkedMtimeMs, @now)
     ON CONFLICT (lesson_id, kind) DO UPDATE SET rel_path = excluded.rel_path, mime = excluded.mime, size_bytes = excluded.size_bytes,
       sha256 = excluded.sha256, crc32 = excluded.crc32, checked_size = excluded.checked_size, checked_mtime_ms = excluded.checked_mtime_ms`,
  ).run({
    id: a.id,
    lessonId: a.lessonId,
    kind: a.kind,
    relPath: a.relPath,
    mime: a.mime,
    sizeBytes: a.sizeBytes,
    now: a.now,
    sha256: a.sums?.sha256 ?? null,
    crc32: a.sums?.crc32 ?? null,
    checkedSize: a.sums?.size ?? null,
    checkedMtimeMs: a.sums?.mtimeMs ?? null,
  });
}

export function setLessonStatus(db: Db, id: string, status: Lesson['status'], errorCode: string | null, now: number): void {
  db.prepare('UPDATE lessons SET status = ?, error_code = ?, updated_at = ? WHERE id = ?').run(status, errorCode, now, id);
}

export function setLessonMedia(db: Db, id: string, m: { durationMs: number; width: number; height: number }, now: number): void {
  db.prepare('UPDATE lessons SET duration_ms = ?, width = ?, height = ?, updated_at = ? WHERE id = ?').run(
    m.durationMs,
    m.width,
    m.height,
    now,
    id,
  );
}

export function updateLesson(db: Db, id: string, patch: LessonPatch, now: number): void {
  const { tags, ...fields } = patch;
  const columns = Object.keys(fields) as Array<keyof typeof fields>;
  if (columns.length) {
    db.prepare(`UPDATE lessons SET ${columns.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @now WHERE id = @id`).run({
      ...fields,
      id,
      now,
    });
  } else {
    db.prepare('UPDATE lessons SET updated_at = ? WHERE id = ?').run(now, id);
  }
  if (tags) {
    db.prepare('DELETE FROM lesson_tags WHERE lesson_id = ?').run(id);
    const insertTag = db.prepare('INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING');
    const link = db.prepare('INSERT OR IGNORE INTO lesson_tags (lesson_id, tag_id) SELECT ?, id FROM tags WHERE name = ?');
    for (const tag of tags) {
      insertTag.run(tag);
      link.run(id, tag);
    }
  }
}

export function deleteLesson(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM lessons WHERE id = ?').run(id).changes > 0;
}
