import type { Person } from '../../common/schemas/review';
import type { Db } from '../db/open';
import { memberName } from '../sync/community-cache';

/** A community member as the review screens name them; someone who left keeps an empty name. */
export function person(db: Db, communityId: string, userId: string): Person {
  return { id: userId, name: memberName(db, communityId, userId) ?? '' };
}

/** Who may review in a community: its mentors and leads. */
export function mentorsOf(db: Db, communityId: string): Person[] {
  return (
    db
      .prepare(
        `SELECT user_id, display_name FROM community_members WHERE community_id = ? AND role IN ('mentor', 'lead') ORDER BY display_name COLLATE NOCASE`,
      )
      .all(communityId) as Array<{ user_id: string; display_name: string }>
  ).map((r) => ({ id: r.user_id, name: r.display_name }));
}

export function communityName(db: Db, communityId: string): string {
  return (db.prepare('SELECT name FROM communities WHERE id = ?').get(communityId) as { name: string } | undefined)?.name ?? '';
}
