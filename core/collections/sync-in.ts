import type { CollectionDescription } from '../../common/schemas/collection';
import type { Db } from '../db/open';
import type { Applying, Projections } from '../sync/projection';
import type { SyncRecord } from '../sync/records';
import { deleteCollectionRow, deleteItemRow, getCollectionRow, getItemRow, saveCollectionRow, saveItemRow } from './queries';

/**
 * Collections and items pulled from the hub become rows of this device's tables. The merged record
 * (every field, last writer wins) is written whole, so the rows always equal what the hub holds. A
 * collection this device knew as an archive from a package becomes the community's copy: same ids,
 * no duplicate. Each change is announced as `collections.pulled` once the pull's transaction has
 * committed (core/collections/calls.ts tells the UI).
 */

function touched(at: Applying, collectionId: string): void {
  at.events.emitSoon('collections.pulled', { ids: [collectionId] });
}

type Fields = Record<string, unknown>;

function projectCollection(db: Db, record: SyncRecord, nowMs: number): void {
  const f = record.fields as Fields;
  const local = getCollectionRow(db, record.id);
  saveCollectionRow(db, {
    id: record.id,
    title: String(f.title),
    language: typeof f.language === 'string' ? f.language : '',
    descriptions: Object.entries((f.descriptions as Record<string, string> | undefined) ?? {}).map(
      ([language, text]): CollectionDescription => ({ language, text }),
    ),
    tags: (f.tags as string[] | undefined) ?? [],
    licence: String(f.licence),
    coverLessonId: typeof f.coverLessonId === 'string' ? f.coverLessonId : null,
    coverMs: typeof f.coverMs === 'number' ? f.coverMs : null,
    origin: local?.origin === 'local' ? 'local' : 'hub',
    communityId: record.communityId,
    ownerId: typeof f.ownerId === 'string' ? f.ownerId : record.ownerId,
    archiveId: local?.archiveId ?? null,
    publishedAt: local?.publishedAt ?? nowMs,
    createdAt: local?.createdAt ?? nowMs,
    updatedAt: nowMs,
  });
  // Items that arrived before their collection (or while it was gone) are shown now.
  const waiting = db
    .prepare(
      `SELECT * FROM sync_records WHERE entity = 'collectionItem' AND deleted_hlc IS NULL AND json_extract(fields, '$.collectionId') = ?`,
    )
    .all(record.id) as Array<{ record_id: string; fields: string }>;
  for (const item of waiting)
    if (!getItemRow(db, item.record_id)) projectItemFields(db, item.record_id, JSON.parse(item.fields) as Fields, nowMs);
}

function projectItemFields(db: Db, id: string, f: Fields, nowMs: number): string | null {
  const collectionId = String(f.collectionId);
  if (!getCollectionRow(db, collectionId)) return null;
  const local = getItemRow(db, id);
  saveItemRow(db, {
    id,
    collectionId,
    lessonId: String(f.lessonId),
    startMs: typeof f.startMs === 'number' ? f.startMs : null,
    endMs: typeof f.endMs === 'number' ? f.endMs : null,
    title: typeof f.title === 'string' ? f.title : '',
    note: typeof f.note === 'string' ? f.note : '',
    position: String(f.position),
    createdAt: local?.createdAt ?? nowMs,
    updatedAt: nowMs,
  });
  return collectionId;
}

export const collectionProjections: Projections = {
  collection: {
    upsert(at, record) {
      projectCollection(at.db, record, at.nowMs);
      touched(at, record.id);
    },
    remove(at, record) {
      deleteCollectionRow(at.db, record.id);
      touched(at, record.id);
    },
  },
  collectionItem: {
    upsert(at, record) {
      const collectionId = projectItemFields(at.db, record.id, record.fields as Fields, at.nowMs);
      if (collectionId) touched(at, collectionId);
    },
    remove(at, record) {
      const item = getItemRow(at.db, record.id);
      deleteItemRow(at.db, record.id);
      if (item) touched(at, item.collectionId);
    },
  },
};
