import type { CallArgs } from '../../common/contract';
import { StudioError } from '../../common/errors';
import type { Collection, CollectionSummary } from '../../common/schemas/collection';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import { getLessonRow } from '../library/queries';
import { myUserId } from '../sync/account';
import { myRoleIn } from '../sync/rules';
import { can } from '../../common/permissions';
import { removeCovers } from './cover';
import { positionAtEnd, positionsForMove, sortItems } from './order';
import {
  deleteCollectionRow,
  deleteItemRow,
  getCollectionRow,
  getItemRow,
  isSharedIn,
  itemRows,
  listCollectionRows,
  saveCollectionRow,
  saveItemRow,
  touchCollection,
  type CollectionRow,
} from './queries';
import { syncCollectionChange, syncCollectionRemoval, syncItemChange, syncWholeCollection } from './sync-out';
import { canEditCollection, collectionView, summaryOf } from './view';

function requireCollection(ctx: CoreContext, id: string): CollectionRow {
  const c = getCollectionRow(ctx.db, id);
  if (!c) throw new StudioError('not_found', { entity: 'collection', id });
  return c;
}

function requireEditable(ctx: CoreContext, id: string): CollectionRow {
  const c = requireCollection(ctx, id);
  if (!canEditCollection(ctx, c)) throw new StudioError('forbidden', { operation: 'collection.edit' });
  return c;
}

function changed(ctx: CoreContext, id: string): Collection {
  ctx.bus.emit('collections.changed', { ids: [id] });
  return collectionView(ctx, requireCollection(ctx, id));
}

/** A clip must lie within its lesson; a whole lesson needs no range. */
function checkRange(ctx: CoreContext, lessonId: string, startMs: number | null, endMs: number | null): void {
  const lesson = getLessonRow(ctx.db, lessonId);
  if (!lesson) throw new StudioError('not_found', { entity: 'lesson', id: lessonId });
  if (startMs === null || endMs === null || lesson.durationMs === null) return;
  if (startMs >= lesson.durationMs) throw new StudioError('range_invalid', { startMs, durationMs: lesson.durationMs });
}

export function listCollections(ctx: CoreContext): CollectionSummary[] {
  return listCollectionRows(ctx.db).map((c) => summaryOf(ctx, c));
}

export function getCollection(ctx: CoreContext, id: string): Collection {
  return collectionView(ctx, requireCollection(ctx, id));
}

export function createCollection(ctx: CoreContext, args: CallArgs<'collections.create'>): Collection {
  const now = ctx.now();
  const id = newId();
  saveCollectionRow(ctx.db, {
    id,
    ...args,
    coverLessonId: null,
    coverMs: null,
    origin: 'local',
    communityId: null,
    ownerId: myUserId(ctx.db),
    archiveId: null,
    publishedAt: null,
    createdAt: now,
    updatedAt: now,
  });
  return changed(ctx, id);
}

export function updateCollection(ctx: CoreContext, { id, cover, ...patch }: CallArgs<'collections.update'>): Collection {
  const current = requireEditable(ctx, id);
  if (cover && !itemRows(ctx.db, id).some((i) => i.lessonId === cover.lessonId))
    throw new StudioError('not_found', { entity: 'lesson', id: cover.lessonId });
  const fields = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const next: CollectionRow = {
    ...current,
    ...fields,
    ...(cover !== undefined && { coverLessonId: cover?.lessonId ?? null, coverMs: cover?.atMs ?? null }),
    updatedAt: ctx.now(),
  };
  ctx.db.transaction(() => {
    saveCollectionRow(ctx.db, next);
    syncCollectionChange(ctx, id);
  })();
  return changed(ctx, id);
}

export async function deleteCollection(ctx: CoreContext, id: string): Promise<void> {
  const c = requireCollection(ctx, id);
  // Anyone may drop an archive from their own device; a published collection is taken down by a lead.
  if (c.origin !== 'archive') requireEditable(ctx, id);
  ctx.db.transaction(() => {
    syncCollectionRemoval(ctx, id);
    deleteCollectionRow(ctx.db, id);
  })();
  await removeCovers(ctx, id);
  ctx.bus.emit('collections.changed', { ids: [id] });
}

export function addItem(ctx: CoreContext, args: CallArgs<'collections.addItem'>): Collection {
  const c = requireEditable(ctx, args.collectionId);
  checkRange(ctx, args.lessonId, args.startMs, args.endMs);
  if (c.communityId && !isSharedIn(ctx.db, args.lessonId, c.communityId)) {
    throw new StudioError('collection_lesson_not_shared', { title: getLessonRow(ctx.db, args.lessonId)?.title ?? '' });
  }
  const now = ctx.now();
  const id = newId();
  ctx.db.transaction(() => {
    saveItemRow(ctx.db, { id, ...args, position: positionAtEnd(itemRows(ctx.db, c.id)), createdAt: now, updatedAt: now });
    touchCollection(ctx.db, c.id, now);
    syncItemChange(ctx, c.id, id);
  })();
  return changed(ctx, c.id);
}

export function updateItem(ctx: CoreContext, { id, ...patch }: CallArgs<'collections.updateItem'>): Collection {
  const item = getItemRow(ctx.db, id);
  if (!item) throw new StudioError('not_found', { entity: 'collectionItem', id });
  requireEditable(ctx, item.collectionId);
  const fields = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  ctx.db.transaction(() => {
    saveItemRow(ctx.db, { ...item, ...fields, updatedAt: ctx.now() });
    touchCollection(ctx.db, item.collectionId, ctx.now());
    syncItemChange(ctx, item.collectionId, id);
  })();
  return changed(ctx, item.collectionId);
}

/** Moves one item to `index`; only the moved item gets a new position (and, after a tie, the items tied with its new neighbour). */
export function moveItem(ctx: CoreContext, { id, index }: CallArgs<'collections.moveItem'>): Collection {
  const item = getItemRow(ctx.db, id);
  if (!item) throw new StudioError('not_found', { entity: 'collectionItem', id });
  requireEditable(ctx, item.collectionId);
  const items = itemRows(ctx.db, item.collectionId);
  if (sortItems(items).findIndex((i) => i.id === id) === Math.min(index, items.length - 1)) return changed(ctx, item.collectionId);
  const now = ctx.now();
  ctx.db.transaction(() => {
    for (const [movedId, position] of positionsForMove(items, id, index)) {
      const moved = items.find((i) => i.id === movedId)!;
      saveItemRow(ctx.db, { ...moved, position, updatedAt: now });
      syncItemChange(ctx, item.collectionId, movedId);
    }
    touchCollection(ctx.db, item.collectionId, now);
  })();
  return changed(ctx, item.collectionId);
}

export function removeItem(ctx: CoreContext, id: string): Collection {
  const item = getItemRow(ctx.db, id);
  if (!item) throw new StudioError('not_found', { entity: 'collectionItem', id });
  requireEditable(ctx, item.collectionId);
  ctx.db.transaction(() => {
    deleteItemRow(ctx.db, id);
    touchCollection(ctx.db, item.collectionId, ctx.now());
    syncItemChange(ctx, item.collectionId, id);
  })();
  return changed(ctx, item.collectionId);
}

/**
 * Publishes a draft into a community the person leads. Every lesson in it must already be shared
 * there: a collection never shows members a lesson its teacher has not shared with them.
 */
export function publishCollection(ctx: CoreContext, { id, communityId }: CallArgs<'collections.publish'>): Collection {
  const c = requireEditable(ctx, id);
  if (c.communityId) throw new StudioError('conflict', { status: 'published' });
  const me = myUserId(ctx.db);
  if (!me) throw new StudioError('unauthorized');
  const role = myRoleIn(ctx.db, communityId);
  if (!role || !can(role, 'collection.edit')) throw new StudioError('forbidden', { operation: 'collection.edit' });
  const unshared = itemRows(ctx.db, id).find((i) => !isSharedIn(ctx.db, i.lessonId, communityId));
  if (unshared) throw new StudioError('collection_lesson_not_shared', { title: getLessonRow(ctx.db, unshared.lessonId)?.title ?? '' });
  const now = ctx.now();
  ctx.db.transaction(() => {
    saveCollectionRow(ctx.db, { ...c, communityId, ownerId: c.ownerId ?? me, publishedAt: now, updatedAt: now });
    syncWholeCollection(ctx, id);
  })();
  return changed(ctx, id);
}
