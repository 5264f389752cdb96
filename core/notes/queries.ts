import type { Note } from '../../common/schemas/note';
import type { Db } from '../db/open';

interface NoteRow {
  id: string;
  lesson_id: string;
  parent_id: string | null;
  kind: Note['kind'];
  start_ms: number;
  end_ms: number | null;
  text: string;
  code_id: string | null;
  author_name: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  private: number;
  author_id: string | null;
  in_review_draft: number;
}

/** Whether a note belongs to a review draft that has not been sent yet (being written, or refused by the hub). */
const IN_REVIEW_DRAFT = `EXISTS (SELECT 1 FROM review_draft_notes d JOIN review_drafts r ON r.id = d.draft_id
  WHERE d.note_id = notes.id AND r.state != 'sent') AS in_review_draft`;

function fromRow(r: NoteRow): Note {
  return {
    id: r.id,
    lessonId: r.lesson_id,
    parentId: r.parent_id,
    kind: r.kind,
    startMs: r.start_ms,
    endMs: r.end_ms,
    text: r.text,
    codeId: r.code_id,
    authorName: r.author_name,
    authorId: r.author_id,
    private: r.private === 1,
    inReviewDraft: r.in_review_draft === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function listNotes(db: Db, lessonId: string): Note[] {
  return (
    db
      .prepare(`SELECT *, ${IN_REVIEW_DRAFT} FROM notes WHERE lesson_id = ? AND deleted_at IS NULL ORDER BY start_ms, created_at, id`)
      .all(lessonId) as NoteRow[]
  ).map(fromRow);
}

/** A note that has not been deleted. */
export function getNote(db: Db, id: string): Note | undefined {
  const row = db.prepare(`SELECT *, ${IN_REVIEW_DRAFT} FROM notes WHERE id = ? AND deleted_at IS NULL`).get(id) as NoteRow | undefined;
  return row && fromRow(row);
}

export function getDeletedNote(db: Db, id: string): (Note & { deletedAt: number }) | undefined {
  const row = db.prepare(`SELECT *, ${IN_REVIEW_DRAFT} FROM notes WHERE id = ? AND deleted_at IS NOT NULL`).get(id) as NoteRow | undefined;
  return row && { ...fromRow(row), deletedAt: row.deleted_at! };
}

export function insertNote(db: Db, n: Note): void {
  db.prepare(
    `INSERT INTO notes (id, lesson_id, parent_id, kind, start_ms, end_ms, text, code_id, author_name, author_id, private, created_at, updated_at)
     VALUES (@id, @lessonId, @parentId, @kind, @startMs, @endMs, @text, @codeId, @authorName, @authorId, @private, @createdAt, @updatedAt)`,
  ).run({ ...n, private: n.private ? 1 : 0 });
}

export function updateNote(db: Db, n: Note): void {
  db.prepare(
    `UPDATE notes SET kind = @kind, start_ms = @startMs, end_ms = @endMs, text = @text, code_id = @codeId, private = @private, updated_at = @updatedAt
     WHERE id = @id`,
  ).run({ ...n, private: n.private ? 1 : 0 });
}

/** Replies sit at their note's moment, so a search hit on a reply opens the lesson there. */
export function moveReplies(db: Db, parentId: string, startMs: number, endMs: number | null): void {
  db.prepare('UPDATE notes SET start_ms = ?, end_ms = ? WHERE parent_id = ?').run(startMs, endMs, parentId);
}

/** Marks a note and its live replies deleted with one timestamp, which is how a restore finds them again. */
export function softDeleteNote(db: Db, id: string, at: number): void {
  db.prepare('UPDATE notes SET deleted_at = ? WHERE (id = ? OR parent_id = ?) AND deleted_at IS NULL').run(at, id, id);
}

export function restoreNote(db: Db, id: string, deletedAt: number): void {
  db.prepare('UPDATE notes SET deleted_at = NULL WHERE (id = ? OR parent_id = ?) AND deleted_at = ?').run(id, id, deletedAt);
}
