import type { Asset } from '../../common/schemas/lesson';
import { newId } from '../app/ids';
import { getCollectionRow, getItemRow, saveCollectionRow, saveItemRow } from '../collections/queries';
import type { Db } from '../db/open';
import { checkPackageClaims } from './claims';
import { updateLesson } from '../library/queries';
import { saveArchiveCredit } from '../sync/credit';
import { getRecord, saveRecord } from '../sync/records';
import { ARCHIVE_AUTHOR, type Manifest, type PackageCollection, type PackageLesson } from './format';

export interface UnpackedFile {
  lessonId: string;
  kind: Asset['kind'];
  relPath: string;
  mime: string;
  size: number;
  /** Verified while unpacking, or null when the package was checked by CRC-32 only (version 2): computed when first needed. */
  sha256: string | null;
  /** Computed while unpacking, and equal to the package's. */
  crc32: number;
  /** The file's modification time once in the library: its checksums hold for it as it is then. */
  mtimeMs: number;
}

export interface ApplyInput {
  manifest: Manifest;
  collection: PackageCollection | null;
  lessons: PackageLesson[];
  files: UnpackedFile[];
  archive: { id: string; fileName: string };
  now: number;
}

/** The local copy wins unless the package's is strictly newer: an import never overwrites newer work. */
function packageIsNewer(local: { updated_at: number; deleted_at?: number | null } | undefined, packaged: number): boolean {
  return local !== undefined && packaged > Math.max(local.updated_at, local.deleted_at ?? 0);
}

function applyLesson(db: Db, l: PackageLesson, now: number, archiveId: string): void {
  const local = db.prepare('SELECT updated_at, origin FROM lessons WHERE id = ?').get(l.id) as
    { updated_at: number; origin: 'local' | 'hub' | 'archive' } | undefined;
  const details = { title: l.title, description: l.description, subject: l.subject, grade: l.grade, language: l.language, tags: l.tags };
  if (!local) {
    db.prepare(
      `INSERT INTO lessons (id, title, description, subject, grade, language, status, source, origin, archive_id, duration_ms, width, height, coding_scheme_id, created_at, updated_at)
       VALUES (@id, @title, @description, @subject, @grade, @language, 'ready', 'import', 'archive', @archiveId, @durationMs, @width, @height, @codingSchemeId, @createdAt, @updatedAt)`,
    ).run({ ...l, archiveId });
    updateLesson(db, l.id, { tags: l.tags }, l.updatedAt);
  } else if (packageIsNewer(local, l.updatedAt)) {
    updateLesson(db, l.id, details, l.updatedAt);
  }
  // Licence, author, consent and community travel with the copy; a community's copy reads them from its record instead.
  if (l.credit && (local === undefined || local.origin === 'archive')) saveArchiveCredit(db, l.id, archiveId, l.credit);
  // Shared in a community: the same share a sync would bring, so the hub's copy later lands on this one.
  if (l.share) {
    db.prepare(
      `INSERT INTO lesson_shares (lesson_id, community_id, origin, owner_id, shared_at) VALUES (?, ?, 'hub', ?, ?) ON CONFLICT (lesson_id) DO NOTHING`,
    ).run(l.id, l.share.communityId, l.share.ownerId, l.share.sharedAt);
  }
  for (const s of l.schemes) {
    if (db.prepare('SELECT 1 FROM coding_schemes WHERE id = ?').get(s.id)) continue;
    db.prepare('INSERT INTO coding_schemes (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(s.id, s.name, now, now);
    for (const c of s.codes)
      db.prepare('INSERT OR IGNORE INTO codes (id, scheme_id, name, color, key) VALUES (?, ?, ?, ?, ?)').run(
        c.id,
        s.id,
        c.name,
        c.color.toLowerCase(),
        c.key,
      );
  }
  // Parents before replies, for the reply's reference to its note.
  const notes = [...l.notes].sort((a, b) => Number(a.parentId !== null) - Number(b.parentId !== null));
  for (const n of notes) {
    // Notes from a package are someone else's, even when their author had no account to name.
    const row = { ...n, lessonId: l.id, private: n.private ? 1 : 0, authorId: n.authorId ?? ARCHIVE_AUTHOR };
    const current = db.prepare('SELECT updated_at, deleted_at FROM notes WHERE id = ?').get(n.id) as
      { updated_at: number; deleted_at: number | null } | undefined;
    if (!current) {
      db.prepare(
        `INSERT INTO notes (id, lesson_id, parent_id, kind, start_ms, end_ms, text, code_id, author_name, author_id, private, created_at, updated_at, deleted_at)
         VALUES (@id, @lessonId, @parentId, @kind, @startMs, @endMs, @text, @codeId, @authorName, @authorId, @private, @createdAt, @updatedAt, @deletedAt)`,
      ).run(row);
    } else if (packageIsNewer(current, Math.max(n.updatedAt, n.deletedAt ?? 0))) {
      db.prepare(
        `UPDATE notes SET kind = @kind, start_ms = @startMs, end_ms = @endMs, text = @text, code_id = @codeId, updated_at = @updatedAt, deleted_at = @deletedAt WHERE id = @id`,
      ).run(row);
    }
  }
  // Feedback from the community, as it was synced; records this device already holds keep their own stamps.
  for (const r of l.shared) {
    if (getRecord(db, r.entity, r.id)) continue;
    saveRecord(db, {
      entity: r.entity,
      id: r.id,
      communityId: r.communityId,
      ownerId: r.ownerId,
      createdHlc: r.createdHlc,
      deletedHlc: null,
      fields: r.fields,
      fieldHlcs: r.fieldHlcs,
    });
  }
  for (const c of l.clips) {
    const current = db.prepare('SELECT updated_at FROM clips WHERE id = ?').get(c.id) as { updated_at: number } | undefined;
    if (!current) {
      db.prepare(
        'INSERT INTO clips (id, lesson_id, name, start_ms, end_ms, created_at, updated_at) VALUES (@id, @lessonId, @name, @startMs, @endMs, @createdAt, @updatedAt)',
      ).run({
        ...c,
        lessonId: l.id,
      });
    } else if (packageIsNewer(current, c.updatedAt)) {
      db.prepare('UPDATE clips SET name = ?, start_ms = ?, end_ms = ?, updated_at = ? WHERE id = ?').run(
        c.name,
        c.startMs,
        c.endMs,
        c.updatedAt,
        c.id,
      );
    }
  }
}

/**
 * A collection that is new here arrives as a read-only archive. One this device already has keeps
 * its own origin; newer fields and items from the package are taken, and items missing here are
 * added only when the package's collection is the newer one (otherwise they were removed here).
 */
function applyCollection(db: Db, c: PackageCollection, archiveId: string): void {
  const local = getCollectionRow(db, c.id);
  const { items, ...fields } = c;
  const newer = !local || c.updatedAt > local.updatedAt;
  if (!local || newer) {
    saveCollectionRow(db, {
      ...fields,
      origin: local?.origin ?? 'archive',
      communityId: local ? local.communityId : c.communityId,
      ownerId: local ? local.ownerId : c.ownerId,
      archiveId: local ? local.archiveId : archiveId,
      createdAt: local?.createdAt ?? c.createdAt,
    });
  }
  for (const item of items) {
    const current = getItemRow(db, item.id);
    if (current ? item.updatedAt > current.updatedAt : newer) saveItemRow(db, { ...item, collectionId: c.id });
  }
}

/**
 * Writes every record of an unpacked package in one transaction: all of it lands, or none. The
 * package's claims are checked again inside it (see claims.ts); this person's own lessons are skipped.
 */
export function applyPackage(db: Db, input: ApplyInput): void {
  db.transaction(() => {
    const { manifest, archive, now } = input;
    const { ownLessons, ownCollection } = checkPackageClaims(db, input);
    db.prepare('INSERT INTO archives (id, file_name, exported_by, exported_at, community_name, imported_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      archive.id,
      archive.fileName,
      manifest.exportedBy.name,
      manifest.createdAt,
      manifest.community?.name ?? null,
      now,
    );
    for (const lesson of input.lessons) if (!ownLessons.has(lesson.id)) applyLesson(db, lesson, now, archive.id);
    const register = db.prepare(
      `INSERT INTO media_assets (id, lesson_id, kind, rel_path, mime, size_bytes, sha256, crc32, checked_size, checked_mtime_ms, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (lesson_id, kind) DO NOTHING`,
    );
    for (const f of input.files)
      register.run(newId(), f.lessonId, f.kind, f.relPath, f.mime, f.size, f.sha256, f.crc32, f.size, f.mtimeMs, now);
    if (input.collection && !ownCollection) applyCollection(db, input.collection, archive.id);
  })();
}
