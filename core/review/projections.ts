import type { EntityName } from '../../common/sync/entities';
import type { Db } from '../db/open';
import { registerProjection, type ApplyEffects } from '../sync/apply';
import type { SyncRecord } from '../sync/records';
import { liveRecord, type ReviewEntity } from './records';

/**
 * Review records need no tables of their own (they are read from `sync_records`), but screens must
 * hear when pulled ones arrive: each change names its lesson, so the sync engine's `library.changed`
 * notice carries it, and tells this device's review watcher (core/review/watch.ts).
 */

const listeners = new WeakMap<Db, () => void>();

export function onReviewRecordsPulled(db: Db, listener: () => void): void {
  listeners.set(db, listener);
}

function lessonOf(db: Db, record: SyncRecord): string | null {
  const f = record.fields as Record<string, unknown>;
  if (typeof f.lessonId === 'string') return f.lessonId;
  if (record.entity === 'actionPlan' && typeof f.reviewId === 'string')
    return liveRecord(db, 'review', f.reviewId)?.fields.lessonId ?? null;
  if (record.entity === 'calibrationScore' && typeof f.calibrationId === 'string')
    return liveRecord(db, 'calibration', f.calibrationId)?.fields.lessonId ?? null;
  return null;
}

function touched(db: Db, record: SyncRecord, effects: ApplyEffects): void {
  const lessonId = lessonOf(db, record);
  if (lessonId) effects.lessonIds.add(lessonId);
  const listener = listeners.get(db);
  // Runs once the pull's transaction has committed.
  if (listener) queueMicrotask(listener);
}

const entities: ReviewEntity[] = ['rubric', 'reviewRequest', 'review', 'actionPlan', 'calibration', 'calibrationScore'];

for (const entity of entities) {
  registerProjection(entity satisfies EntityName, {
    upsert: (db, record, _changed, _nowMs, effects) => touched(db, record, effects),
    // A tombstone has no fields left: the record as it was is gone, so only the watcher hears of it.
    remove: (db, record, effects) => touched(db, record, effects),
  });
}
