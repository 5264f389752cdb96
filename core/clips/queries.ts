import type { Clip } from '../../common/schemas/clip';
import type { Db } from '../db/open';

interface ClipRow {
  id: string;
  lesson_id: string;
  name: string;
  start_ms: number;
  end_ms: number;
  export_rel_path: string | null;
  created_at: number;
  updated_at: number;
}

export type StoredClip = Clip & { exportRelPath: string | null };

function fromRow(r: ClipRow): StoredClip {
  return {
    id: r.id,
    lessonId: r.lesson_id,
    name: r.name,
    startMs: r.start_ms,
    endMs: r.end_ms,
    // The export is served under the clip's own id: a clip has at most one.
    exportAssetId: r.export_rel_path ? r.id : null,
    exportRelPath: r.export_rel_path,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function listClips(db: Db, lessonId: string): StoredClip[] {
  return (db.prepare('SELECT * FROM clips WHERE lesson_id = ? ORDER BY start_ms, created_at').all(lessonId) as ClipRow[]).map(fromRow);
}

export function getClip(db: Db, id: string): StoredClip | undefined {
  const row = db.prepare('SELECT * FROM clips WHERE id = ?').get(id) as ClipRow | undefined;
  return row && fromRow(row);
}

export function insertClip(db: Db, c: Clip): void {
  db.prepare(
    `INSERT INTO clips (id, lesson_id, name, start_ms, end_ms, created_at, updated_at)
     VALUES (@id, @lessonId, @name, @startMs, @endMs, @createdAt, @updatedAt)`,
  ).run(c);
}

export function renameClip(db: Db, id: string, name: string, now: number): void {
  db.prepare('UPDATE clips SET name = ?, updated_at = ? WHERE id = ?').run(name, now, id);
}

export function setClipExport(db: Db, id: string, relPath: string | null, now: number): void {
  db.prepare('UPDATE clips SET export_rel_path = ?, updated_at = ? WHERE id = ?').run(relPath, now, id);
}

export function deleteClip(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM clips WHERE id = ?').run(id).changes > 0;
}
