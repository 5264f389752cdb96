import { StudioError } from '../../common/errors';
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
