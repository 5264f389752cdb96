import { v7 as uuidv7 } from 'uuid';
import type { EntityName } from '../../common/sync/entities';
import type { Op } from '../../common/sync/ops';
import type { Db } from '../db/open';
import { myUserId } from '../sync/account';
import { deviceClock } from '../sync/clock';
import { enqueueOp } from '../sync/outbox';
import { getRecord, isLive, saveRecord } from '../sync/records';
import { getCollectionRow, getItemRow, itemRows, type CollectionRow, type ItemRow } from './queries';

/**
 * Changes to published collections become ops here, inside the transaction that writes them, through
 * the sync engine's outbox. As for lessons and notes, only fields that differ from what was last
 * synced are sent; a record that should no longer exist gets a delete. Ops carry the collection id in
 * the outbox's grouping column: a collection has no media of its own to wait for.
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
  return { collectionId: i.collectionId, lessonId: i.lessonId, startMs: i.startMs, endMs: i.endMs, title: i.title, note: i.note, position: i.position };
}

interface Target {
  entity: Extract<EntityName, 'collection' | 'collectionItem'>;
  id: string;
  communityId: string;
  collectionId: string;
  ownerId: string;
  authorId: string;
}

function emit(db: Db, now: () => number, t: Target, desired: Op['fields'] | null): void {
  const record = getRecord(db, t.entity, t.id);
  const live = isLive(record);
  if (desired === null) {
    if (!live) return;
    const hlc = deviceClock(db, now).tick();
    saveRecord(db, { ...record, deletedHlc: hlc, fields: {}, fieldHlcs: {} });
    enqueueOp(db, { opId: uuidv7(), communityId: record.communityId, entity: t.entity, id: t.id, action: 'delete', fields: {}, hlc, authorId: t.authorId }, t.collectionId, now());
    return;
  }
  const changed = live ? Object.fromEntries(Object.entries(desired).filter(([k, v]) => JSON.stringify(record.fields[k]) !== JSON.stringify(v))) : desired;
  if (Object.keys(changed).length === 0) return;
  const hlc = deviceClock(db, now).tick();
  const communityId = live ? record.communityId : t.communityId;
  saveRecord(db, {
    entity: t.entity,
    id: t.id,
    communityId,
    ownerId: live ? record.ownerId : t.ownerId,
    createdHlc: live ? record.createdHlc : hlc,
    deletedHlc: null,
    fields: { ...(live ? record.fields : {}), ...changed },
    fieldHlcs: { ...(live ? record.fieldHlcs : {}), ...Object.fromEntries(Object.keys(changed).map((k) => [k, hlc])) },
  });
  enqueueOp(db, { opId: uuidv7(), communityId, entity: t.entity, id: t.id, action: 'upsert', fields: changed, hlc, authorId: t.authorId }, t.collectionId, now());
}

/** Who stamps the op: the signed-in person. Unpublished collections and signed-out devices send nothing. */
function publishedTarget(db: Db, collectionId: string): { collection: CollectionRow; communityId: string; me: string } | null {
  const collection = getCollectionRow(db, collectionId);
  const me = myUserId(db);
  if (!collection?.communityId || collection.origin === 'archive' || !me) return null;
  return { collection, communityId: collection.communityId, me };
}

export function syncCollectionChange(db: Db, now: () => number, collectionId: string): void {
  const target = publishedTarget(db, collectionId);
  if (!target) return;
  const { collection, communityId, me } = target;
  const ownerId = collection.ownerId ?? me;
  emit(db, now, { entity: 'collection', id: collectionId, communityId, collectionId, ownerId, authorId: me }, collectionFields(collection, ownerId));
}

export function syncItemChange(db: Db, now: () => number, collectionId: string, itemId: string): void {
  const target = publishedTarget(db, collectionId);
  if (!target) return;
  const item = getItemRow(db, itemId);
  const { communityId, me } = target;
  emit(db, now, { entity: 'collectionItem', id: itemId, communityId, collectionId, ownerId: me, authorId: me }, item ? itemFields(item) : null);
}

/** Publishing sends the collection and then every item, in order, so members receive it whole. */
export function syncWholeCollection(db: Db, now: () => number, collectionId: string): void {
  syncCollectionChange(db, now, collectionId);
  for (const item of itemRows(db, collectionId)) syncItemChange(db, now, collectionId, item.id);
}

/**
 * Taking a collection down: one delete (the hub removes its items with it); the items' records are
 * marked gone here without ops of their own.
 */
export function syncCollectionRemoval(db: Db, now: () => number, collectionId: string): void {
  const target = publishedTarget(db, collectionId);
  if (!target) return;
  const { communityId, me } = target;
  const record = getRecord(db, 'collection', collectionId);
  emit(db, now, { entity: 'collection', id: collectionId, communityId, collectionId, ownerId: record?.ownerId ?? me, authorId: me }, null);
  const gone = getRecord(db, 'collection', collectionId)?.deletedHlc;
  if (!gone) return;
  for (const item of itemRows(db, collectionId)) {
    const itemRecord = getRecord(db, 'collectionItem', item.id);
    if (isLive(itemRecord)) saveRecord(db, { ...itemRecord, deletedHlc: gone, fields: {}, fieldHlcs: {} });
  }
}
