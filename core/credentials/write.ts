import type { Op } from '../../common/sync/ops';
import { emitChange, type ChangeWriter } from '../sync/local-changes';
import { requireMe } from '../review/write';
import type { RecognitionEntity } from './records';

/**
 * Writes an achievement or an award through the sync outbox, in the caller's transaction, so it is
 * made offline as well as online and pushed when the hub can be reached. They belong to no lesson,
 * so their ops name themselves.
 */
export function writeRecognition(
  w: ChangeWriter,
  r: { entity: Exclude<RecognitionEntity, 'credential'>; id: string; communityId: string; ownerId?: string | undefined },
  desired: Op['fields'],
): void {
  const me = requireMe(w.db);
  emitChange(
    w,
    { entity: r.entity, id: r.id, communityId: r.communityId, lessonId: r.id, ownerId: r.ownerId ?? me, authorId: me },
    desired,
  );
}
