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
}

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
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function listNotes(db: Db, lessonId: string): Note[] {
  return (db.prepare('SELECT * FROM notes WHERE lesson_id = ? ORDER BY start_ms, created_at, id').all(lessonId) as NoteRow[]).map(fromRow);
}

export function getNote(db: Db, id: string): Note | undefined {
  const row = db.prepare('SELECT * FROM notes WHERE id = ?').get(id) as NoteRow | undefined;
  return row && fromRow(row);
}

export function insertNote(db: Db, n: Note): void {
  db.prepare(
    `INSERT INTO notes (id, lesson_id, parent_id, kind, start_ms, end_ms, text, code_id, author_name, created_at, updated_at)
     VALUES (@id, @lessonId, @parentId, @kind, @startMs, @endMs, @text, @codeId, @authorName, @createdAt, @updatedAt)`,
  ).run(n);
}

export function updateNote(db: Db, n: Note): void {
  db.prepare(
    `UPDATE notes SET kind = @kind, start_ms = @startMs, end_ms = @endMs, text = @text, code_id = @codeId, updated_at = @updatedAt
     WHERE id = @id`,
  ).run(n);
}

export function deleteNote(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM notes WHERE id = ?').run(id).changes > 0;
}
