import { StudioError } from '../../common/errors';
import type { Op } from '../../common/sync/ops';
import type { Db } from '../db/open';
import { myUserId } from '../sync/account';
import { emitChange, type ChangeWriter } from '../sync/local-changes';
import type { ReviewEntity } from './records';

/** The signed-in person's hub id; review work is always someone's, so it needs an account. */
export function requireMe(db: Db): string {
  const me = myUserId(db);
  if (!me) throw new StudioError('unauthorized');
  return me;
}

/**
 * Writes a review record through the sync outbox, in the caller's transaction. `lessonId` holds the op
 * back while that lesson's media is still uploading (its parent must reach the hub first); records
 * that belong to no lesson (rubrics) name themselves. A new record is the signed-in person's.
 */
export function writeRecord(
  w: ChangeWriter,
  r: { entity: ReviewEntity; id: string; communityId: string; lessonId: string | null; ownerId?: string | undefined },
  desired: Op['fields'] | null,
): void {
  const me = requireMe(w.db);
  emitChange(
    w,
    { entity: r.entity, id: r.id, communityId: r.communityId, lessonId: r.lessonId ?? r.id, ownerId: r.ownerId ?? me, authorId: me },
    desired,
  );
}
