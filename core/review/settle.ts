import type { ErrorCode, ErrorParams } from '../../common/errors';
import type { Op } from '../../common/sync/ops';
import type { Db } from '../db/open';
import { writeCursor } from '../sync/community-cache';
import { hasPendingOps } from '../sync/outbox';
import { saveRecord, type SyncRecord } from '../sync/records';
import { deleteDraft, getDraft, markRejected, sentDrafts } from './draft-store';
import type { ReviewEntity } from './records';

const reviewEntities = new Set<string>([
  'rubric',
  'reviewRequest',
  'review',
  'actionPlan',
  'calibration',
  'calibrationScore',
] satisfies ReviewEntity[]);

/**
 * A submitted draft whose op has left the outbox without being refused was taken by the hub: the
 * synced review is now the truth and the draft goes. Refusals are recorded as they arrive (below),
 * in the same transaction that empties the outbox, so nothing is mistaken for the other.
 */
export function settleSentDrafts(db: Db): void {
  const accepted = sentDrafts(db).filter((d) => !hasPendingOps(db, 'review', d.id));
  if (accepted.length > 0) db.transaction(() => accepted.forEach((d) => deleteDraft(db, d.id)))();
}

/**
 * The hub refused one of this device's review ops. A submitted review goes back to being a draft with
 * the hub's reason beside it, and its synced record back to what it was; any other record is dropped
 * and its community pulled again in full, so this device shows what the hub holds.
 */
export function reviewOpRejected(db: Db, op: Op, reason: ErrorCode, params: ErrorParams, now: number): void {
  if (!reviewEntities.has(op.entity)) return;
  const draft = op.entity === 'review' ? getDraft(db, op.id) : null;
  if (draft && draft.state === 'sent') {
    markRejected(db, draft.id, reason, params, now);
    if (draft.baseRecord) saveRecord(db, JSON.parse(draft.baseRecord) as SyncRecord);
    else db.prepare('DELETE FROM sync_records WHERE entity = ? AND record_id = ?').run(op.entity, op.id);
    return;
  }
  db.prepare('DELETE FROM sync_records WHERE entity = ? AND record_id = ?').run(op.entity, op.id);
  writeCursor(db, op.communityId, null, null);
}
