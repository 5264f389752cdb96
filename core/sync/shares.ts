import type { Consent } from '../../common/sync/entities';
import type { Db } from '../db/open';
import { myUserId } from './account';
import { getRecord, isLive } from './records';

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

/**
 * The teacher's own lesson, shared from here, whose consent record given when sharing has `choice`
 * ticked: the community it went to and the teacher. Anything else (a lesson not shared, a share
 * without the tick, a lesson from someone else) is null.
 */
export function ownShareWith(
  db: Db,
  lessonId: string,
  choice: 'facesBlurred' | 'talkAnalysis',
): { communityId: string; me: string } | null {
  const share = getShare(db, lessonId);
  const me = myUserId(db);
  if (!share || share.origin !== 'local' || !me || share.ownerId !== me) return null;
  const lesson = getRecord(db, 'lesson', lessonId);
  if (!isLive(lesson) || (lesson.fields.consent as Consent | undefined)?.[choice] !== true) return null;
  return { communityId: share.communityId, me };
}
