import { StudioError } from '../../common/errors';
import type { Member } from '../../common/hub-api';
import { can, type Operation, type Role } from '../../common/permissions';
import type { HubDb } from '../db/open';

export async function roleIn(db: HubDb, communityId: string, userId: string): Promise<Role | null> {
  const row = await db
    .selectFrom('members')
    .select('role')
    .where('community_id', '=', communityId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

/** The caller's role, or `forbidden` for anyone who is not (or no longer) a member. */
export async function requireMember(db: HubDb, communityId: string, userId: string): Promise<Role> {
  const role = await roleIn(db, communityId, userId);
  if (!role) throw new StudioError('forbidden', { reason: 'not_member' });
  return role;
}

export function requireCan(role: Role, operation: Operation, options: { isOwner?: boolean } = {}): void {
  if (!can(role, operation, options)) throw new StudioError('forbidden', { operation });
}

/** A community always keeps a lead: the last one cannot leave, be removed or step down. */
export async function assertNotLastLead(db: HubDb, communityId: string, userId: string): Promise<void> {
  const leads = await db
    .selectFrom('members')
    .select('user_id')
    .where('community_id', '=', communityId)
    .where('role', '=', 'lead')
    .execute();
  if (leads.length === 1 && leads[0]?.user_id === userId) throw new StudioError('last_lead');
}

export async function membersOf(db: HubDb, communityId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .select(['users.id', 'users.display_name', 'users.country', 'users.languages', 'users.timezone', 'members.role', 'members.joined_at'])
    .where('members.community_id', '=', communityId)
    .orderBy('users.display_name')
    .execute();
  return rows.map((row) => ({
    userId: row.id,
    displayName: row.display_name,
    role: row.role,
    country: row.country,
    languages: JSON.parse(row.languages) as string[],
    timezone: row.timezone,
    joinedAt: row.joined_at,
  }));
}

/** Gives a member another role; `not_found` for someone who is not one, `last_lead` for the last lead stepping down. */
export async function changeRole(db: HubDb, communityId: string, userId: string, role: Role): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await roleIn(trx, communityId, userId);
    if (!current) throw new StudioError('not_found', { userId });
    if (current === 'lead' && role !== 'lead') await assertNotLastLead(trx, communityId, userId);
    await trx.updateTable('members').set({ role }).where('community_id', '=', communityId).where('user_id', '=', userId).execute();
  });
}

/** Takes a member out of a community (leaving, or being removed); the last lead may go only if alone. */
export async function removeMember(db: HubDb, communityId: string, userId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await roleIn(trx, communityId, userId);
    if (!current) throw new StudioError('not_found', { userId });
    const others = await trx
      .selectFrom('members')
      .select('user_id')
      .where('community_id', '=', communityId)
      .where('user_id', '!=', userId)
      .limit(1)
      .execute();
    // Someone alone in a community may leave it; otherwise somebody must stay in charge.
    if (current === 'lead' && others.length > 0) await assertNotLastLead(trx, communityId, userId);
    await trx.deleteFrom('members').where('community_id', '=', communityId).where('user_id', '=', userId).execute();
  });
}
