import type { Db } from '../db/open';
import type { Applying, Projection, Projections } from '../sync/projection';
import type { SyncRecord } from '../sync/records';
import { liveRecord, type ReviewEntity } from './records';

/**
 * Review records need no tables of their own (they are read from `sync_records`), but screens must
 * hear when pulled ones arrive: each change names its lesson, so the sync engine's `library.changed`
 * notice carries it, and `review.pulled` tells this device's review watcher (core/review/watch.ts).
 */

function lessonOf(db: Db, record: SyncRecord): string | null {
  const f = record.fields as Record<string, unknown>;
  if (typeof f.lessonId === 'string') return f.lessonId;
  if (record.entity === 'actionPlan' && typeof f.reviewId === 'string')
    return liveRecord(db, 'review', f.reviewId)?.fields.lessonId ?? null;
  if (record.entity === 'calibrationScore' && typeof f.calibrationId === 'string')
    return liveRecord(db, 'calibration', f.calibrationId)?.fields.lessonId ?? null;
  return null;
}

function touched(at: Applying, record: SyncRecord): void {
  const lessonId = lessonOf(at.db, record);
  if (lessonId) at.effects.lessonIds.add(lessonId);
  // Heard once the pull's transaction has committed.
  at.events.emitSoon('review.pulled', {});
}

const entities: ReviewEntity[] = ['rubric', 'reviewRequest', 'review', 'actionPlan', 'calibration', 'calibrationScore'];

const reviewProjection: Projection = {
  upsert: (at, record) => touched(at, record),
  // A tombstone has no fields left: the record as it was is gone, so only the watcher hears of it.
  remove: (at, record) => touched(at, record),
};

export const reviewProjections: Projections = Object.fromEntries(entities.map((entity) => [entity, reviewProjection]));
