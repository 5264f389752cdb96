import { can } from '../../common/permissions';
import type { Collection, CollectionItem, CollectionSummary } from '../../common/schemas/collection';
import type { CoreContext } from '../app/context';
import { getLesson } from '../library/lessons';
import { getLessonRow } from '../library/queries';
import { myRoleIn } from '../sync/rules';
import { collectionBasics, communityName, isSharedIn, itemCount, itemRows, type CollectionRow, type ItemRow } from './queries';

/**
 * Whether this person may change a collection: their own draft, or one of a community where their
 * role may edit collections. An archive from a package is read-only.
 */
export function canEditCollection(ctx: CoreContext, c: CollectionRow): boolean {
  if (c.origin === 'archive') return false;
  if (c.communityId === null) return true;
  const role = myRoleIn(ctx.db, c.communityId);
  return role !== null && can(role, 'collection.edit');
}

/**
 * A published collection only ever plays lessons still shared in its community: once a share is
 * withdrawn, its items are withdrawn too. A draft or an archive plays whatever the library holds.
 */
function lessonAvailable(ctx: CoreContext, c: CollectionRow, lessonId: string): boolean {
  if (!getLessonRow(ctx.db, lessonId)) return false;
  return c.communityId === null || c.origin === 'archive' || isSharedIn(ctx.db, lessonId, c.communityId);
}

export function itemView(ctx: CoreContext, c: CollectionRow, i: ItemRow): CollectionItem {
  const lesson = lessonAvailable(ctx, c, i.lessonId) ? getLesson(ctx, i.lessonId) : null;
  const isClip = i.startMs !== null && i.endMs !== null;
  return {
    id: i.id,
    collectionId: i.collectionId,
    lessonId: i.lessonId,
    lessonTitle: lesson?.title ?? getLessonRow(ctx.db, i.lessonId)?.title ?? '',
    startMs: i.startMs,
    endMs: i.endMs,
    title: i.title,
    note: i.note,
    position: i.position,
    state: !lesson ? 'withdrawn' : lesson.playbackAssetId ? 'ready' : 'pending',
    durationMs: isClip ? i.endMs! - i.startMs! : (lesson?.durationMs ?? null),
    posterAssetId: lesson?.posterAssetId ?? null,
    playbackAssetId: lesson?.playbackAssetId ?? null,
  };
}

/** Items as this person may see them: curators see withdrawn items (to remove them), members never do. */
export function visibleItems(ctx: CoreContext, c: CollectionRow): CollectionItem[] {
  const items = itemRows(ctx.db, c.id).map((i) => itemView(ctx, c, i));
  return canEditCollection(ctx, c) ? items : items.filter((i) => i.state !== 'withdrawn');
}

function coverAssetId(c: CollectionRow, items: CollectionItem[]): string | null {
  // A chosen frame is served under the collection's own id (see cover.ts).
  if (c.coverLessonId && items.some((i) => i.lessonId === c.coverLessonId && i.state !== 'withdrawn')) return c.id;
  return items.find((i) => i.posterAssetId)?.posterAssetId ?? null;
}

export function summaryOf(ctx: CoreContext, c: CollectionRow, items = visibleItems(ctx, c)): CollectionSummary {
  return {
    ...collectionBasics(c),
    origin: c.origin,
    communityId: c.communityId,
    communityName: c.communityId ? communityName(ctx.db, c.communityId, c.archiveId) : null,
    publishedAt: c.publishedAt,
    coverAssetId: coverAssetId(c, items),
    coverLessonId: c.coverLessonId,
    coverMs: c.coverMs,
    itemCount: canEditCollection(ctx, c) ? itemCount(ctx.db, c.id) : items.length,
    canEdit: canEditCollection(ctx, c),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function collectionView(ctx: CoreContext, c: CollectionRow): Collection {
  const items = visibleItems(ctx, c);
  return { ...summaryOf(ctx, c, items), items };
}
