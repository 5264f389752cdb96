import type { CaptionTrack } from '../../common/schemas/caption';
import type { Db } from '../db/open';

interface TrackRow {
  id: string;
  lesson_id: string;
  label: string;
  language: string;
  cue_count: number;
  created_at: number;
}

const columns = 'id, lesson_id, label, language, cue_count, created_at';

function fromRow(r: TrackRow): CaptionTrack {
  return { id: r.id, lessonId: r.lesson_id, label: r.label, language: r.language, cueCount: r.cue_count, createdAt: r.created_at };
}

export function listTracks(db: Db, lessonId: string): CaptionTrack[] {
  return (db.prepare(`SELECT ${columns} FROM caption_tracks WHERE lesson_id = ? ORDER BY created_at, id`).all(lessonId) as TrackRow[]).map(
    fromRow,
  );
}

export function insertTrack(db: Db, t: CaptionTrack & { vtt: string }): void {
  db.prepare(
    `INSERT INTO caption_tracks (id, lesson_id, label, language, vtt, cue_count, created_at)
     VALUES (@id, @lessonId, @label, @language, @vtt, @cueCount, @createdAt)`,
  ).run(t);
}

export function trackText(db: Db, id: string): string | undefined {
  return (db.prepare('SELECT vtt FROM caption_tracks WHERE id = ?').get(id) as { vtt: string } | undefined)?.vtt;
}

export function deleteTrack(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM caption_tracks WHERE id = ?').run(id).changes > 0;
}
