import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { StudioError } from '../../common/errors';
import { hubEndpoints, inviteCodeSchema, inviteLink, type Invite } from '../../common/hub-api';
import { hashSecret, newInviteCode } from '../auth/tokens';
import { requireCan, requireMember, roleIn } from '../communities/membership';
import type { HubContext } from '../context';
import type { HubDb } from '../db/open';
import type { HubDatabase } from '../db/schema';
import { communityParamsSchema, toCommunity } from './communities';

const inviteParamsSchema = communityParamsSchema.extend({ inviteId: z.uuid() });

function toInvite(row: HubDatabase['invites']): Invite {
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

/** The invite behind a code, if it can still be used; codes are looked up by hash only. */
async function usableInvite(db: HubDb, code: string, now: number): Promise<HubDatabase['invites']> {
  const invite = await db.selectFrom('invites').selectAll().where('code_hash', '=', hashSecret(code)).executeTakeFirst();
  if (!invite || invite.revoked_at !== null) throw new StudioError('invite_invalid');
  if (invite.expires_at <= now) throw new StudioError('invite_expired', { reason: 'expired' });
  if (invite.max_uses !== null && invite.uses >= invite.max_uses) throw new StudioError('invite_expired', { reason: 'used_up' });
  return invite;
}

export function inviteRoutes(app: FastifyInstance, ctx: HubContext): void {
  const { db } = ctx;
  const e = hubEndpoints;

  app.post(e.createInvite.path, async (request, reply) => {
    const user = await ctx.authenticate(request.headers.authorization);
    const { communityId } = communityParamsSchema.parse(request.params);
    requireCan(await requireMember(db, communityId, user.userId), 'community.invite');
    const body = e.createInvite.body.parse(request.body ?? {});
    const now = ctx.now();
    const code = newInviteCode();
    const row = {
      id: uuidv7(),
      community_id: communityId,
      code_hash: hashSecret(inviteCodeSchema.parse(code)),
      role: body.role,
      expires_at: now + body.expiresInHours * 60 * 60 * 1000,
      max_uses: body.maxUses,
      uses: 0,
      created_by: user.userId,
      created_at: now,
      revoked_at: null,
    };
    await db.insertInto('invites').values(row).execute();
    void reply.status(201);
    return { invite: toInvite(row), code, link: inviteLink(ctx.publicUrl, code) };
  });

  app.get(e.listInvites.path, async (request) => {
    const user = await ctx.authenticate(request.headers.authorization);
    const { communityId } = communityParamsSchema.parse(request.params);
    requireCan(await requireMember(db, communityId, user.userId), 'community.invite');
    const rows = await db.selectFrom('invites').selectAll().where('community_id', '=', communityId).orderBy('created_at', 'desc').execute();
    return { invites: rows.map(toInvite) };
  });

  app.delete(e.revokeInvite.path, async (request, reply) => {
    const user = await ctx.authenticate(request.headers.authorization);
    const { communityId, inviteId } = inviteParamsSchema.parse(request.params);
    requireCan(await requireMember(db, communityId, user.userId), 'community.invite');
    const result = await db
      .updateTable('invites')
      .set({ revoked_at: ctx.now() })
      .where('id', '=', inviteId)
      .where('community_id', '=', communityId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new StudioError('not_found');
    return reply.status(204).send();
  });

  app.post(e.previewInvite.path, async (request) => {
    await ctx.authenticate(request.headers.authorization);
    const { code } = e.previewInvite.body.parse(request.body);
    const invite = await usableInvite(db, code, ctx.now());
    const community = await db.selectFrom('communities').selectAll().where('id', '=', invite.community_id).executeTakeFirstOrThrow();
    return {
      communityId: community.id,
      name: community.name,
      description: community.description,
      languages: JSON.parse(community.languages) as string[],
      role: invite.role,
      expiresAt: invite.expires_at,
    };
  });

  app.post(e.joinWithInvite.path, async (request) => {
    const user = await ctx.authenticate(request.headers.authorization);
    const { code } = e.joinWithInvite.body.parse(request.body);
    const now = ctx.now();
    return db.transaction().execute(async (trx) => {
      const invite = await usableInvite(trx, code, now);
      const community = await trx.selectFrom('communities').selectAll().where('id', '=', invite.community_id).executeTakeFirstOrThrow();
      // Joining twice keeps the role one already has and does not use up the invite.
      const existing = await roleIn(trx, invite.community_id, user.userId);
      if (existing) return { community: toCommunity(community, existing) };
      const claimed = await trx
        .updateTable('invites')
        .set((eb) => ({ uses: eb('uses', '+', 1) }))
        .where('id', '=', invite.id)
        .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) throw new StudioError('invite_expired', { reason: 'used_up' });
      await trx
        .insertInto('members')
        .values({ community_id: invite.community_id, user_id: user.userId, role: invite.role, joined_at: now })
        .execute();
      return { community: toCommunity(community, invite.role) };
    });
  });
}
