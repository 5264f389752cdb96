import type { Community } from '../../common/hub-api';
import type { Role } from '../../common/permissions';
import type { HubDb } from '../db/open';
import type { HubDatabase } from '../db/schema';

export type CommunityRow = HubDatabase['communities'];

export function toCommunity(row: CommunityRow, myRole: Role): Community {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    languages: JSON.parse(row.languages) as string[],
    createdAt: row.created_at,
    myRole,
  };
}

/** The communities a person belongs to, by name, each with their role there. */
export async function communitiesOf(db: HubDb, userId: string): Promise<Community[]> {
  const rows = await db
    .selectFrom('communities')
    .innerJoin('members', 'members.community_id', 'communities.id')
    .selectAll('communities')
    .select('members.role')
    .where('members.user_id', '=', userId)
    .orderBy('communities.name')
    .execute();
  return rows.map((row) => toCommunity(row, row.role));
}

/** A new community, with the person who made it as its first lead. */
export async function insertCommunity(db: HubDb, row: CommunityRow): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('communities').values(row).execute();
    await trx
      .insertInto('members')
      .values({ community_id: row.id, user_id: row.created_by, role: 'lead', joined_at: row.created_at })
      .execute();
  });
}

/** A community that must exist (its caller has already found a membership in it). */
export async function communityById(db: HubDb, communityId: string): Promise<CommunityRow> {
  return db.selectFrom('communities').selectAll().where('id', '=', communityId).executeTakeFirstOrThrow();
}

export async function updateCommunity(
  db: HubDb,
  communityId: string,
  changes: { name?: string | undefined; description?: string | undefined; languages?: string[] | undefined },
  now: number,
): Promise<void> {
  await db
    .updateTable('communities')
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.description !== undefined && { description: changes.description }),
      ...(changes.languages !== undefined && { languages: JSON.stringify(changes.languages) }),
      updated_at: now,
    })
    .where('id', '=', communityId)
    .execute();
}
