import type { Db } from '../db/open';
import { collectionBasics, getCollectionRow, itemContent, itemRows } from '../collections/queries';
import { listUserSchemes, lessonSchemeId } from '../coding/queries';
import { listClips } from '../clips/queries';
import { getLessonRow, lessonTags } from '../library/queries';
import { getRecord, type SyncRecord } from '../sync/records';
import { lessonCredit } from '../sync/credit';
import { getShare } from '../sync/shares';
import type { PackageCollection, PackageLesson, PackageSynced } from './format';

interface NoteRow {
  id: string;
  parent_id: string | null;
  kind: PackageLesson['notes'][number]['kind'];
  start_ms: number;
  end_ms: number | null;
  text: string;
  code_id: string | null;
  author_name: string;
  author_id: string | null;
  private: number;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

function asShared(r: SyncRecord): PackageSynced {
  return {
    entity: r.entity as PackageSynced['entity'],
    id: r.id,
    communityId: r.communityId,
    ownerId: r.ownerId,
    createdHlc: r.createdHlc,
    fields: r.fields,
    fieldHlcs: r.fieldHlcs,
  };
}

/**
 * The feedback a lesson received in its community, as synced: review requests, the reviews submitted
 * (drafts never leave their mentor's device) and the rubrics they use. Their stamps travel too, so
 * when the importing computer syncs, the hub's copies merge with these instead of repeating them.
 */
function sharedRecords(db: Db, lessonId: string): PackageSynced[] {
  const rows = db
    .prepare(
      `SELECT entity, record_id FROM sync_records WHERE deleted_hlc IS NULL AND json_extract(fields, '$.lessonId') = ?
         AND (entity = 'reviewRequest' OR (entity = 'review' AND json_extract(fields, '$.status') = 'submitted'))
       ORDER BY created_hlc`,
    )
    .all(lessonId) as Array<{ entity: SyncRecord['entity']; record_id: string }>;
  const records = rows.map((r) => getRecord(db, r.entity, r.record_id)!);
  const rubricIds = new Set(
    records
      .filter((r) => r.entity === 'reviewRequest')
      .map((r) => r.fields.rubricId)
      .filter((id): id is string => typeof id === 'string'),
  );
  const rubrics = [...rubricIds]
    .map((id) => getRecord(db, 'rubric', id))
    .filter((r): r is SyncRecord => r !== null && r.deletedHlc === null);
  return [...rubrics, ...records].map(asShared);
}

/**
 * A lesson's records as a package carries them. Deleted notes go too (as tombstones), so an import
 * never brings back a note the exporter had deleted. Notes written on this device are stamped with
 * the exporter's account, so on another device they read as someone else's and stay read-only.
 */
export function lessonRecord(
  db: Db,
  lessonId: string,
  o: { includePrivateNotes: boolean; exporterId: string | null; media: PackageLesson['media'] },
): PackageLesson {
  const row = getLessonRow(db, lessonId)!;
  const details = db.prepare('SELECT description, subject, grade, language FROM lessons WHERE id = ?').get(lessonId) as {
    description: string;
    subject: string;
    grade: string;
    language: string;
  };
  const notes = (db.prepare('SELECT * FROM notes WHERE lesson_id = ? ORDER BY start_ms, created_at, id').all(lessonId) as NoteRow[])
    .filter((n) => o.includePrivateNotes || n.private === 0)
    .map((n) => ({
      id: n.id,
      parentId: n.parent_id,
      kind: n.kind,
      startMs: n.start_ms,
      endMs: n.end_ms,
      text: n.text,
      codeId: n.code_id,
      authorName: n.author_name,
      authorId: n.author_id ?? o.exporterId,
      private: n.private === 1,
      createdAt: n.created_at,
      updatedAt: n.updated_at,
      deletedAt: n.deleted_at,
    }));
  // A reply whose note stays behind would dangle.
  const kept = new Set(notes.map((n) => n.id));
  const threaded = notes.filter((n) => n.parentId === null || kept.has(n.parentId));
  const usedCodes = new Set(threaded.map((n) => n.codeId).filter(Boolean));
  const schemeId = lessonSchemeId(db, lessonId);
  const schemes = listUserSchemes(db)
    .filter((s) => s.id === schemeId || s.codes.some((c) => usedCodes.has(c.id)))
    .map((s) => ({ id: s.id, name: s.name, codes: s.codes }));
  const share = getShare(db, lessonId);
  return {
    id: row.id,
    title: row.title,
    description: details.description,
    subject: details.subject,
    grade: details.grade,
    language: details.language,
    tags: lessonTags(db, lessonId),
    durationMs: row.durationMs,
    width: row.width,
    height: row.height,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    share: share ? { communityId: share.communityId, ownerId: share.ownerId, sharedAt: share.sharedAt } : null,
    codingSchemeId: schemeId,
    schemes,
    notes: threaded,
    clips: listClips(db, lessonId).map((c) => ({
      id: c.id,
      name: c.name,
      startMs: c.startMs,
      endMs: c.endMs,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    })),
    media: o.media,
    shared: sharedRecords(db, lessonId),
    credit: lessonCredit(db, lessonId),
  };
}

export function collectionRecord(db: Db, collectionId: string, itemIds: ReadonlySet<string>): PackageCollection {
  const c = getCollectionRow(db, collectionId)!;
  return {
    ...collectionBasics(c),
    coverLessonId: c.coverLessonId,
    coverMs: c.coverMs,
    communityId: c.communityId,
    ownerId: c.ownerId,
    publishedAt: c.publishedAt,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    items: itemRows(db, collectionId)
      .filter((i) => itemIds.has(i.id))
      .map((i) => ({ id: i.id, ...itemContent(i), createdAt: i.createdAt, updatedAt: i.updatedAt })),
  };
}
