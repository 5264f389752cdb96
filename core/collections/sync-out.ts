import type { EntityName } from '../../common/sync/entities';
import type { Op } from '../../common/sync/ops';
import type { Db } from '../db/open';
import { myUserId } from '../sync/account';
import { emitChange, type ChangeWriter } from '../sync/local-changes';
import { getRecord, isLive, saveRecord } from '../sync/records';
import { getCollectionRow, getItemRow, itemContent, itemRows, type CollectionRow, type ItemRow } from './queries';

/**
 * Changes to published collections become ops here, inside the transaction that writes them, through
 * the sync engine's change writer: as for lessons and notes, only fields that differ from what was
 * last synced are sent, and a record that should no longer exist gets a delete. Ops are grouped under
 * the collection's id in the outbox: a collection has no media of its own to wait for.
 */

export function collectionFields(c: CollectionRow, ownerId: string): Op['fields'] {
  return {
    ownerId,
    title: c.title,
    language: c.language || null,
    descriptions: Object.fromEntries(c.descriptions.map((d) => [d.language, d.text])),
    tags: c.tags,
    licence: c.licence,
    coverLessonId: c.coverLessonId,
    coverMs: c.coverMs,
  };
}

export function itemFields(i: ItemRow): Op['fields'] {
  return { collectionId: i.collectionId, ...itemContent(i) };
}

type Entity = Extract<EntityName, 'collection' | 'collectionItem'>;

/** Through the sync engine's own change writer; the collection id groups the ops in the outbox. */
function emit(
  w: ChangeWriter,
  entity: Entity,
  id: string,
  t: { communityId: string; collectionId: string; ownerId: string; authorId: string },
  desired: Op['fields'] | null,
): void {
  emitChange(w, { entity, id, communityId: t.communityId, lessonId: t.collectionId, ownerId: t.ownerId, authorId: t.authorId }, desired);
}

/** Who stamps the op: the signed-in person. Unpublished collections and signed-out devices send nothing. */
function publishedTarget(db: Db, collectionId: string): { collection: CollectionRow; communityId: string; me: string } | null {
  const collection = getCollectionRow(db, collectionId);
  const me = myUserId(db);
  if (!collection?.communityId || collection.origin === 'archive' || !me) return null;
  return { collection, communityId: collection.communityId, me };
}

export function syncCollectionChange(w: ChangeWriter, collectionId: string): void {
  const { db } = w;
  const target = publishedTarget(db, collectionId);
  if (!target) return;
  const { collection, communityId, me } = target;
  const ownerId = collection.ownerId ?? me;
  emit(w, 'collection', collectionId, { communityId, collectionId, ownerId, authorId: me }, collectionFields(collection, ownerId));
}

export function syncItemChange(w: ChangeWriter, collectionId: string, itemId: string): void {
  const { db } = w;
  const target = publishedTarget(db, collectionId);
  if (!target) return;
  const item = getItemRow(db, itemId);
  const { communityId, me } = target;
  emit(w, 'collectionItem', itemId, { communityId, collectionId, ownerId: me, authorId: me }, item ? itemFields(item) : null);
}

/** Publishing sends the collection and then every item, in order, so members receive it whole. */
export function syncWholeCollection(w: ChangeWriter, collectionId: string): void {
  const { db } = w;
  syncCollectionChange(w, collectionId);
  for (const item of itemRows(db, collectionId)) syncItemChange(w, collectionId, item.id);
}

/**
 * Taking a collection down: one delete (the hub removes its items with it); the items' records are
 * marked gone here without ops of their own.
 */
export function syncCollectionRemoval(w: ChangeWriter, collectionId: string): void {
  const { db } = w;
  const target = publishedTarget(db, collectionId);
  if (!target) return;
  const { communityId, me } = target;
  const record = getRecord(db, 'collection', collectionId);
  emit(w, 'collection', collectionId, { communityId, collectionId, ownerId: record?.ownerId ?? me, authorId: me }, null);
  const gone = getRecord(db, 'collection', collectionId)?.deletedHlc;
  if (!gone) return;
  for (const item of itemRows(db, collectionId)) {
    const itemRecord = getRecord(db, 'collectionItem', item.id);
    if (isLive(itemRecord)) saveRecord(db, { ...itemRecord, deletedHlc: gone, fields: {}, fieldHlcs: {} });
  }
}
