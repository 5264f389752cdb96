import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { StudioError } from '../../common/errors';
import { hubEndpoints } from '../../common/hub-api';
import { assertNotLastLead, requireCan, requireMember, roleIn } from '../communities/membership';
import type { HubContext } from '../context';
import { communityParamsSchema } from './communities';

const memberParamsSchema = communityParamsSchema.extend({ userId: z.uuid() });

export function memberRoutes(app: FastifyInstance, ctx: HubContext): void {
  const { db } = ctx;
  const e = hubEndpoints;

  app.get(e.listMembers.path, async (request) => {
    const user = await ctx.authenticate(request.headers.authorization);
    const { communityId } = communityParamsSchema.parse(request.params);
    await requireMember(db, communityId, user.userId);
    const rows = await db
      .selectFrom('members')
      .innerJoin('users', 'users.id', 'members.user_id')
      .select(['users.id', 'users.display_name', 'users.country', 'users.languages', 'users.timezone', 'members.role', 'members.joined_at'])
      .where('members.community_id', '=', communityId)
      .orderBy('users.display_name')
      .execute();
    return {
      members: rows.map((row) => ({
        userId: row.id,
        displayName: row.display_name,
        role: row.role,
        country: row.country,
        languages: JSON.parse(row.languages) as string[],
        timezone: row.timezone,
        joinedAt: row.joined_at,
      })),
    };
  });

  app.patch(e.changeRole.path, async (request, reply) => {
    const user = await ctx.authenticate(request.headers.authorization);
    const { communityId, userId } = memberParamsSchema.parse(request.params);
    requireCan(await requireMember(db, communityId, user.userId), 'member.changeRole');
    const { role } = e.changeRole.body.parse(request.body);
    await db.transaction().execute(async (trx) => {
      const current = await roleIn(trx, communityId, userId);
      if (!current) throw new StudioError('not_found', { userId });
      if (current === 'lead' && role !== 'lead') await assertNotLastLead(trx, communityId, userId);
      await trx.updateTable('members').set({ role }).where('community_id', '=', communityId).where('user_id', '=', userId).execute();
    });
    return reply.status(204).send();
  });

  app.delete(e.removeMember.path, async (request, reply) => {
    const user = await ctx.authenticate(request.headers.authorization);
    const { communityId, userId } = memberParamsSchema.parse(request.params);
    const leaving = userId === user.userId;
    requireCan(await requireMember(db, communityId, user.userId), leaving ? 'community.leave' : 'member.remove');
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
    return reply.status(204).send();
  });
}
