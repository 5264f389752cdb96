import type { CollectionDescription } from '../../common/schemas/collection';
import type { Db } from '../db/open';
import { registerProjection } from '../sync/apply';
import type { SyncRecord } from '../sync/records';
import { deleteCollectionRow, deleteItemRow, getCollectionRow, getItemRow, saveCollectionRow, saveItemRow } from './queries';

/**
 * Collections and items pulled from the hub become rows of this device's tables. The merged record
 * (every field, last writer wins) is written whole, so the rows always equal what the hub holds. A
 * collection this device knew as an archive from a package becomes the community's copy: same ids,
 * no duplicate.
 */

const listeners = new WeakMap<Db, (ids: string[]) => void>();

/** Told which collections a pull changed, once its transaction has committed. */
export function onCollectionsPulled(db: Db, listener: (ids: string[]) => void): void {
  listeners.set(db, listener);
}

function touched(db: Db, collectionId: string): void {
  const listener = listeners.get(db);
  if (listener) queueMicrotask(() => listener([collectionId]));
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

registerProjection('collection', {
  upsert(db, record, _changed, nowMs) {
    projectCollection(db, record, nowMs);
    touched(db, record.id);
  },
  remove(db, record) {
    deleteCollectionRow(db, record.id);
    touched(db, record.id);
  },
});

registerProjection('collectionItem', {
  upsert(db, record, _changed, nowMs) {
    const collectionId = projectItemFields(db, record.id, record.fields as Fields, nowMs);
    if (collectionId) touched(db, collectionId);
  },
  remove(db, record) {
    const item = getItemRow(db, record.id);
    deleteItemRow(db, record.id);
    if (item) touched(db, item.collectionId);
  },
});
