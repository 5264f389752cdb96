import { entityDefinition, type LessonFields, type NoteFields } from '../../common/sync/entities';
import { decide } from '../../common/sync/lww';
import type { Op, SequencedOp } from '../../common/sync/ops';
import type { CoreContext } from '../app/context';
import { deviceClock } from './clock';
import { recordConflict, refusalOf } from './ownership';
import { getRecord, markSeen, recordState, saveRecord, type SyncRecord } from './records';
import { projectLesson, removeLessonShare } from './remote-lessons';
import { projectNote, removeNote } from './remote-notes';
import type { ApplyEffects, Applying, Projections } from './projection';

/** What applying a page of pulled ops is handed. */
export type Applier = Pick<CoreContext, 'db' | 'now' | 'logger' | 'events' | 'projections'>;

/**
 * Applies pulled ops in order, inside the caller's transaction. The same last-writer-wins function
 * the hub uses decides each field against this device's stamps, so local edits not yet pushed keep
 * their newer values and every device reaches the same state. Each op also advances the device's
 * clock, so later local edits sort after everything seen; a remote stamp far ahead of this device's
 * clock throws `clock_skew` and nothing of the page is applied.
 */
export function applyOps(ctx: Applier, ops: readonly SequencedOp[], effects: ApplyEffects): void {
  const { db, now, logger, events, projections } = ctx;
  // The newest stamp of the page is the one that matters, both for the drift check and for what the clock has seen.
  const newest = ops.reduce<string | null>((max, op) => (max === null || op.hlc > max ? op.hlc : max), null);
  if (newest) deviceClock(db, now).receive(newest);
  for (const op of ops) {
    try {
      applyOne({ db, nowMs: now(), effects, events, projections }, op);
    } catch (err) {
      // One record that cannot be shown here (say, a note on a lesson this device refuses) must not stop the rest.
      logger.warn('could not apply a synced op', { entity: op.entity, id: op.id, error: err instanceof Error ? err.message : String(err) });
    }
  }
}

function applyOne(at: Applying, op: Op): void {
  const { db, nowMs, effects } = at;
  const existing = getRecord(db, op.entity, op.id);
  // A record lives in one community on a device, with one owner: the same id arriving from another
  // community, or first arriving for a local copy that is not its owner's, is refused and kept as a conflict.
  const ownerId = op.entity === 'lesson' && typeof op.fields.ownerId === 'string' ? op.fields.ownerId : op.authorId;
  const reason =
    existing && existing.communityId !== op.communityId
      ? 'other_community'
      : !existing && op.action === 'upsert'
        ? refusalOf(db, { entity: op.entity, id: op.id, communityId: op.communityId, ownerId, fields: op.fields })
        : null;
  if (reason) {
    recordConflict(db, { entity: op.entity, id: op.id, communityId: op.communityId, ownerId, source: 'hub', reason }, nowMs);
    effects.refused += 1;
    return;
  }
  const decision = decide(op, recordState(existing));
  if (decision.kind === 'noop') {
    if (existing) markSeen(db, op.entity, op.id);
    return;
  }
  let record: SyncRecord;
  if (decision.kind === 'delete') {
    record = { ...existing!, deletedHlc: op.hlc, fields: {}, fieldHlcs: {} };
  } else {
    const stamps = Object.fromEntries(Object.keys(decision.fields).map((k) => [k, op.hlc]));
    if (decision.kind === 'create') {
      if (!entityDefinition(op.entity).fields.safeParse(decision.fields).success) return;
      record = {
        entity: op.entity,
        id: op.id,
        communityId: op.communityId,
        ownerId,
        createdHlc: op.hlc,
        deletedHlc: null,
        fields: decision.fields,
        fieldHlcs: stamps,
      };
    } else {
      record = { ...existing!, fields: { ...existing!.fields, ...decision.fields }, fieldHlcs: { ...existing!.fieldHlcs, ...stamps } };
    }
  }
  saveRecord(db, record);
  project(at, record, decision.kind === 'delete' ? null : decision.fields);
}

/** The library's own: shared lessons and their notes. */
export const libraryProjections: Projections = {
  lesson: {
    upsert({ db, nowMs, effects }, record, changed) {
      projectLesson(db, record, changed as Partial<LessonFields>, nowMs);
      effects.lessonIds.add(record.id);
    },
    remove({ db, effects }, record) {
      if (removeLessonShare(db, record.id) === 'deleted') effects.removedLessons.add(record.id);
      effects.lessonIds.add(record.id);
    },
  },
  note: {
    upsert({ db, nowMs, effects }, record) {
      projectNote(db, record, nowMs);
      effects.lessonIds.add((record.fields as NoteFields).lessonId);
    },
    remove({ db, effects }, record) {
      const lessonId = removeNote(db, record.id);
      if (lessonId) effects.lessonIds.add(lessonId);
    },
  },
};

function project(at: Applying, record: SyncRecord, changed: Op['fields'] | null): void {
  const projection = at.projections[record.entity];
  if (!projection) return;
  if (changed === null) projection.remove(at, record);
  else projection.upsert(at, record, changed);
}

/**
 * The end of a full re-pull: records the hub no longer has are dropped like tombstones. The device's
 * own live records go back to the hub as new ops instead (a hub restored from an old backup would
 * otherwise lose them), which is what "resync without losing local changes" means for them.
 */
export function dropUnseen(at: Applying, records: readonly SyncRecord[], isMine: (r: SyncRecord) => boolean): SyncRecord[] {
  const { db } = at;
  const resend: SyncRecord[] = [];
  for (const record of records) {
    if (record.deletedHlc === null && isMine(record)) {
      resend.push(record);
      continue;
    }
    db.prepare('DELETE FROM sync_records WHERE entity = ? AND record_id = ?').run(record.entity, record.id);
    if (record.deletedHlc === null) project(at, { ...record, deletedHlc: record.createdHlc }, null);
  }
  return resend;
}
