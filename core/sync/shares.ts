import type { Db } from '../db/open';

export interface LessonShare {
  lessonId: string;
  communityId: string;
  origin: 'local' | 'hub';
  ownerId: string;
  sharedAt: number;
}

interface Row {
  lesson_id: string;
  community_id: string;
  origin: 'local' | 'hub';
  owner_id: string;
  shared_at: number;
}

const fromRow = (r: Row): LessonShare => ({
  lessonId: r.lesson_id,
  communityId: r.community_id,
  origin: r.origin,
  ownerId: r.owner_id,
  sharedAt: r.shared_at,
});

export function getShare(db: Db, lessonId: string): LessonShare | null {
  const row = db.prepare('SELECT * FROM lesson_shares WHERE lesson_id = ?').get(lessonId) as Row | undefined;
  return row ? fromRow(row) : null;
}

export function sharesIn(db: Db, communityId: string): LessonShare[] {
  return (db.prepare('SELECT * FROM lesson_shares WHERE community_id = ?').all(communityId) as Row[]).map(fromRow);
}

export function saveShare(db: Db, s: LessonShare): void {
  db.prepare(
    `INSERT INTO lesson_shares (lesson_id, community_id, origin, owner_id, shared_at) VALUES (@lessonId, @communityId, @origin, @ownerId, @sharedAt)
     ON CONFLICT (lesson_id) DO UPDATE SET community_id = excluded.community_id, origin = excluded.origin, owner_id = excluded.owner_id, shared_at = excluded.shared_at`,
  ).run(s);
}

export function deleteShare(db: Db, lessonId: string): void {
  db.prepare('DELETE FROM lesson_shares WHERE lesson_id = ?').run(lessonId);
}
