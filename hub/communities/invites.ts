import { StudioError } from '../../common/errors';
import type { Community, Invite } from '../../common/hub-api';
import { hashSecret } from '../auth/tokens';
import type { HubDb } from '../db/open';
import type { HubDatabase } from '../db/schema';
import { roleIn } from './membership';
import { communityById, toCommunity, type CommunityRow } from './queries';

export type InviteRow = HubDatabase['invites'];

export function toInvite(row: InviteRow): Invite {
  return {
    id: row.id,
    role: row.role,
    expiresAt: row.expires_at,
    maxUses: row.max_uses,
    uses: row.uses,
    createdAt: row.created_at,
    revoked: row.revoked_at !== null,
  };
}

export async function insertInvite(db: HubDb, row: InviteRow): Promise<void> {
  await db.insertInto('invites').values(row).execute();
}

/** A community's invites, newest first. */
export async function invitesOf(db: HubDb, communityId: string): Promise<Invite[]> {
  const rows = await db.selectFrom('invites').selectAll().where('community_id', '=', communityId).orderBy('created_at', 'desc').execute();
  return rows.map(toInvite);
}

/** Revokes one of a community's invites; `not_found` when it has no such invite. */
export async function revokeInvite(db: HubDb, communityId: string, inviteId: string, now: number): Promise<void> {
  const result = await db
    .updateTable('invites')
    .set({ revoked_at: now })
    .where('id', '=', inviteId)
    .where('community_id', '=', communityId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new StudioError('not_found');
}

/** The invite behind a code, if it can still be used; codes are looked up by hash only. */
export async function usableInvite(db: HubDb, code: string, now: number): Promise<InviteRow> {
  const invite = await db.selectFrom('invites').selectAll().where('code_hash', '=', hashSecret(code)).executeTakeFirst();
  if (!invite || invite.revoked_at !== null) throw new StudioError('invite_invalid');
  if (invite.expires_at <= now) throw new StudioError('invite_expired', { reason: 'expired' });
  if (invite.max_uses !== null && invite.uses >= invite.max_uses) throw new StudioError('invite_expired', { reason: 'used_up' });
  return invite;
}

/** What an invite code leads to, without using it. */
export async function previewInvite(db: HubDb, code: string, now: number): Promise<{ invite: InviteRow; community: CommunityRow }> {
  const invite = await usableInvite(db, code, now);
  return { invite, community: await communityById(db, invite.community_id) };
}

/** Joins a community with an invite code, in one transaction. */
export async function joinWithInvite(db: HubDb, code: string, userId: string, now: number): Promise<Community> {
  return db.transaction().execute(async (trx) => {
    const invite = await usableInvite(trx, code, now);
    const community = await communityById(trx, invite.community_id);
    // Joining twice keeps the role one already has and does not use up the invite.
    const existing = await roleIn(trx, invite.community_id, userId);
    if (existing) return toCommunity(community, existing);
    const claimed = await trx
      .updateTable('invites')
      .set((eb) => ({ uses: eb('uses', '+', 1) }))
      .where('id', '=', invite.id)
      .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) throw new StudioError('invite_expired', { reason: 'used_up' });
    await trx
      .insertInto('members')
      .values({ community_id: invite.community_id, user_id: userId, role: invite.role, joined_at: now })
      .execute();
    return toCommunity(community, invite.role);
  });
}
