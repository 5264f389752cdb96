import type { Community, Member } from '../../common/hub-api';
import type { LocalCommunity } from '../../common/schemas/community';
import type { Db } from '../db/open';

/** Communities and members as last seen on the hub, so their pages open offline. */

interface CommunityRow {
  id: string;
  name: string;
  description: string;
  languages: string;
  my_role: Community['myRole'];
  created_at: number;
  cursor: string | null;
  refreshed_at: number | null;
  pulled_at: number | null;
  member_count: number;
  lesson_count: number;
}

const toCommunity = (r: CommunityRow): LocalCommunity => ({
  id: r.id,
  name: r.name,
  description: r.description,
  languages: JSON.parse(r.languages) as string[],
  createdAt: r.created_at,
  myRole: r.my_role,
  memberCount: r.member_count,
  lessonCount: r.lesson_count,
  syncedAt: r.pulled_at,
});

const select = `SELECT c.*,
  (SELECT count(*) FROM community_members m WHERE m.community_id = c.id) AS member_count,
  (SELECT count(*) FROM lesson_shares s WHERE s.community_id = c.id) AS lesson_count
  FROM communities c`;

export function cachedCommunities(db: Db): LocalCommunity[] {
  return (db.prepare(`${select} ORDER BY c.name COLLATE NOCASE, c.id`).all() as CommunityRow[]).map(toCommunity);
}

export function cachedCommunity(db: Db, id: string): LocalCommunity | null {
  const row = db.prepare(`${select} WHERE c.id = ?`).get(id) as CommunityRow | undefined;
  return row ? toCommunity(row) : null;
}

export function communityIds(db: Db): string[] {
  return (db.prepare('SELECT id FROM communities ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);
}

export function saveCommunity(db: Db, c: Community, now: number): void {
  db.prepare(
    `INSERT INTO communities (id, name, description, languages, my_role, created_at, refreshed_at)
     VALUES (@id, @name, @description, @languages, @myRole, @createdAt, @now)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description, languages = excluded.languages,
       my_role = excluded.my_role, refreshed_at = excluded.refreshed_at`,
  ).run({ ...c, languages: JSON.stringify(c.languages), now });
}

export function readCursor(db: Db, communityId: string): string | null {
  return (
    (db.prepare('SELECT cursor FROM communities WHERE id = ?').get(communityId) as { cursor: string | null } | undefined)?.cursor ?? null
  );
}

export function writeCursor(db: Db, communityId: string, cursor: string | null, now: number | null): void {
  if (now === null) db.prepare('UPDATE communities SET cursor = ? WHERE id = ?').run(cursor, communityId);
  else db.prepare('UPDATE communities SET cursor = ?, pulled_at = ? WHERE id = ?').run(cursor, now, communityId);
}

interface MemberRow {
  user_id: string;
  display_name: string;
  role: Member['role'];
  country: string | null;
  languages: string;
  timezone: string | null;
  joined_at: number;
}

export function cachedMembers(db: Db, communityId: string): Member[] {
  return (
    db
      .prepare('SELECT * FROM community_members WHERE community_id = ? ORDER BY display_name COLLATE NOCASE, user_id')
      .all(communityId) as MemberRow[]
  ).map((r) => ({
    userId: r.user_id,
    displayName: r.display_name,
    role: r.role,
    country: r.country,
    languages: JSON.parse(r.languages) as string[],
    timezone: r.timezone,
    joinedAt: r.joined_at,
  }));
}

export function replaceMembers(db: Db, communityId: string, members: readonly Member[]): void {
  db.transaction(() => {
    db.prepare('DELETE FROM community_members WHERE community_id = ?').run(communityId);
    const insert =
      db.prepare(`INSERT INTO community_members (community_id, user_id, display_name, role, country, languages, timezone, joined_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const m of members)
      insert.run(communityId, m.userId, m.displayName, m.role, m.country, JSON.stringify(m.languages), m.timezone, m.joinedAt);
  })();
}

export function memberName(db: Db, communityId: string, userId: string): string | null {
  const row = db.prepare('SELECT display_name FROM community_members WHERE community_id = ? AND user_id = ?').get(communityId, userId) as
    { display_name: string } | undefined;
  return row?.display_name ?? null;
}
