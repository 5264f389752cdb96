import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { hubEndpoints, inviteCodeSchema, inviteLink } from '../../common/hub-api';
import { hashSecret, newInviteCode } from '../auth/tokens';
import { insertInvite, invitesOf, joinWithInvite, previewInvite, revokeInvite, toInvite } from '../communities/invites';
import { requireCan, requireMember } from '../communities/membership';
import type { HubContext } from '../context';
import { route } from '../http/route';

export function inviteRoutes(app: FastifyInstance, ctx: HubContext): void {
  const { db } = ctx;
  const e = hubEndpoints;

  route(app, ctx, e.createInvite, {
    async authorize({ account, params }) {
      requireCan(await requireMember(db, params.communityId, account.userId), 'community.invite');
    },
    async handle({ account, params, body }) {
      const now = ctx.now();
      const code = newInviteCode();
      const row = {
        id: uuidv7(),
        community_id: params.communityId,
        code_hash: hashSecret(inviteCodeSchema.parse(code)),
        role: body.role,
        expires_at: now + body.expiresInHours * 60 * 60 * 1000,
        max_uses: body.maxUses,
        uses: 0,
        created_by: account.userId,
        created_at: now,
        revoked_at: null,
      };
      await insertInvite(db, row);
      return { invite: toInvite(row), code, link: inviteLink(ctx.publicUrl, code) };
    },
  });

  route(app, ctx, e.listInvites, async ({ account, params }) => {
    requireCan(await requireMember(db, params.communityId, account.userId), 'community.invite');
    return { invites: await invitesOf(db, params.communityId) };
  });

  route(app, ctx, e.revokeInvite, async ({ account, params }) => {
    requireCan(await requireMember(db, params.communityId, account.userId), 'community.invite');
    await revokeInvite(db, params.communityId, params.inviteId, ctx.now());
  });

  route(app, ctx, e.previewInvite, async ({ body }) => {
    const { invite, community } = await previewInvite(db, body.code, ctx.now());
    return {
      communityId: community.id,
      name: community.name,
      description: community.description,
      languages: JSON.parse(community.languages) as string[],
      role: invite.role,
      expiresAt: invite.expires_at,
    };
  });

  route(app, ctx, e.joinWithInvite, async ({ account, body }) => ({
    community: await joinWithInvite(db, body.code, account.userId, ctx.now()),
  }));
}
