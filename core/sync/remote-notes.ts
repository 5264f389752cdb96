import type { NoteFields } from '../../common/sync/entities';
import { parseHlc } from '../../common/sync/hlc';
import type { Db } from '../db/open';
import { readSettings } from '../settings/settings';
import { myUserId } from './account';
import { memberName } from './community-cache';
import { noteRow } from './local-changes';
import type { SyncRecord } from './records';
import { getShare } from './shares';

/**
 * Brings a synced note into its lesson's notes. Notes from a community are never private; their
 * author's name comes from the member list. A reply whose note this device never received shows as
 * a note of its own rather than being lost.
 */
export function projectNote(db: Db, record: SyncRecord, now: number): void {
  const f = record.fields as NoteFields;
  if (!db.prepare('SELECT 1 FROM lessons WHERE id = ?').get(f.lessonId)) return;
  const parentId = f.parentId && noteRow(db, f.parentId) ? f.parentId : null;
  const endMs = f.endMs !== null && f.endMs < f.startMs ? null : f.endMs;
  const values = { id: record.id, kind: f.kind, startMs: f.startMs, endMs, text: f.text, codeId: f.codeId ?? null, now };
  if (noteRow(db, record.id)) {
    db.prepare(
      `UPDATE notes SET kind = @kind, start_ms = @startMs, end_ms = @endMs, text = @text, code_id = @codeId, deleted_at = NULL, updated_at = @now
       WHERE id = @id`,
    ).run(values);
    return;
  }
  const authorName =
    memberName(db, record.communityId, record.ownerId) ?? (record.ownerId === myUserId(db) ? readSettings(db).displayName : '');
  db.prepare(
    `INSERT INTO notes (id, lesson_id, parent_id, kind, start_ms, end_ms, text, code_id, author_name, author_id, private, created_at, updated_at)
     VALUES (@id, @lessonId, @parentId, @kind, @startMs, @endMs, @text, @codeId, @authorName, @authorId, 0, @createdAt, @now)`,
  ).run({ ...values, lessonId: f.lessonId, parentId, authorName, authorId: record.ownerId, createdAt: parseHlc(record.createdHlc).wallMs });
}

/**
 * A note's tombstone. Feedback on a lesson this device owns stays once the lesson is no longer shared
 * (unsharing removes the lesson from the hub, not the feedback its teacher received). A note written
 * here is never deleted from outside: taken off the community (say, by a lead), it becomes private.
 */
export function removeNote(db: Db, noteId: string): string | null {
  const note = noteRow(db, noteId);
  if (!note || !getShare(db, note.lesson_id)) return null;
  if (note.author_id === null || note.author_id === myUserId(db)) db.prepare('UPDATE notes SET private = 1 WHERE id = ?').run(noteId);
  else db.prepare('DELETE FROM notes WHERE id = ?').run(noteId);
  return note.lesson_id;
}
