import { v7 as uuidv7 } from 'uuid';
import type { EntityName } from '../../common/sync/entities';
import { can } from '../../common/permissions';
import { languageTagSchema } from '../../common/sync/fields';
import type { Op } from '../../common/sync/ops';
import type { CoreContext } from '../app/context';
import type { Db } from '../db/open';
import { getLessonRow } from '../library/queries';
import { myUserId } from './account';
import { deviceClock } from './clock';
import { dropLessonUpserts, enqueueOp } from './outbox';
import { isAuthoredHere, lessonOrigin } from './ownership';
import { getRecord, isLive, liveNoteRecordsOf, saveRecord, type SyncRecord } from './records';
import { myRoleIn } from './rules';
import { deleteShare, getShare, type LessonShare } from './shares';

/**
 * Local changes become ops here, always inside the transaction that writes the change. Each function
 * compares what the record should now look like in its community with what was last synced, and
 * writes an op for the difference only: unchanged fields are not sent, a record that should no longer
 * be shared gets a delete, one that should be shared again is created whole.
 */

/** Who writes changes: the database, the clock, and the events that tell the sync engine. */
export type ChangeWriter = Pick<CoreContext, 'db' | 'now' | 'events'>;

export interface Target {
  entity: EntityName;
  id: string;
  communityId: string;
  lessonId: string;
  ownerId: string;
  authorId: string;
}

/** The teacher's own record kept under a lesson's id (its blur regions, its talk analysis) in a community. */
export function ownLessonTarget(entity: EntityName, lessonId: string, communityId: string, me: string): Target {
  return { entity, id: lessonId, communityId, lessonId, ownerId: me, authorId: me };
}

export function emitChange(w: ChangeWriter, t: Target, desired: Op['fields'] | null): void {
  const { db, now } = w;
  const record = getRecord(db, t.entity, t.id);
  const live = isLive(record);
  if (desired === null) {
    if (!live) return;
    const hlc = deviceClock(db, now).tick();
    saveRecord(db, { ...record, deletedHlc: hlc, fields: {}, fieldHlcs: {} });
    enqueueOp(
      w,
      {
        opId: uuidv7(),
        communityId: record.communityId,
        entity: t.entity,
        id: t.id,
        action: 'delete',
        fields: {},
        hlc,
        authorId: t.authorId,
      },
      t.lessonId,
      now(),
    );
    return;
  }
  const changed = live
    ? Object.fromEntries(Object.entries(desired).filter(([k, v]) => JSON.stringify(record.fields[k]) !== JSON.stringify(v)))
    : desired;
  if (Object.keys(changed).length === 0) return;
  const hlc = deviceClock(db, now).tick();
  const stamps = Object.fromEntries(Object.keys(changed).map((k) => [k, hlc]));
  saveRecord(db, {
    entity: t.entity,
    id: t.id,
    communityId: live ? record.communityId : t.communityId,
    ownerId: live ? record.ownerId : t.ownerId,
    createdHlc: live ? record.createdHlc : hlc,
    deletedHlc: null,
    fields: { ...(live ? record.fields : {}), ...changed },
    fieldHlcs: { ...(live ? record.fieldHlcs : {}), ...stamps },
  });
  const communityId = live ? record.communityId : t.communityId;
  enqueueOp(
    w,
    { opId: uuidv7(), communityId, entity: t.entity, id: t.id, action: 'upsert', fields: changed, hlc, authorId: t.authorId },
    t.lessonId,
    now(),
  );
}

/** The lesson details a teacher edits, shaped as the hub's lesson record wants them. */
export function lessonDetailFields(row: {
  title: string;
  description: string;
  subject: string;
  grade: string;
  language: string;
}): Op['fields'] {
  return {
    title: row.title.slice(0, 200),
    description: row.description.slice(0, 5000),
    subject: row.subject.trim() ? row.subject.slice(0, 100) : null,
    grade: row.grade.trim() ? row.grade.slice(0, 50) : null,
    language: languageTagSchema.safeParse(row.language).success ? row.language : null,
  };
}

interface NoteRow {
  id: string;
  lesson_id: string;
  parent_id: string | null;
  kind: string;
  start_ms: number;
  end_ms: number | null;
  text: string;
  code_id: string | null;
  deleted_at: number | null;
  private: number;
  author_id: string | null;
}

export function noteRow(db: Db, id: string): NoteRow | undefined {
  return db.prepare('SELECT * FROM notes WHERE id = ?').get(id) as NoteRow | undefined;
}

/**
 * Whether a lesson's share really is its community's: one this studio made counts as shared only once
 * its own live record, owned by this person, stands in that community. A share attached any other way
 * (an old package, a claim by id) never carries the teacher's notes anywhere.
 */
function sharedByItsOwner(db: Db, share: LessonShare, me: string): boolean {
  if (share.origin !== 'local' && !isAuthoredHere(db, share.lessonId)) return true;
  const lesson = getRecord(db, 'lesson', share.lessonId);
  return share.origin === 'local' && isLive(lesson) && lesson.ownerId === me && lesson.communityId === share.communityId;
}

/**
 * A note travels while it is not private, not deleted and has words (the hub keeps no code-only
 * notes: a code means something only in its author's coding scheme). Someone else's note is only
 * ever deleted from here (a lead tidying a thread); editing it is refused before this point.
 */
export function syncNoteChange(w: ChangeWriter, noteId: string): void {
  const { db } = w;
  const note = noteRow(db, noteId);
  if (!note) return;
  const share = getShare(db, note.lesson_id);
  const me = myUserId(db);
  // A package's copy is not the community's: notes on it stay here until the hub's copy replaces it.
  if (!share || !me || lessonOrigin(db, note.lesson_id) === 'archive' || !sharedByItsOwner(db, share, me)) return;
  const author = note.author_id ?? me;
  const deleted = note.deleted_at !== null;
  // Hiding someone else's reply with one's own note removes it from the hub only where the table lets one.
  if (author !== me && !(deleted && can(myRoleIn(db, share.communityId) ?? 'member', 'note.delete'))) return;
  const shared = !deleted && note.private === 0 && note.text.trim() !== '';
  const fields = {
    lessonId: note.lesson_id,
    kind: note.kind,
    startMs: note.start_ms,
    endMs: note.end_ms,
    text: note.text,
    codeId: note.code_id && note.code_id.length <= 64 ? note.code_id : null,
    parentId: note.parent_id,
  };
  emitChange(
    w,
    { entity: 'note', id: note.id, communityId: share.communityId, lessonId: note.lesson_id, ownerId: author, authorId: me },
    shared ? fields : null,
  );
}

/** Details of a shared lesson its owner edited. */
export function syncLessonChange(w: ChangeWriter, lessonId: string): void {
  const { db } = w;
  const share = getShare(db, lessonId);
  const me = myUserId(db);
  if (!share || !me || share.ownerId !== me) return;
  const record = getRecord(db, 'lesson', lessonId);
  const row = getLessonRow(db, lessonId);
  if (!isLive(record) || !row) return;
  emitChange(
    w,
    { entity: 'lesson', id: lessonId, communityId: share.communityId, lessonId, ownerId: me, authorId: me },
    { ...record.fields, ...lessonDetailFields(row) },
  );
}

/**
 * Takes a lesson out of its community: one delete op (the hub removes its notes, talk analysis and blur regions with it), their
 * records marked gone without ops of their own, pending upserts dropped, unfinished uploads cancelled.
 */
export function emitUnshare(w: ChangeWriter, share: LessonShare, authorId: string): void {
  const { db } = w;
  const record = getRecord(db, 'lesson', share.lessonId);
  dropLessonUpserts(db, share.lessonId);
  db.prepare(`DELETE FROM transfers WHERE lesson_id = ? AND direction = 'upload'`).run(share.lessonId);
  if (isLive(record)) {
    emitChange(
      w,
      { entity: 'lesson', id: share.lessonId, communityId: share.communityId, lessonId: share.lessonId, ownerId: record.ownerId, authorId },
      null,
    );
    const gone = getRecord(db, 'lesson', share.lessonId)!.deletedHlc!;
    for (const note of liveNoteRecordsOf(db, share.lessonId)) saveRecord(db, { ...note, deletedHlc: gone, fields: {}, fieldHlcs: {} });
    // Its talk analysis and blur regions go with it on the hub (children of the lesson), so here too.
    for (const entity of ['talkAnalysis', 'blurRegions'] as const) {
      const child = getRecord(db, entity, share.lessonId);
      if (isLive(child)) saveRecord(db, { ...child, deletedHlc: gone, fields: {}, fieldHlcs: {} });
    }
  }
  deleteShare(db, share.lessonId);
}

/** Before a shared lesson is deleted from the library, it is unshared (only its owner can do that). */
export function syncLessonRemoval(w: ChangeWriter, lessonId: string): void {
  const { db } = w;
  const share = getShare(db, lessonId);
  const me = myUserId(db);
  if (share && me && share.ownerId === me) emitUnshare(w, share, me);
}

/** A note and its replies, which move, hide and come back with it. */
export function syncNoteThread(w: ChangeWriter, noteId: string): void {
  const { db } = w;
  syncNoteChange(w, noteId);
  for (const { id } of db.prepare('SELECT id FROM notes WHERE parent_id = ?').all(noteId) as Array<{ id: string }>) syncNoteChange(w, id);
}

/** Sends one of this device's records to the hub again, whole, under a fresh stamp. */
export function resendRecord(w: ChangeWriter, record: SyncRecord, authorId: string): void {
  const { db, now } = w;
  const hlc = deviceClock(db, now).tick();
  const fieldHlcs = Object.fromEntries(Object.keys(record.fields).map((k) => [k, hlc]));
  saveRecord(db, { ...record, createdHlc: hlc, fieldHlcs });
  const lessonId = record.entity === 'lesson' ? record.id : String(record.fields.lessonId);
  if (record.entity === 'lesson') {
    // The hub may have lost the media too; the uploads ask it first and send only what is missing.
    db.prepare(`UPDATE transfers SET state = 'queued', done_bytes = 0, upload_url = NULL WHERE lesson_id = ? AND direction = 'upload'`).run(
      lessonId,
    );
  }
  enqueueOp(
    w,
    {
      opId: uuidv7(),
      communityId: record.communityId,
      entity: record.entity,
      id: record.id,
      action: 'upsert',
      fields: record.fields,
      hlc,
      authorId,
    },
    lessonId,
    now(),
  );
}
