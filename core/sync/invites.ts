import type { CallArgs } from '../../common/contract';
import type { Invite } from '../../common/hub-api';
import type { LocalInvite } from '../../common/schemas/community';
import type { Db } from '../db/open';
import type { HubClient } from '../hub/client';
import { readMetaJson, writeMeta } from './meta';

/**
 * Invitations a lead has made. The hub keeps only a hash of each code, so the code itself is kept on
 * the device that made it: there the lead can copy it again later; elsewhere it shows without one.
 */
const keyOf = (inviteId: string) => `invite:${inviteId}`;

export async function createInvite(db: Db, client: HubClient, { communityId, ...body }: CallArgs<'invites.create'>) {
  const created = await client.call('createInvite', { params: { communityId }, body });
  writeMeta(db, keyOf(created.invite.id), JSON.stringify({ code: created.code, link: created.link }));
  return created;
}

function isOpen(invite: Invite, now: number): boolean {
  return !invite.revoked && invite.expiresAt > now && (invite.maxUses === null || invite.uses < invite.maxUses);
}

/** The community's open invitations (not revoked, expired or used up), newest first, with the code where this device has it. */
export async function listInvites(db: Db, client: HubClient, communityId: string, now: number): Promise<LocalInvite[]> {
  const { invites } = await client.call('listInvites', { params: { communityId } });
  return (
    invites
      .filter((invite) => isOpen(invite, now))
      // Ids are UUIDv7: two made in the same millisecond still come newest first.
      .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id))
      .map((invite) => {
        const kept = readMetaJson<{ code: string; link: string }>(db, keyOf(invite.id));
        return { ...invite, code: kept?.code ?? null, link: kept?.link ?? null };
      })
  );
}

export async function revokeInvite(db: Db, client: HubClient, { communityId, inviteId }: CallArgs<'invites.revoke'>): Promise<void> {
  await client.call('revokeInvite', { params: { communityId, inviteId } });
  writeMeta(db, keyOf(inviteId), null);
}
